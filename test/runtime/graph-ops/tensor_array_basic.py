# tf.TensorArray outside a loop: write/read, unstack/stack, size, concat, dynamic_size,
# clear_after_read, and the op names TF builds.
import tensorflow as tf

ta = tf.TensorArray(tf.float32, size=3)
ta = ta.write(0, [1.0, 2.0])
ta = ta.write(1, [3.0, 4.0])
ta = ta.write(2, tf.constant([5.0, 6.0]))
r = ta.read(1)
s = ta.stack()
n = ta.size()
print(r, s, n, ta.flow, ta.handle, sep="\n")
u = tf.TensorArray(tf.int32, size=0, dynamic_size=True, clear_after_read=False,
                   element_shape=[2], name="dyn")
u = u.unstack([[1, 2], [3, 4], [5, 6], [7, 8]])
g = u.gather([3, 0])
c = u.concat()
u2 = u.write(5, [9, 9])
print(g, c, u2.size(), sep="\n")
for op in tf.get_default_graph().get_operations():
    print(op.name, op.type)
with tf.Session() as sess:
    print(sess.run(s), int(sess.run(n)))
    print(sess.run(r))
    print(sess.run([g, c, u.read(2), u.read(2)]))
    print(int(sess.run(u2.size())))
    print(sess.run(u2.stack()).tolist())
