# Flatten with channels_first moves the channels last before flattening (Keras's Flatten.call,
# which tf.layers' Flatten is in TF 1.15): values in element order of NHWC.
import numpy as np
import tensorflow as tf
x = tf.placeholder(tf.float32, [None, 2, 3, 4])
y = tf.keras.layers.Flatten(data_format="channels_first")(x)
print(y.name, y.shape)
with tf.Session() as s:
    print(s.run(y, {x: np.arange(24, dtype=np.float32).reshape(1, 2, 3, 4)}).tolist())
z = tf.layers.flatten(x, data_format="channels_first")
w = tf.layers.Flatten(data_format="channels_first")(tf.placeholder(tf.float32, [None, 5]))
print(z.name, z.shape, w.name, w.shape)
with tf.Session() as s:
    print(s.run(z, {x: np.arange(24, dtype=np.float32).reshape(1, 2, 3, 4)}).tolist())
