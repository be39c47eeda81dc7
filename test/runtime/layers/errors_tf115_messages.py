# Error messages of TF 1.15's Keras layers where later Keras (the oracle's tf-keras) reworded
# them: expectations written from the TF 1.15 source (keras/layers/core.py Dense.build,
# keras/utils/conv_utils.py, keras/layers/convolutional.py Conv.build, keras/layers/
# normalization.py BatchNormalization.build, contrib/layers fully_connected), not recorded.
# oracle: skip
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
attempt('dense', lambda: tf.layers.dense(unknown, 2))
attempt('conv', lambda: tf.layers.conv2d(img, 2, 3))
attempt('bn', lambda: tf.layers.batch_normalization(img))
attempt('bn_axis', lambda: tf.layers.batch_normalization(x, axis=3))
attempt('slim_units', lambda: slim.fully_connected(x, 2.0))
print(len(tf.global_variables()))
