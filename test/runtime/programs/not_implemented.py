# A TF API Scope Lens does not implement says so, instead of doing something wrong.
import tensorflow as tf
try:
    tf.estimator.DNNClassifier
except NotImplementedError as e:
    print(type(e).__name__, e)
try:
    tf.contrib.rnn.LayerNormBasicLSTMCell
except NotImplementedError as e:
    print(type(e).__name__, e)
