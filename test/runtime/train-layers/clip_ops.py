# Gradient clipping: op names under each function's name scope (clip_by_global_norm names its
# tensors <scope>_<i> inside the scope again), None entries kept, TF's values.
import tensorflow as tf

w = tf.get_variable('w', [3, 2])
u = tf.get_variable('u', [2])
a = tf.clip_by_value(w, -1.0, 1.0)
b = tf.clip_by_norm(w, 2.0)
c, n = tf.clip_by_global_norm([w, None, u], 5.0)
print(a.name, a.shape, b.name, b.shape)
print([x if x is None else x.name for x in c], n.name, n.shape)
print(tf.global_norm([w, u]).name)
c2, n2 = tf.clip_by_global_norm([w], 1.0, name='clip')
print(c2[0].name, n2.name)
grads = tf.gradients(tf.reduce_sum(w * 3.0), [w, u])
clipped, norm = tf.clip_by_global_norm(grads, 1.0)
print([g if g is None else g.shape for g in clipped], norm.name)
with tf.Session() as s:
    x = tf.constant([[3.0, 4.0]])
    print(s.run(tf.clip_by_norm(x, 1.0)), s.run(tf.clip_by_value(x, 0.0, 3.5)))
    print(s.run(tf.clip_by_norm(tf.constant([[3.0, 4.0], [0.0, 0.5]]), 1.0, axes=[1])))
    cl, nn = s.run(tf.clip_by_global_norm([x, tf.constant([12.0])], 6.5))
    print(cl, nn)
