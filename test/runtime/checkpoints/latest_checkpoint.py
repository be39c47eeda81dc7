# latest_checkpoint and get_checkpoint_state: relative and absolute save paths, a custom state
# file name, a state file naming a deleted checkpoint, folders without one.
import os

import tensorflow as tf

print(tf.train.latest_checkpoint("nothing_here"))
os.mkdir("empty")
print(tf.train.latest_checkpoint("empty"))
print(tf.train.get_checkpoint_state("empty"))

v = tf.get_variable("v", [], initializer=tf.constant_initializer(3.0))
saver = tf.train.Saver()
absolute = os.path.join(os.getcwd(), "b", "model.ckpt")
with tf.Session() as sess:
    sess.run(v.initializer)
    saver.save(sess, "a/model.ckpt", global_step=1, write_meta_graph=False)
    saver.save(sess, "a/model.ckpt", global_step=2, write_meta_graph=False)
    # Another saver: a saver's state file lists every checkpoint it keeps, wherever it saved.
    p = tf.train.Saver().save(sess, absolute, write_meta_graph=False)
    tf.train.Saver().save(sess, "c/model", latest_filename="latest", write_meta_graph=False)

print(tf.train.latest_checkpoint("a"))
print(tf.train.latest_checkpoint("a/"))
state = tf.train.get_checkpoint_state("a")
print(state.model_checkpoint_path)
print(state.all_model_checkpoint_paths)
print(str(state), end="")
print(p == absolute, tf.train.latest_checkpoint("b") == absolute)
print(open("b/checkpoint").read().replace(os.getcwd(), "<cwd>"), end="")

print(sorted(os.listdir("c")))
print(tf.train.latest_checkpoint("c"))
print(tf.train.latest_checkpoint("c", latest_filename="latest"))

# The state file still names model.ckpt-2 after its files are gone.
tf.train.remove_checkpoint("a/model.ckpt-2")
print(sorted(os.listdir("a")))
print(tf.train.latest_checkpoint("a"))
print(tf.train.checkpoint_exists("a/model.ckpt-1"), tf.train.checkpoint_exists("a/model.ckpt-2"))

# What latest_checkpoint returns restores; a folder's latest checkpoint is what the readers read.
with tf.Session() as sess:
    saver.restore(sess, tf.train.latest_checkpoint("b"))
    print(sess.run(v))
print(tf.train.list_variables("b"))
print(tf.train.load_variable("c/model", "v"))
