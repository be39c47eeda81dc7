# What Saver refuses, with TF 1.15's exceptions: dtype and shape mismatches on restore (and
# reshape=True), bad var_lists, no variables, an uninitialized variable, a missing parent folder.
import tensorflow as tf

v = tf.get_variable("v", [2, 3], initializer=tf.ones_initializer())
n = tf.get_variable("n", [], dtype=tf.int64, initializer=tf.zeros_initializer())
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    path = tf.train.Saver().save(sess, "ckpt/model", write_meta_graph=False)


def restore(build, **saver_args):
    tf.reset_default_graph()
    variables = build()
    with tf.Session() as sess:
        try:
            tf.train.Saver(**saver_args).restore(sess, path)
        except (tf.errors.InvalidArgumentError, tf.errors.NotFoundError) as e:
            lines = str(e).splitlines()
            print(type(e).__name__, lines[0].split(". ")[1])
            for line in lines[2:]:
                print("  " + line)
            return
        print("restored", [sess.run(x).tolist() for x in variables])


restore(lambda: [tf.get_variable("v", [2, 3], dtype=tf.float64),
                 tf.get_variable("n", [], dtype=tf.int32)])
restore(lambda: [tf.get_variable("v", [3, 2]), tf.get_variable("n", [], dtype=tf.int64)])
restore(lambda: [tf.get_variable("v", [3, 2]), tf.get_variable("n", [], dtype=tf.int64)],
        reshape=True)
restore(lambda: [tf.get_variable("v", [4]), tf.get_variable("n", [], dtype=tf.int64)],
        reshape=True)

tf.reset_default_graph()
for build in (lambda: tf.train.Saver(),
              lambda: tf.train.Saver(tf.get_variable("a", [1])),
              lambda: tf.train.Saver([tf.get_variable("b", [1]), tf.constant(1.0)]),
              lambda: tf.train.Saver({"x": tf.get_variable("c", [1]), "z": None}),
              lambda: tf.train.Saver({1: tf.get_variable("e", [1])})):
    try:
        build()
        print("built")
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)

tf.reset_default_graph()
w = tf.get_variable("w", [2], initializer=tf.zeros_initializer())
with tf.variable_scope("", reuse=True):
    same = tf.get_variable("w")
for var_list in ([w, same], {"first": w, "second": same}):
    try:
        tf.train.Saver(var_list)
    except ValueError as e:
        print(type(e).__name__ + ":", e)

saver = tf.train.Saver([w])
with tf.Session() as sess:
    try:
        saver.save(sess, "ckpt/uninitialized")
    except tf.errors.FailedPreconditionError as e:
        print(type(e).__name__ + ":", str(e).splitlines()[0])
    sess.run(w.initializer)
    for save_path in ("no/such/folder/model", "ckpt/checkpoint"):
        try:
            saver.save(sess, save_path)
        except ValueError as e:
            print(type(e).__name__ + ":", e)
    try:
        saver.save(None, "ckpt/model")
    except TypeError as e:
        print(type(e).__name__ + ":", e)
    print(saver.save(sess, "made_one_level/model", write_meta_graph=False))

tf.reset_default_graph()
empty = tf.train.Saver(allow_empty=True)
with tf.Session() as sess:
    print(empty.save(sess, "ckpt/empty"), empty.restore(sess, "ckpt/empty"))
