# What Scope Lens's runtime does not provide says so: NumPy names raise NotImplementedError
# naming them (never AttributeError), other names AttributeError as in NumPy, and packages
# the runtime does not have raise ModuleNotFoundError with the reason.
import numpy as np

for name in ('fft', 'linalg', 'histogram', 'float16', 'einsum'):
    try:
        getattr(np, name)
    except NotImplementedError as e:
        print('NotImplementedError:', e)
try:
    np.no_such_function
except AttributeError as e:
    print('AttributeError:', e)
try:
    import numpy.fft
except NotImplementedError as e:
    print('NotImplementedError:', e)
try:
    np.random.poisson(3.0)
except NotImplementedError as e:
    print('NotImplementedError:', e)
try:
    np.zeros(3).view
except NotImplementedError as e:
    print('NotImplementedError:', e)
print(hasattr(np.zeros(3), 'no_such_attribute'), hasattr(np, 'no_such_attribute'))
print(np.float is float, np.int is int, np.bool is bool, np.float_ is np.float64)

for package in ('scipy', 'cv2', 'PIL', 'sklearn', 'matplotlib.pyplot', 'pandas'):
    try:
        __import__(package)
    except ModuleNotFoundError as e:
        print(type(e).__name__, e.name, '|', e)
