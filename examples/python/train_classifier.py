"""A small classifier built with tf.layers and trained with Adam, as TF 1.x programs train.

Three clusters of 2-D points, a hidden layer of 16 ReLU units and a softmax output. The data and
the initial weights come from NumPy's seeded generator, so every run prints the same numbers as
TensorFlow 1.15 does for this program (test/runtime/training.test.ts compares them with the run
real TensorFlow recorded). Run File in VS Code shows `hidden/kernel`, `logits/kernel` and their
Adam slots before and after training in the Run results view.
"""
import numpy as np
import tensorflow as tf

rng = np.random.RandomState(0)
centers = np.array([[0.0, 2.0], [2.0, -1.0], [-2.0, -1.0]], dtype=np.float32)
labels = rng.randint(0, 3, size=60)
points = (centers[labels] + 1.0 * rng.randn(60, 2)).astype(np.float32)

x = tf.placeholder(tf.float32, [None, 2], name="x")
y = tf.placeholder(tf.int32, [None], name="y")
hidden = tf.layers.dense(x, 16, activation=tf.nn.relu, name="hidden",
                         kernel_initializer=tf.constant_initializer(0.5 * rng.randn(2, 16)))
logits = tf.layers.dense(hidden, 3, name="logits",
                         kernel_initializer=tf.constant_initializer(0.5 * rng.randn(16, 3)))
loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits))
correct = tf.equal(tf.argmax(logits, axis=1, output_type=tf.int32), y)
accuracy = tf.reduce_mean(tf.cast(correct, tf.float32))
train_op = tf.train.AdamOptimizer(0.01).minimize(loss)

for v in tf.global_variables():
    print(v.name, v.shape)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    feed = {x: points, y: labels}
    for step in range(1, 101):
        _, current = sess.run([train_op, loss], feed_dict=feed)
        if step == 1 or step % 20 == 0:
            print("step", step, "loss", current)
    print("accuracy", sess.run(accuracy, feed_dict=feed))
