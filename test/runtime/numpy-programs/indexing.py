# Basic and advanced indexing, slicing and assignment.
import numpy as np

a = np.arange(24).reshape(2, 3, 4)
print(a[0], a[-1, -1], a[1, 2, 3], a[0, :, 1], a[:, 1:, ::2], a[..., 0], a[0, ...])
print(a[None].shape, a[:, None].shape, a[..., None].shape, a[0, None, 1].shape)
print(a[::-1, ::-2, 1], a[1][2][3], a[-2:, :1, -1:])
m = np.arange(12).reshape(3, 4)
print(m[m > 5], m[m % 2 == 0], m[[0, 2]], m[np.array([2, 0, 2])], m[[-1]])
print(m[np.array([True, False, True])], m[:, [0, 3]], m[[0, 1], [1, 2]], m[1, [0, 2]])
print(m[np.array([[0, 1], [2, 2]])].shape, m[:, np.array([True, False, True, False])])
m[0] = 100
m[1, 1:3] = [7, 8]
m[m > 50] = -1
m[:, 3] = np.array([9, 9, 9])
print(m)
f = np.zeros((2, 3), dtype=np.float32)
f[0, 0] = 1.5
f[1] = 2
f[:, 2] += 0.25
print(f, f.dtype)
v = np.arange(10)
print(v[2:7], v[::3], v[-3:], v[:-7:-1], v[v > 7], v[[1, 1, 2]])
for row in m:
    print(row, row.sum())
print(m.shape[0], m.shape[-1], m.reshape(-1, 2).shape, m.reshape(2, -1).shape)
try:
    m[5]
except IndexError as e:
    print('IndexError:', e)
try:
    np.zeros(3) + np.zeros(4)
except ValueError as e:
    print('ValueError:', e)
try:
    np.arange(6).reshape(4, 2)
except ValueError as e:
    print('ValueError:', e)
