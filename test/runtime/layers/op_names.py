# Op names of layer outputs: ops are made in the layer's original name scope (dense/BiasAdd), slim
# pools and flatten open name scopes (MaxPool2D, MaxPool2D_1), a named pool layer is uniquified.
import tensorflow as tf
slim = tf.contrib.slim
x = tf.placeholder(tf.float32, [None, 4])
img = tf.placeholder(tf.float32, [None, 8, 8, 3])
print(tf.layers.dense(x, 2).name, tf.layers.dense(x, 2, activation=tf.nn.relu).name)
print(tf.layers.conv2d(img, 2, 3).name, tf.layers.max_pooling2d(img, 2, 2).name)
print(tf.layers.flatten(img).name, tf.layers.dropout(x).name)
print(slim.max_pool2d(img, 2).name, slim.max_pool2d(img, 2).name, slim.avg_pool2d(img, 2).name)
print(slim.flatten(img).name, slim.dropout(x, is_training=False).name)
print(slim.fully_connected(x, 3).name, slim.conv2d(img, 3, 3).name)
print(slim.fully_connected(x, 3, activation_fn=None).name)
print(tf.layers.dense(x, 2).name)
print(tf.layers.max_pooling2d(img, 2, 2, name='pool').name)
print(tf.layers.max_pooling2d(img, 2, 2, name='pool').name)
print([v.name for v in tf.global_variables()][-2:])
