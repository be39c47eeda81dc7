"""Linear regression trained by gradient descent, as TF 1.x programs train.

Scope Lens runs the training op for real: `tf.gradients` is TensorFlow.js's automatic
differentiation and the update is TF's `ApplyGradientDescent` kernel, so the loss printed below
is TensorFlow's (test/runtime/training.test.ts compares it with the curve real TensorFlow
printed). Run File in VS Code shows `linear/w` and `linear/b` before and after training in the
Run results view. The data and the initial values are fixed, so every run prints the same.
"""
import tensorflow as tf

# y = 2x + 1, with a little fixed noise.
xs = [[0.0], [1.0], [2.0], [3.0], [4.0], [5.0], [6.0], [7.0]]
ys = [[1.1], [2.9], [5.2], [6.8], [9.1], [11.0], [12.9], [15.2]]

x = tf.placeholder(tf.float32, [None, 1], name="x")
y = tf.placeholder(tf.float32, [None, 1], name="y")
with tf.variable_scope("linear"):
    w = tf.get_variable("w", [1, 1], initializer=tf.zeros_initializer())
    b = tf.get_variable("b", [1], initializer=tf.zeros_initializer())
loss = tf.reduce_mean(tf.square(tf.matmul(x, w) + b - y))
global_step = tf.train.get_or_create_global_step()
train_op = tf.train.GradientDescentOptimizer(0.02).minimize(loss, global_step=global_step)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(1, 201):
        _, current = sess.run([train_op, loss], feed_dict={x: xs, y: ys})
        if step == 1 or step % 20 == 0:
            print("step", step, "loss", current)
    print("w", sess.run(w), "b", sess.run(b), "global_step", sess.run(global_step))
