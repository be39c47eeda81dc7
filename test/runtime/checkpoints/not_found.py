# Keys and files that are not there: TF 1.15's NotFoundError (and ValueError) messages.
import tensorflow as tf

with tf.variable_scope("model"):
    w = tf.get_variable("w", [2], initializer=tf.ones_initializer())
saver = tf.train.Saver()
with tf.Session() as sess:
    sess.run(w.initializer)
    path = saver.save(sess, "ckpt/model", write_meta_graph=False)

# Restoring a graph with variables the checkpoint lacks: the first missing key in sorted order.
tf.reset_default_graph()
with tf.variable_scope("model"):
    zeta = tf.get_variable("zeta", [1])
    w = tf.get_variable("w", [2])
    extra = tf.get_variable("extra", [3])
saver = tf.train.Saver()
with tf.Session() as sess:
    try:
        saver.restore(sess, path)
    except tf.errors.NotFoundError as e:
        lines = str(e).splitlines()
        print(type(e).__name__, isinstance(e, tf.errors.OpError), e.error_code)
        print(lines[0])
        print(repr(lines[1]))
        print(lines[2])

reader = tf.train.NewCheckpointReader(path)
print(reader.has_tensor("model/w"), reader.has_tensor("model/extra"))
for call in (lambda: reader.get_tensor("model/extra"),
             lambda: tf.train.load_variable("ckpt", "model/extra:0"),
             lambda: tf.train.NewCheckpointReader("ckpt/missing"),
             lambda: tf.train.list_variables("no_such_dir")):
    try:
        call()
    except tf.errors.NotFoundError as e:
        print(type(e).__name__ + ":", e)

with tf.Session() as sess:
    for save_path in ("ckpt/missing", None):
        try:
            saver.restore(sess, save_path)
        except ValueError as e:
            print(type(e).__name__ + ":", e)
