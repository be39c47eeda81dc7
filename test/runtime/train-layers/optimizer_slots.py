# Each optimizer's slots: <primary op name>/<optimizer name>, then _1, _2 for further slots of
# the same primary; slots follow the variable scope at minimize time, never the name scope.
import tensorflow as tf


def dump():
    trainable = tf.trainable_variables()
    for v in tf.global_variables():
        print(v.name, v.shape, v.dtype.base_dtype.name, v in trainable)


with tf.variable_scope('net'):
    w = tf.get_variable('w', [4, 3])
    b = tf.get_variable('b', [3], initializer=tf.zeros_initializer())
    d = tf.get_variable('d', [2], dtype=tf.float64)
unused = tf.get_variable('unused', [5])
x = tf.ones([2, 4])
loss = tf.reduce_sum(tf.matmul(x, w) + b) + tf.cast(tf.reduce_sum(d), tf.float32)

ops = []
ops.append(tf.train.GradientDescentOptimizer(0.1).minimize(loss, var_list=[w, b]))
with tf.name_scope('ignored'):
    ops.append(tf.train.MomentumOptimizer(0.1, 0.9).minimize(loss, var_list=[w]))
with tf.variable_scope('opt'):
    ops.append(tf.train.RMSPropOptimizer(0.01).minimize(loss, var_list=[w, d]))
    ops.append(tf.train.RMSPropOptimizer(0.01, centered=True, name='C').minimize(
        loss, var_list=[b]))
ops.append(tf.train.AdagradOptimizer(0.1, initial_accumulator_value=0.5).minimize(
    loss, var_list=[b]))
ops.append(tf.train.AdadeltaOptimizer().minimize(loss, var_list=[b]))
ops.append(tf.train.FtrlOptimizer(0.1).minimize(loss, var_list=[b]))
ops.append(tf.train.MomentumOptimizer(0.1, 0.5).minimize(loss, var_list=[w]))
print([op.name for op in ops])
print([op.name for op in tf.get_collection(tf.GraphKeys.TRAIN_OP)])
dump()
