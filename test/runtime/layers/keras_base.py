# tf.keras layers in TF 1.15 graph mode: names from the per-graph counter tf.layers shares
# (zero based), name scopes (not variable scopes), tf.Variable weights that no reuse shares.
import tensorflow as tf


def names(vs):
    return [(v.name, v.shape.as_list()) for v in vs]


x = tf.placeholder(tf.float32, [None, 3])
d = tf.keras.layers.Dense(4)
print(d.name, d.built, d.weights)
y = d(x)
print(d.name, d.built, y.name, y.shape)
print(names(d.weights), d.kernel.op.type, d.bias.op.type)
print(names(d.trainable_weights), names(d.non_trainable_weights))
# A second call: the same weights, a new name scope for its ops.
y2 = d(x)
print(y2.name, len(tf.global_variables()))

# tf.layers and Keras share one counter: tf.layers starts at 1, Keras at 0.
t = tf.layers.Dense(2)
t(x)
k = tf.keras.layers.Dense(2)
print(t.name, k.name)
k(x)
print(names(k.weights))

# Inside variable scopes: the name scope counts; reuse shares nothing and never raises.
with tf.variable_scope("foo"):
    a = tf.keras.layers.Dense(3, name="a")
    print(a(x).name, names(a.weights))
with tf.variable_scope("foo", reuse=True):
    b = tf.keras.layers.Dense(3, name="a")
    print(b(x).name, names(b.weights))
with tf.variable_scope("foo", reuse=tf.AUTO_REUSE):
    c = tf.keras.layers.Dense(3)
    print(c.name, c(x).name, names(c.weights))
with tf.name_scope("ns"):
    e = tf.keras.layers.Dense(5, use_bias=False, trainable=False)
    e(x)
print(names(e.weights), names(e.trainable_weights), names(e.non_trainable_weights))
print(e.kernel in tf.trainable_variables())

print(names(tf.trainable_variables()))
print(names(tf.global_variables()) == names(tf.trainable_variables()))
print(tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES),
      tf.get_collection(tf.GraphKeys.UPDATE_OPS))

# An activity regularizer: one loss per call, the output's regularization over the batch size.
act = tf.keras.layers.Dense(2, activity_regularizer=tf.keras.regularizers.l1_l2(0.1, 0.1))
act(x)
act(x)
print([(l.name, l.shape.as_list()) for l in act.losses])
