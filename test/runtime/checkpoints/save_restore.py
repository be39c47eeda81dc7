# Saver round trip: every supported dtype, scopes, a tf.Variable, the global step and a
# partitioned variable are saved with a global step, listed, and restored into a new graph built
# with other initial values (and a partitioned variable cut into a different number of parts).
import tensorflow as tf

with tf.variable_scope("layer1"):
    w = tf.get_variable("weights", [2, 3],
                        initializer=tf.constant_initializer([[1, 2, 3], [4, 5, 6]]))
    b = tf.get_variable("biases", [3], initializer=tf.constant_initializer(0.25))
d = tf.get_variable("double", [2], dtype=tf.float64, initializer=tf.constant_initializer(0.5))
i = tf.get_variable("ints", [3], dtype=tf.int32, initializer=tf.constant_initializer(-7))
flag = tf.get_variable("flag", [2], dtype=tf.bool, initializer=tf.constant_initializer(True))
counter = tf.Variable(41, name="counter")
emb = tf.get_variable("emb", [6, 2], partitioner=tf.fixed_size_partitioner(2))
step = tf.train.get_or_create_global_step()
print(step)
print([v.name for v in tf.global_variables()])

saver = tf.train.Saver()
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    sess.run(step.assign(1000))
    sess.run(counter.assign_add(1))
    for k, part in enumerate(emb):
        sess.run(part.assign([[10 * k + 2 * r, 10 * k + 2 * r + 1] for r in range(3)]))
    path = saver.save(sess, "ckpts/model.ckpt", global_step=step)
    print(path)

print(open("ckpts/checkpoint").read(), end="")
for name, shape in tf.train.list_variables("ckpts"):
    print(name, shape)
print(tf.train.latest_checkpoint("ckpts"))

tf.reset_default_graph()
with tf.variable_scope("layer1"):
    w = tf.get_variable("weights", [2, 3], initializer=tf.zeros_initializer())
    b = tf.get_variable("biases", [3], initializer=tf.zeros_initializer())
d = tf.get_variable("double", [2], dtype=tf.float64, initializer=tf.zeros_initializer())
i = tf.get_variable("ints", [3], dtype=tf.int32, initializer=tf.zeros_initializer())
flag = tf.get_variable("flag", [2], dtype=tf.bool, initializer=tf.zeros_initializer())
counter = tf.Variable(0, name="counter")
emb = tf.get_variable("emb", [6, 2], partitioner=tf.fixed_size_partitioner(3))
step = tf.train.get_or_create_global_step()
saver = tf.train.Saver()
with tf.Session() as sess:
    saver.restore(sess, path)
    print(sess.run(w))
    print(sess.run(b))
    print(sess.run(d))
    print(sess.run(i))
    print(sess.run(flag))
    print(sess.run(counter))
    print(sess.run(emb))
    print(sess.run(step))
    print(tf.train.global_step(sess, step))

# A dict names the checkpoint keys: restore one key into a differently named variable.
tf.reset_default_graph()
renamed = tf.get_variable("renamed", [2, 3])
saver = tf.train.Saver({"layer1/weights": renamed})
with tf.Session() as sess:
    saver.restore(sess, path)
    print(sess.run(renamed))
