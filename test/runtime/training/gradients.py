# tf.gradients at run time: variables, placeholders, intermediate tensors, grad_ys, several ys,
# stop_gradient, stop_gradients, unconnected xs, and the clipping idiom.
import tensorflow as tf


def show(label, values):
    for i, v in enumerate(values):
        print(label, i, None if v is None else [float(x) for x in v.reshape(-1).tolist()])


x = tf.placeholder(tf.float32, [None, 2], name="x")
w = tf.get_variable("w", initializer=tf.constant([[0.5, -1.0, 0.25], [1.5, 0.75, -0.5]]))
b = tf.get_variable("b", initializer=tf.constant([0.1, -0.2, 0.3]))
unused = tf.get_variable("unused", initializer=tf.constant([1.0]))
h = tf.tanh(tf.matmul(x, w) + b)
out = tf.sigmoid(h) * tf.nn.relu(h + 0.5)
loss = tf.reduce_mean(tf.square(out - 0.25)) + 0.01 * tf.reduce_sum(w * w)
feed = {x: [[1.0, 2.0], [-0.5, 0.25], [3.0, -1.0], [0.0, 0.5]]}

g_vars = tf.gradients(loss, [w, b, unused])
g_tensors = tf.gradients(loss, [h, x])
g_zero = tf.gradients(loss, [unused], unconnected_gradients="zero")
g_ys = tf.gradients(out, w, grad_ys=tf.constant([[1.0, 2.0, 3.0]] * 4))
g_two = tf.gradients([loss, tf.reduce_sum(h)], b)
g_stop = tf.gradients(loss + tf.stop_gradient(tf.reduce_sum(b * b)), b)
g_stops = tf.gradients(loss, [b, w], stop_gradients=[h])
print(g_stops[0])
g_same = tf.gradients(w * w, [w, w])
g_slices = tf.gradients(tf.reduce_sum(w[1:, ::2] * 3.0) + tf.reduce_sum(w[0]) + out[2, 1], w)
print([None if g is None else g.shape.as_list() for g in g_vars + g_tensors])

opt = tf.train.GradientDescentOptimizer(0.5)
grads_and_vars = opt.compute_gradients(loss)
grads, variables = zip(*grads_and_vars)
print([v.op.name for v in variables], [g is None for g in grads])
clipped, norm = tf.clip_by_global_norm([g for g in grads if g is not None], 0.1)
train = opt.apply_gradients(zip(clipped, [v for g, v in grads_and_vars if g is not None]))

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    show("vars", sess.run([g for g in g_vars if g is not None], feed))
    show("tensors", sess.run(g_tensors, feed))
    show("zero", sess.run(g_zero, feed))
    show("grad_ys", sess.run(g_ys, feed))
    show("two", sess.run(g_two, feed))
    show("stop", sess.run(g_stop, feed))
    show("stops", sess.run(g_stops[1:], feed))
    show("same", sess.run(g_same, feed))
    show("slices", sess.run(g_slices, feed))
    print("norm", float(sess.run(norm, feed)))
    for step in range(3):
        _, l = sess.run([train, loss], feed)
        print("step", step, float(l))
    show("after", sess.run([w, b]))
