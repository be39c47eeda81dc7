# tf.TensorArray through tf.cond (the branches' flows are merged and the array rebuilt around
# the Merge) and a cond inside a while loop's body choosing what each iteration writes.
import tensorflow as tf

flag = tf.placeholder(tf.bool, [], name="flag")
ta = tf.TensorArray(tf.float32, size=2)
picked = tf.cond(flag, lambda: ta.write(0, 1.0).write(1, 2.0),
                 lambda: ta.write(0, -1.0).write(1, -2.0))
stacked = picked.stack()
print(type(picked).__name__, picked.flow, stacked)


def body(i, acc):
    value = tf.cond(tf.equal(i % 2, 0), lambda: tf.cast(i, tf.float32),
                    lambda: -tf.cast(i, tf.float32))
    return i + 1, acc.write(i, value)


_, out = tf.while_loop(lambda i, acc: i < 5, body,
                       [0, tf.TensorArray(tf.float32, size=5, name="acc")])
evens = out.stack()
for op in tf.get_default_graph().get_operations():
    print(op.name, op.type, [i.name for i in op.inputs])
with tf.Session() as sess:
    print(sess.run(stacked, {flag: True}).tolist(), sess.run(stacked, {flag: False}).tolist())
    print(sess.run(evens).tolist())
