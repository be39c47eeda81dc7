# pins: tf.cond calls the true branch, then the false one, once each while the graph is built;
# get_variable in a branch is named by the variable scope (not the cond's name scope), a second
# branch reusing the first's variable under AUTO_REUSE shares it, tf.Variable names take the
# cond's name scope, and the result has the shape both branches agree on
import tensorflow as tf

x = tf.placeholder(tf.float32, [None, 3])
p = tf.placeholder(tf.bool, [])


def branch(scale):
    def fn():
        with tf.variable_scope("shared", reuse=tf.AUTO_REUSE):
            w = tf.get_variable("w", [3, 4])
        return tf.matmul(x, w) * scale
    return fn


with tf.variable_scope("model"):
    y = tf.cond(p, branch(1.0), branch(2.0))
    print(y.get_shape())

    def only_true():
        v = tf.get_variable("only_true", [4])
        counter = tf.Variable(0, name="counter")
        print(counter.name)
        return y + v

    def only_false():
        u = tf.get_variable("only_false", [1, 4])
        return y - u

    z = tf.cond(p, only_true, only_false, name="pick")
    print(z.get_shape())
    c = tf.case([(tf.less(tf.reduce_sum(x), 0.0), lambda: tf.get_variable("neg", [2]))],
                default=lambda: tf.get_variable("pos", [2]))
    print(c.get_shape())
for v in tf.global_variables():
    print(v.name, v.get_shape())
