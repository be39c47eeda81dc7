import numpy as np

print("hello", int(np.arange(4).sum()))
