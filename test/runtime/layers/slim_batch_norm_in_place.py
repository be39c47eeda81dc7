# slim.batch_norm(updates_collections=None): the moving averages update in place (the output
# waits for them through control dependencies), nothing joins UPDATE_OPS; the variables are the
# usual ones. tf.control_dependencies orders a user's train op after the UPDATE_OPS.
import tensorflow as tf

x = tf.placeholder(tf.float32, [4, 3])
h = tf.contrib.layers.batch_norm(x, decay=0.5, updates_collections=None, scale=True,
                                 is_training=True, scope='bn1')
print(h.shape, len(tf.get_collection(tf.GraphKeys.UPDATE_OPS)))
for v in tf.global_variables():
    print(v.name, v.shape, v.trainable)
y = tf.contrib.layers.batch_norm(x, decay=0.5, scope='bn2')
updates = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
print(len(updates))
with tf.control_dependencies(updates):
    total = tf.identity(tf.reduce_sum(y), name='total')
print(total.name, [op.name for op in total.op.control_inputs])
with tf.control_dependencies(None):
    free = tf.identity(y, name='free')
print(free.op.control_inputs)
try:
    with tf.control_dependencies([3]):
        pass
except TypeError as e:
    print('TypeError:', e)
data = [[1.0, 2.0, 3.0], [3.0, 2.0, 1.0], [0.0, 0.0, 0.0], [4.0, 4.0, 4.0]]
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    s.run(h, {x: data})
    mm = [v for v in tf.global_variables() if v.name == 'bn1/moving_mean:0'][0]
    print(s.run(mm))
    s.run(total, {x: data})
    mm2 = [v for v in tf.global_variables() if v.name == 'bn2/moving_mean:0'][0]
    print(s.run(mm2))
