# max_to_keep: the saver keeps the newest checkpoints and deletes older ones (their .index and
# data files); the state file lists what is kept. max_to_keep=None keeps every file but lists
# only the latest. (write_meta_graph=False: TF would also write a .meta graph file per checkpoint,
# which Scope Lens does not write.)
import os

import tensorflow as tf

v = tf.get_variable("v", [2], initializer=tf.zeros_initializer())
step = tf.train.get_or_create_global_step()
increment = step.assign_add(1)

saver = tf.train.Saver(max_to_keep=3)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for _ in range(5):
        sess.run(increment)
        print(saver.save(sess, "run/model", global_step=step, write_meta_graph=False))
        print(sorted(os.listdir("run")))
    print(saver.last_checkpoints)
print(open("run/checkpoint").read(), end="")
print(tf.train.get_checkpoint_state("run").all_model_checkpoint_paths)

# Saving under a name used before moves it to the end of the list instead of adding it twice.
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    saver.save(sess, "run/model", global_step=4, write_meta_graph=False)
    print(saver.last_checkpoints)
print(sorted(os.listdir("run")))

keep_all = tf.train.Saver(max_to_keep=None)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for s in range(3):
        keep_all.save(sess, "all/model", global_step=s, write_meta_graph=False)
    print(keep_all.last_checkpoints)
print(sorted(os.listdir("all")))
print(open("all/checkpoint").read(), end="")
