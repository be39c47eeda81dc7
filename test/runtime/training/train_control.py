# What minimize and apply_gradients train: global_step, var_list, trainable=False, None grads.
import tensorflow as tf

x = tf.constant([[1.0, -1.0], [2.0, 0.5]])
w = tf.get_variable("w", initializer=tf.constant([[0.5], [0.25]]))
b = tf.get_variable("b", initializer=tf.constant([0.0]))
frozen = tf.get_variable("frozen", initializer=tf.constant([2.0]), trainable=False)
loss = tf.reduce_sum(tf.square(tf.matmul(x, w) * frozen + b - 1.0))
step = tf.train.get_or_create_global_step()
opt = tf.train.GradientDescentOptimizer(0.05)
train_all = opt.minimize(loss, global_step=step)
train_w = opt.minimize(loss, var_list=[w], name="only_w")
grads = opt.compute_gradients(loss, var_list=[w, b, frozen])
print([(g is None, v.op.name) for g, v in grads])
partial = opt.apply_gradients([(None, w), (grads[1][0], b)], name="only_b")
print(train_all.name, train_w.name, partial.name)
print(sorted(op.name for op in tf.get_collection(tf.GraphKeys.TRAIN_OP)))

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(sess.run(train_all))
    print("after all", sess.run(step), sess.run(w).tolist(), sess.run(b).tolist(),
          sess.run(frozen).tolist())
    sess.run(train_w)
    print("after w", sess.run(step), sess.run(w).tolist(), sess.run(b).tolist())
    sess.run(partial)
    print("after b", sess.run(step), sess.run(w).tolist(), sess.run(b).tolist())
    for i in range(3):
        sess.run(train_all)
    print("steps", sess.run(step), float(sess.run(loss)))
