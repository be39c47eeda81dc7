# The losses, moments, l2_normalize, conv1d, separable_conv2d and metrics.accuracy: the names and
# shapes of what they return, and that they leave the program's own `Const` counter alone (TF
# converts a loss's inputs and default weights inside the loss's name scope). Their internal ops
# are listed by losses_weighted.py and nn_composites.py.
import tensorflow as tf

x = tf.placeholder(tf.float32, [4, 8, 3], name="x")
y = tf.placeholder(tf.float32, [4, 5], name="y")
p = tf.placeholder(tf.float32, [4, 5], name="p")
labels = tf.placeholder(tf.int64, [4], name="labels")
outs = [
    tf.losses.mean_squared_error(y, p),
    tf.losses.softmax_cross_entropy(y, p),
    tf.losses.sparse_softmax_cross_entropy(labels, p),
    tf.losses.sigmoid_cross_entropy(y, p),
    tf.losses.absolute_difference(y, p),
    tf.losses.huber_loss(y, p),
]
mean, variance = tf.nn.moments(p, axes=[0])
outs += [mean, variance, tf.nn.l2_normalize(p, axis=1)]
k = tf.get_variable("k", [3, 3, 6])
outs.append(tf.nn.conv1d(x, k, stride=1, padding="SAME"))
img = tf.placeholder(tf.float32, [2, 8, 8, 3], name="img")
dw = tf.get_variable("dw", [3, 3, 3, 2])
pw = tf.get_variable("pw", [1, 1, 6, 4])
outs.append(tf.nn.separable_conv2d(img, dw, pw, [1, 1, 1, 1], "SAME"))
acc, update = tf.metrics.accuracy(labels, tf.argmax(p, 1))
outs += [acc, update, tf.constant(1.0), tf.constant(2.0, name="two")]
for t in outs:
    print(t.name, t.shape)
print([t.name for t in tf.losses.get_losses()])
print([v.name for v in tf.local_variables()])
