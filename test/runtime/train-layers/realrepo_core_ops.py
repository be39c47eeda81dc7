# TF 1.15 ops that open-source model code (transformers, GANs, face embedders, DQNs) builds
# its graphs and training steps with.
import numpy as np
import tensorflow as tf

ids = tf.placeholder(tf.int32, [8, 16], name="ids")
expanded = tf.expand_dims(ids, axis=[-1])
print(expanded.name, expanded.shape)
print(tf.expand_dims(ids, np.array([0])).shape)
try:
    tf.expand_dims(ids, axis=[0, 1])
except ValueError as e:
    print("ValueError", str(e).split(" for ")[0])

length_ok = tf.assert_less_equal(16, 512)
print(length_ok.name, length_ok.type)
small = tf.placeholder(tf.int32, [2], name="small")
check = tf.assert_less(small, 3, message="too big")
positive = tf.assert_greater(tf.constant([1.5, 2.0]), 0.5, name="positive")
print(check.name, positive.name)
with tf.control_dependencies([check]):
    guarded = tf.identity(small, name="guarded")

step = tf.train.get_or_create_global_step()
warm = tf.train.polynomial_decay(5e-5, step, 1000, end_learning_rate=0.0, power=1.0)
stairs = tf.train.exponential_decay(0.1, step, 100, 0.96, staircase=True)
smooth = tf.train.exponential_decay(0.1, step, 100, 0.96, name="smooth")
cyclic = tf.train.polynomial_decay(0.2, step, 10, cycle=True)
print(warm.name, stairs.name, smooth.name, cyclic.name, warm.dtype, warm.shape)
bump = tf.assign_add(step, 250)

is_training = tf.placeholder_with_default(True, shape=[], name="is_training")
rate = tf.placeholder_with_default(0., shape=())
sizes = tf.placeholder_with_default([1, 2], shape=[None])
print(is_training.name, is_training.shape, rate.name, sizes.shape, sizes.dtype)
for shape in ([3], []):
    try:
        tf.placeholder_with_default([1, 2], shape=shape)
    except ValueError as e:
        print("ValueError", str(e).split(" for ")[0])

x = tf.constant([[3.0, -4.0], [1.0, 2.0]])
norms = [tf.norm(x), tf.norm(x, axis=1), tf.norm(tf.abs(x) + 1e-4, ord=1.0, axis=1),
         tf.norm(x, ord=np.inf, axis=0), tf.norm(x, ord=3, axis=1, keepdims=True),
         tf.norm(x, ord=1, axis=[0, 1]), tf.norm(x, ord="fro", axis=(0, 1))]
print([(n.name, n.shape.as_list()) for n in norms])
for bad in (dict(ord=0), dict(axis=[0, 0]), dict(ord=3, axis=[0, 1])):
    try:
        tf.norm(x, **bad)
    except ValueError as e:
        print("ValueError", e)

centers = tf.get_variable("centers", [4, 2], initializer=tf.constant_initializer(0),
                          trainable=False)
moved = tf.scatter_sub(centers, tf.constant([1, 3, 1]),
                       tf.constant([[1.0, 2.0], [3.0, 4.0], [0.5, 0.5]]))
added = tf.scatter_add(centers, [0], [[10.0, 10.0]], name="add_rows")
print(moved.name, moved.shape, moved.dtype, added.name)

draws = [tf.truncated_normal([3, 4], 0.0, 0.02, tf.float32, 7),
         tf.random_uniform([2], -1.0, 1.0, tf.float32, 3, "u"),
         tf.random_normal([5], 0.0, 1.0, tf.float64)]
print([(d.name, d.shape.as_list(), d.dtype.name) for d in draws])

loss = tf.reduce_sum(tf.square(tf.get_variable("w", [3])))
train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
step_up = tf.assign(step, step + 1)
grouped = tf.group(train, [step_up])
print(grouped.name, grouped.type, sorted(i.name for i in grouped.control_inputs))

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(sess.run(guarded, {small: [1, 2]}))
    try:
        sess.run(guarded, {small: [1, 5]})
    except tf.errors.InvalidArgumentError:
        print("InvalidArgumentError")
    print(["%.6f" % v for v in sess.run([warm, stairs, smooth, cyclic])])
    sess.run(bump)
    print(["%.6f" % v for v in sess.run([warm, stairs, smooth, cyclic])])
    print(bool(sess.run(is_training)), sess.run(sizes).tolist(),
          sess.run(sizes, {sizes: [5, 6, 7]}).tolist())
    print([np.round(v, 4).tolist() for v in sess.run(norms)])
    print(sess.run(moved).tolist())
    print(sess.run(added).tolist())
    sess.run(grouped)
    print(sess.run(step))
