# tf.TensorArray in tf.while_loop (TF 1.15's v1 control flow): the inputs unstacked into one
# array and read per step, the outputs written to another (a dynamic_rnn's loop), an array
# growing with dynamic_size, an array made inside the body, and the loop's op names.
import tensorflow as tf

x = tf.placeholder(tf.float32, [None, 2], name="x")
steps = tf.shape(x)[0]
inputs = tf.TensorArray(tf.float32, size=steps, name="inputs").unstack(x)
outputs = tf.TensorArray(tf.float32, size=steps, name="outputs")
grown = tf.TensorArray(tf.int32, size=0, dynamic_size=True, element_shape=[])


def body(t, acc, out, grow):
    row = inputs.read(t)
    acc = acc + row
    inner = tf.TensorArray(tf.float32, size=2, name="inner").write(0, row).write(1, acc)
    out = out.write(t, tf.reduce_sum(inner.stack(), axis=0))
    return t + 1, acc, out, grow.write(t, t * t)


t, acc, out, grow = tf.while_loop(lambda t, *_: t < steps, body,
                                  [0, tf.zeros([2]), outputs, grown])
result = out.stack()
squares = grow.stack()
print(t, acc, out.flow, result, grow.flow, squares, sep="\n")
print(type(out).__name__, out.dtype, grow.element_shape)
for op in tf.get_default_graph().get_operations():
    print(op.name, op.type, [i.name for i in op.inputs])
with tf.Session() as sess:
    feed = {x: [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]}
    print(sess.run(result, feed).tolist())
    print(sess.run(squares, feed).tolist(), int(sess.run(grow.size(), feed)))
    print(sess.run([result, acc], {x: [[1.0, -1.0]]}))
