# Reading a variable before its initializer ran fails as in TF; assign changes the value.
import tensorflow as tf
v = tf.get_variable("v", [2], initializer=tf.zeros_initializer())
with tf.Session() as sess:
    try:
        sess.run(v)
    except tf.errors.FailedPreconditionError as e:
        print(type(e).__name__, e.message.splitlines()[0])
    sess.run(v.initializer)
    print(sess.run(v))
    sess.run(v.assign([1.5, 2.5]))
    print(sess.run(v))
    print(v.initializer.name, tf.global_variables_initializer().name)
print(v)
print(v.dtype, v.dtype.base_dtype, v.get_shape(), v.shape.as_list(), v.op.name)
