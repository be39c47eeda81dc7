# Slots and Adam's powers are variables of their primary's kind: resource variables for a
# resource primary (dtype without _ref), reference variables otherwise.
import tensorflow as tf

r = tf.get_variable('r', [2], use_resource=True)
v = tf.Variable([1.0, 2.0], name='plain', use_resource=True)
p = tf.get_variable('p', [3])
loss = tf.reduce_sum(r) + tf.reduce_sum(v) + tf.reduce_sum(p)
tf.train.AdamOptimizer().minimize(loss, var_list=[r, v])
tf.train.MomentumOptimizer(0.1, 0.9).minimize(loss, var_list=[p])
ema = tf.train.ExponentialMovingAverage(0.5)
ema.apply([r, p])
for x in tf.global_variables():
    print(x.name, x.dtype, x.shape, type(x).__name__)
