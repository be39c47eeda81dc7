# A TF API Scope Lens does not implement says so, instead of doing something wrong.
import tensorflow as tf
try:
    tf.estimator.Estimator
except NotImplementedError as e:
    print(type(e).__name__, e)
