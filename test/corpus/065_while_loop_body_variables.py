# pins: tf.while_loop calls cond, then body, once each while the graph is built; get_variable in
# the body is named by the variable scope (not the loop's `while` name scope) and created once,
# tf.Variable takes the loop's name scope, a projection in the body makes its variables once,
# and the loop variables come back with their shapes (one variable alone unless
# return_same_structure)
import tensorflow as tf

h0 = tf.zeros([2, 3])


def body(i, h):
    with tf.variable_scope("cell"):
        w = tf.get_variable("w", [3, 3])
    step = tf.Variable(1, name="step")
    print(step.name)
    return i + step, tf.tanh(tf.matmul(h, w))


with tf.variable_scope("rnn"):
    i, h = tf.while_loop(lambda i, h: i < 5, body, [tf.constant(0), h0])
    print(i.get_shape(), h.get_shape())
    only = tf.while_loop(lambda c: c < 3, lambda c: c + 1, [tf.constant(0)], name="count")
    print(only.get_shape())
    same = tf.while_loop(lambda c: c < 3, lambda c: [c + 1], [tf.constant(0)],
                         return_same_structure=True)
    print(len(same))

    def project(c, x):
        with tf.variable_scope("proj"):
            k = tf.get_variable("kernel", [3, 3])
            b = tf.get_variable("bias", [3], initializer=tf.zeros_initializer())
        return c + 1, tf.matmul(x, k) + b

    d = tf.while_loop(lambda c, x: c < 2, project, [tf.constant(0), h0])
    print(d[1].get_shape())
for v in tf.global_variables():
    print(v.name, v.get_shape())
