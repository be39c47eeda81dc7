# Run File in the browser: the program's folder, working directory and files are the
# workspace's, and what it writes there is saved to the workspace.
import os
import sys

import numpy as np
import tensorflow.compat.v1 as tf

from model.blocks import dense_block  # noqa: F401  (a module of the workspace)

print("cwd", os.getcwd(), "argv", sys.argv, "mtime", os.path.getmtime("saver.py") > 1e9)
x = tf.placeholder(tf.float32, [None, 4])
with tf.variable_scope("model"):
    y = tf.layers.dense(x, 2, kernel_initializer=tf.constant_initializer(2.0))
step = tf.train.get_or_create_global_step()
saver = tf.train.Saver()
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    sess.run(tf.assign(step, 3))
    print(sess.run(y, {x: np.ones((1, 4), np.float32)}))
    os.makedirs("saved", exist_ok=True)
    print(saver.save(sess, "saved/model.ckpt", global_step=step))
with open("saved/note.txt", "w") as f:
    f.write("trained\n")
