# tf.layers sharing: a built layer re-enters its scope with reuse=True, reuse= on the
# functional forms, the scope= argument of a call, weight lists and `built`.
import tensorflow as tf


def dump():
    tr = set(v.name for v in tf.trainable_variables())
    for v in tf.global_variables():
        print(v.name, v.shape, v.name in tr)


x = tf.placeholder(tf.float32, [None, 4])
d = tf.layers.Dense(3)
print(d.built, len(d.variables))
with tf.variable_scope('first'):
    y1 = d(x)
with tf.variable_scope('second'):
    y2 = d(x)
print(d.built, d.scope_name, [v.name for v in d.weights])
print(y1.name, y2.name)
tf.layers.dense(x, 3, name='fc')
tf.layers.dense(x, 3, name='fc', reuse=True)
tf.layers.dense(x, 3, name='auto', reuse=tf.AUTO_REUSE)
tf.layers.dense(x, 3, name='auto', reuse=tf.AUTO_REUSE)
try:
    tf.layers.dense(x, 3, name='fc')
except ValueError as e:
    print('ValueError:', str(e).split('\n')[0])
try:
    tf.layers.dense(x, 3, name='other', reuse=True)
except ValueError as e:
    print('ValueError:', str(e).split('\n')[0])
e = tf.layers.Dense(2)
e(x, scope='given')
e(x)
print(e.scope_name)
with tf.variable_scope('vs') as vs:
    pass
f = tf.layers.Dense(2)
f(x, scope=vs)
print(f.scope_name)
frozen = tf.layers.Dense(2, trainable=False, name='frozen')
frozen(x)
print(len(frozen.trainable_variables), len(frozen.non_trainable_variables),
      len(frozen.trainable_weights), len(frozen.weights))
with tf.variable_scope('shared', reuse=tf.AUTO_REUSE):
    tf.layers.dense(x, 2, name='h')
    tf.layers.dense(x, 2, name='h')
dump()
