# Modules TF1 repositories import by path: the names they share with `tf` work, the others say
# they are not implemented (at use, so the import itself never fails).
import tensorflow as tf
import tensorflow.contrib.slim as slim
from tensorflow.contrib.layers.python.layers import initializers
from tensorflow.python.framework import ops
from tensorflow.python.platform import gfile
from tensorflow.python.training import training

print(initializers is slim.initializers, initializers.xavier_initializer is
      tf.contrib.layers.xavier_initializer)
with ops.name_scope("block"):
    print(tf.constant(1.0).name)
print(ops.GraphKeys.TRAINABLE_VARIABLES, ops.get_default_graph() is tf.get_default_graph())
print(training.AdamOptimizer is tf.train.AdamOptimizer, gfile is tf.gfile)
for get in (lambda: gfile.FastGFile, lambda: training.NewCheckpointReader.__name__,
            lambda: ops.RegisterGradient, lambda: initializers.variance_scaling_initializer().__name__):
    try:
        print(get())
    except NotImplementedError as e:
        print(type(e).__name__, e)
