# Gradients through tf.while_loop to resource variables the body reads (each read a new
# ReadVariableOp inside the loop, as tf.matmul, operators and slicing read them), next to a
# reference variable and a resource variable read once outside the loop.
import tensorflow as tf

r = tf.get_variable("r", initializer=[[1.0, -1.0], [0.5, 2.0]], use_resource=True)
s = tf.get_variable("s", initializer=[0.5, -0.25], use_resource=True)
ref = tf.get_variable("ref", initializer=[[0.25, 0.5]])
outside = tf.get_variable("outside", initializer=[2.0, 1.0], use_resource=True)
x = tf.constant([[1.0, 2.0], [-1.0, 0.5], [0.5, 0.5]])
read_once = outside.read_value()


def body(i, h):
    h = tf.tanh(tf.matmul(h, r) + s * read_once + r[0, :] + tf.matmul(ref, r))
    return i + 1, h + x[i]


_, out = tf.while_loop(lambda i, h: i < 3, body, [tf.constant(0), tf.ones([1, 2])])
grads = tf.gradients(tf.reduce_sum(out * out), [r, s, ref, outside])
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for v, g in zip([r, s, ref, outside], sess.run(grads)):
        print(v.op.name, ["%.4f" % x for x in g.flatten()])
