"""`tf.contrib.layers` regularizers, re-exported for slim: the runtime's own (which the analyzer
already models), not a second implementation."""
import tensorflow as tf

l1_regularizer = tf.contrib.layers.l1_regularizer
l2_regularizer = tf.contrib.layers.l2_regularizer
l1_l2_regularizer = tf.contrib.layers.l1_l2_regularizer
sum_regularizer = tf.contrib.layers.sum_regularizer
apply_regularization = tf.contrib.layers.apply_regularization
