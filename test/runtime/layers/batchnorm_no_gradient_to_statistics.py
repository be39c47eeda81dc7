# Gradients never reach a fused batch norm's moving statistics (TF's kernel has none for
# them), so an optimizer over tf.global_variables() makes slots only for the other variables.
import numpy as np
import tensorflow as tf

slim = tf.contrib.slim
images = tf.placeholder(tf.float32, [2, 4, 4, 3])
phase_train = tf.placeholder(tf.bool, [])
net = slim.conv2d(images, 4, 3, normalizer_fn=slim.batch_norm,
                  normalizer_params={"is_training": phase_train}, scope="conv")
net = slim.conv2d(net, 4, 3, normalizer_fn=slim.batch_norm,
                  normalizer_params={"is_training": False}, scope="frozen")
net = tf.layers.batch_normalization(net, training=phase_train, name="layers_bn")
net = tf.layers.batch_normalization(net, training=False, name="layers_frozen")
loss = tf.reduce_mean(tf.square(net))
grads = tf.gradients(loss, tf.global_variables())
for v, g in zip(tf.global_variables(), grads):
    print(v.name, g is not None)
train = tf.train.AdagradOptimizer(0.1).minimize(loss, var_list=tf.global_variables())
print(len(tf.global_variables()), [v.name for v in tf.global_variables() if "Adagrad" in v.name and "moving" in v.name])
