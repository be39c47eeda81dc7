# Gradients through tf.while_loop (TF 1.15: control_flow_grad.py and the GradLoopState of
# control_flow_state.py): tf.gradients through a loop gives TF's values for a captured variable
# and a loop variable's initial value; with back_prop=False nothing flows back into the loop
# (TF 1.15: no gradient, None); gradients beside a loop and through a cond work.
import tensorflow as tf

w = tf.get_variable("w", [], initializer=tf.constant_initializer(2.0))
a0 = tf.constant(1.5)
looped = tf.while_loop(lambda i, a: i < 3, lambda i, a: (i + 1, a * w + tf.sin(a)), [0, a0])
through = tf.gradients(looped[1], [w, a0])
frozen = tf.while_loop(lambda i, a: i < 3, lambda i, a: (i + 1, a * w), [0, tf.constant(1.0)],
                       back_prop=False)
print(tf.gradients(frozen[1] + w, w)[0] is not None, tf.gradients(frozen[1], w))
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(["%.4f" % v for v in sess.run([looped[1], frozen[1],
                                          tf.gradients(frozen[1] + w * w, w)[0]])])
    print(["%.4f" % g for g in sess.run(through)])
