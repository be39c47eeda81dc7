# np.set_printoptions / np.printoptions: precision, suppress, threshold, edgeitems, linewidth.
import numpy as np

a = np.array([3.14159265, 1e-6, 2.5, -1234.5678])
b = np.linspace(0, 1, 7)
c = np.arange(30.0) / 3
print(a, b)
np.set_printoptions(precision=3)
print(a, b, repr(b.astype(np.float32)), np.float64(3.14159265), np.array([np.pi]))
np.set_printoptions(suppress=True)
print(a, repr(a), np.array([1e-10, 1.0]), np.array([1e9, 1.0]))
np.set_printoptions(precision=8, suppress=False, threshold=5, edgeitems=2)
print(np.arange(10), np.arange(24).reshape(4, 6), np.arange(5))
np.set_printoptions(threshold=1000, edgeitems=3, linewidth=40)
print(c, repr(np.arange(20)))
np.set_printoptions(linewidth=75)
with np.printoptions(precision=2, suppress=True):
    print(a, np.get_printoptions()['precision'])
print(a, np.get_printoptions()['precision'], np.get_printoptions()['linewidth'])
