# Errors the layer libraries raise for bad inputs or arguments, before any variable exists.
import tensorflow as tf
slim = tf.contrib.slim


def attempt(label, fn):
    try:
        fn()
        print(label, 'ok')
    except Exception as e:
        print(label, type(e).__name__ + ':', str(e).split('\n')[0])


unknown = tf.placeholder(tf.float32, [None, None])
img = tf.placeholder(tf.float32, [None, 8, 8, None])
x = tf.placeholder(tf.float32, [None, 4])
attempt('kernel_size', lambda: tf.layers.Conv2D(2, (3, 3, 3)))
attempt('padding', lambda: tf.layers.Conv2D(2, 3, padding='full'))
attempt('kwarg', lambda: tf.layers.Dense(2, bogus=1))
attempt('slim_rank', lambda: slim.conv2d(x, 2, 3))
attempt('ln_axis', lambda: slim.layer_norm(x, begin_norm_axis=2))
attempt('bn_rank2_unknown', lambda: slim.batch_norm(unknown))
attempt('scope_reuse', lambda: tf.layers.dense(x, 2, reuse=True))
print(len(tf.global_variables()))
