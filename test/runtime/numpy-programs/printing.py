# How arrays and scalars print: repr and str, dtypes, wrapping, precision, summaries.
import numpy as np

values = [
    np.array([1.0, 2.5, -3.25]),
    np.array([1, 2, 3]),
    np.array([True, False]),
    np.array([0.1, 0.2, 0.3], dtype=np.float32),
    np.array([1, 2, 3], dtype=np.int32),
    np.array([[1.5, 2.0], [3.0, 4.0]]),
    np.zeros((2, 3)),
    np.ones((2, 2), dtype=np.int64),
    np.zeros((2, 0)),
    np.array([]),
    np.array(3.5),
    np.array([1e-5, 1.0]),
    np.array([1e10, 1.0]),
    np.array([np.nan, np.inf, -np.inf, 1.0]),
    np.array([-0.0, 0.0]),
    np.array([123456789.0, 0.5]),
    np.array([1.0 / 3, 2.0 / 3], dtype=np.float32),
    np.arange(30).reshape(2, 3, 5),
    np.linspace(0, 1, 11),
    np.arange(2000),
    np.arange(2000.0).reshape(40, 50) / 7,
    np.arange(0, 100, 0.5),
    np.full((2, 2), 7, dtype=np.float32),
    np.eye(3, dtype=np.int32),
]
for v in values:
    print(repr(v))
    print(v)
    print(type(v), v.dtype, v.shape, v.ndim, v.size)

scalars = [np.float32(1.0), np.float32(0.1), np.float64(2.5), np.int32(7), np.int64(-3),
           np.bool_(True), np.float32(1e-8), np.float64(1e20), np.float32(np.nan),
           np.sum(np.array([1.5, 2.5])), np.array([1, 2], np.int32)[0], np.mean([1, 2])]
for s in scalars:
    print(repr(s), str(s), type(s).__name__, s.dtype)

print(np.float32, np.int64, np.dtype('float32'), repr(np.dtype(np.int32)), np.dtype(float))
print(np.array([1, 2]).tolist(), np.array(2.5).item(), np.array([[1, 2]]).flatten())
print(np.pi, np.e, np.newaxis, np.inf, np.nan)
print(str(np.array([1.5, 2.5]) * 2), '%s' % np.float32(0.25), '{}'.format(np.array([1, 2])))
print([np.float32(0.5), np.int64(2)], (np.array([1.0]),))
