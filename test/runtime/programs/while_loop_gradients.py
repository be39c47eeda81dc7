# Gradients through tf.while_loop are not implemented in Scope Lens's runtime (TF 1.15 builds
# them: control_flow_grad.py and the GradLoopState of control_flow_state.py): tf.gradients
# through a loop raises NotImplementedError naming it; with back_prop=False nothing flows back
# into the loop (TF 1.15: no gradient, None); gradients beside a loop and through a cond work.
import tensorflow as tf

w = tf.get_variable("w", [], initializer=tf.constant_initializer(2.0))
looped = tf.while_loop(lambda i, a: i < 3, lambda i, a: (i + 1, a * w), [0, tf.constant(1.0)])
try:
    tf.gradients(looped[1], w)
except NotImplementedError as e:
    print("NotImplementedError:", e)
frozen = tf.while_loop(lambda i, a: i < 3, lambda i, a: (i + 1, a * w), [0, tf.constant(1.0)],
                       back_prop=False)
print(tf.gradients(frozen[1] + w, w)[0] is not None, tf.gradients(frozen[1], w))
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(sess.run([looped[1], frozen[1], tf.gradients(frozen[1] + w * w, w)[0]]))
