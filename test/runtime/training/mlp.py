# A small MLP (tanh hidden layer) trained with Adam on XOR-like data, fixed initial values: the
# loss after every step, and the gradients' global norm.
import tensorflow as tf

x = tf.constant([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
y = tf.constant([[0.0], [1.0], [1.0], [0.0]])
with tf.variable_scope("hidden"):
    w1 = tf.get_variable("w", initializer=tf.constant(
        [[0.5, -0.3, 0.8, 0.1], [-0.6, 0.7, 0.2, -0.4]]))
    b1 = tf.get_variable("b", initializer=tf.constant([0.1, -0.1, 0.05, 0.0]))
with tf.variable_scope("out"):
    w2 = tf.get_variable("w", initializer=tf.constant([[0.3], [-0.5], [0.6], [0.2]]))
    b2 = tf.get_variable("b", initializer=tf.constant([0.0]))
h = tf.tanh(tf.matmul(x, w1) + b1)
logits = tf.matmul(h, w2) + b2
loss = tf.reduce_mean(tf.square(tf.sigmoid(logits) - y))
opt = tf.train.AdamOptimizer(0.1)
grads_and_vars = opt.compute_gradients(loss)
norm = tf.global_norm([g for g, v in grads_and_vars])
train = opt.apply_gradients(grads_and_vars, global_step=tf.train.get_or_create_global_step())

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(40):
        _, l, n = sess.run([train, loss, norm])
        print(step, float(l), float(n))
    print([float(v) for v in sess.run(tf.sigmoid(logits)).reshape(-1).tolist()])
