# Every import form of TF 1.x code reaches the same module.
import tensorflow.compat.v1 as tf
tf.disable_v2_behavior()
from tensorflow.compat import v1 as tf1
from tensorflow import variable_scope, get_variable
import tensorflow
print(tf is tf1)
with variable_scope("s"):
    v = get_variable("v", [2])
print(v.name, tf.compat.v1.get_variable_scope().name == "")
print(tensorflow.compat.v1.get_variable is tensorflow.get_variable)
