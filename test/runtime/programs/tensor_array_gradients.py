# Gradients through a tf.TensorArray are not implemented in Scope Lens's runtime (TF 1.15 builds
# them: tensor_array_grad.py, a TensorArrayGradV3 array per source): tf.gradients reaching a
# TensorArray op raises NotImplementedError naming it (not the tape's gradient of a kernel that
# changes the array when run); gradients beside an array work, and its size is no path.
import tensorflow as tf

x = tf.constant([1.0, 2.0])
y = tf.TensorArray(tf.float32, size=1).write(0, x * 2).read(0)
try:
    tf.gradients(tf.reduce_sum(y), x)
except NotImplementedError as e:
    print("NotImplementedError:", e)
grown = tf.TensorArray(tf.float32, size=0, dynamic_size=True).write(0, x)
beside = tf.reduce_sum(x * x) + tf.cast(grown.size(), tf.float32)
with tf.Session() as sess:
    print(sess.run([beside, tf.gradients(beside, x)[0]]))
