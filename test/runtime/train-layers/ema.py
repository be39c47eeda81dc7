# ExponentialMovingAverage: slots in the variable scope at apply time, MOVING_AVERAGE_VARIABLES
# for Variables only, zero-debiased tensors, average/average_name/variables_to_restore.
import tensorflow as tf

with tf.variable_scope('m'):
    w = tf.get_variable('w', [2, 3])
    s = tf.get_variable('s', [], trainable=False)
t = tf.reduce_mean(w, axis=0)
u = tf.reduce_sum(w)
ema = tf.train.ExponentialMovingAverage(0.9, name='avg')
print(ema.average_name(w), ema.average(w))
with tf.variable_scope('outer'):
    with tf.name_scope('ignored'):
        op = ema.apply([w, t])
print(op.name, ema.average_name(w), ema.average(t).name, ema.average_name(t))
deb = tf.train.ExponentialMovingAverage(0.99, zero_debias=True, num_updates=10)
deb.apply([u, s])
try:
    deb.apply([tf.constant(1, name='ints')])
except TypeError as e:
    print(type(e).__name__ + ': ' + str(e))
print('MAV', [v.name for v in tf.get_collection(tf.GraphKeys.MOVING_AVERAGE_VARIABLES)])
restore = ema.variables_to_restore()
print(sorted((k, v.name) for k, v in restore.items()))
for x in tf.global_variables():
    print(x.name, x.shape, x.trainable)
