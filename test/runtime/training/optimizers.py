# Each optimizer's update (TF's training_ops kernels) for a few steps on a tiny problem: the
# variables, the slots and the loss after every step.
import tensorflow as tf

data = {"x": [[1.0, 2.0], [-1.0, 0.5], [0.5, -1.5]], "y": [[1.0], [-2.0], [0.5]]}


def flat(v):
    return [float(x) for x in v.reshape(-1).tolist()]


def run(label, make, steps=3, **kwargs):
    tf.reset_default_graph()
    x = tf.constant(data["x"])
    y = tf.constant(data["y"])
    w = tf.get_variable("w", initializer=tf.constant([[0.3], [-0.4]]))
    b = tf.get_variable("b", initializer=tf.constant([0.1]))
    loss = tf.reduce_mean(tf.square(tf.matmul(x, w) + b - y))
    opt = make()
    train = opt.minimize(loss, **kwargs)
    slots = [(name, opt.get_slot(v, name)) for v in (w, b) for name in opt.get_slot_names()]
    print(label, train.name, sorted(v.op.name for v in tf.global_variables()))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for step in range(steps):
            _, before = sess.run([train, loss])
            print(label, step, "loss", float(before), "w", flat(sess.run(w)), "b", flat(sess.run(b)))
            for name, slot in slots:
                print(label, step, slot.op.name, flat(sess.run(slot)))
        for v in opt.variables():
            if v.op.name.endswith("_power"):
                print(label, v.op.name, float(sess.run(v)))
        print(label, "final loss", float(sess.run(loss)))


run("sgd", lambda: tf.train.GradientDescentOptimizer(0.1))
run("momentum", lambda: tf.train.MomentumOptimizer(0.1, 0.9))
run("nesterov", lambda: tf.train.MomentumOptimizer(0.05, 0.8, use_nesterov=True))
run("adam", lambda: tf.train.AdamOptimizer(0.05))
run("adam_eps", lambda: tf.train.AdamOptimizer(0.2, beta1=0.5, beta2=0.75, epsilon=0.1))
run("rmsprop", lambda: tf.train.RMSPropOptimizer(0.01))
run("rmsprop_momentum", lambda: tf.train.RMSPropOptimizer(0.02, decay=0.8, momentum=0.5))
run("rmsprop_centered", lambda: tf.train.RMSPropOptimizer(0.02, momentum=0.3, centered=True))
run("adagrad", lambda: tf.train.AdagradOptimizer(0.2))
run("adadelta", lambda: tf.train.AdadeltaOptimizer(1.0, rho=0.9, epsilon=1e-6))
run("ftrl", lambda: tf.train.FtrlOptimizer(0.2))
run("ftrl_l1_l2", lambda: tf.train.FtrlOptimizer(0.3, l1_regularization_strength=0.05,
                                                  l2_regularization_strength=0.1))
run("ftrl_power", lambda: tf.train.FtrlOptimizer(0.3, learning_rate_power=-0.7,
                                                  initial_accumulator_value=0.2))
run("ftrl_shrinkage", lambda: tf.train.FtrlOptimizer(
    0.3, l2_shrinkage_regularization_strength=0.2, l1_regularization_strength=0.01))
