# Regularizer losses made by tf.layers: named in the layer's name scope under
# <weight>/Regularizer/, added once per variable (not again when a layer is reused).
import tensorflow as tf

x = tf.placeholder(tf.float32, [None, 4])
img = tf.placeholder(tf.float32, [None, 8, 8, 2])
l2 = tf.contrib.layers.l2_regularizer(0.1)
l1 = tf.contrib.layers.l1_regularizer(0.1)
d = tf.layers.Dense(3, kernel_regularizer=l2, bias_regularizer=l1)
d(x)
d(x)
tf.layers.conv2d(img, 4, 3, kernel_regularizer=l2)
with tf.variable_scope('outer'):
    tf.layers.separable_conv2d(img, 4, 3, depthwise_regularizer=l1, pointwise_regularizer=l2)
    tf.layers.batch_normalization(img, gamma_regularizer=l2, beta_regularizer=l1)
tf.layers.dense(x, 2, name='r', kernel_regularizer=l2)
tf.layers.dense(x, 2, name='r', kernel_regularizer=l2, reuse=True)
for loss in tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES):
    print('reg', loss.name)
print(len(d.losses))
