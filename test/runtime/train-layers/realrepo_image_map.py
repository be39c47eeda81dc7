# Image summaries of TF1 GANs: generated images in [-1, 1] mapped back to uint8 image by image.
import numpy as np
import tensorflow as tf

images = tf.placeholder(tf.float32, [2, 4, 4, 3])


def to_uint8(image):
    return tf.image.convert_image_dtype((image + 1.0) / 2.0, tf.uint8, saturate=True)


def to_float(image):
    return (tf.image.convert_image_dtype(image, dtype=tf.float32) / 127.5) - 1.0


as_int = tf.map_fn(to_uint8, images, dtype=tf.uint8)
back = tf.map_fn(to_float, as_int, dtype=tf.float32, name="back")
pairs = tf.map_fn(lambda xy: (xy[0] * 2.0, xy[1] + 1), (images, tf.ones([2, 3], tf.int32)),
                  dtype=(tf.float32, tf.int32))
print(as_int.name, as_int.shape, as_int.dtype, back.name, back.shape)
print([(p.name, p.shape.as_list(), p.dtype.name) for p in pairs])
same = tf.image.convert_image_dtype(images, tf.float32)
wide = tf.image.convert_image_dtype(tf.constant([0, 128, 255], tf.uint8), tf.int32)
narrow = tf.image.convert_image_dtype(tf.constant([0, 2 ** 30], tf.int32), tf.uint8,
                                      name="narrow")
clipped = tf.saturate_cast(tf.constant([-3.5, 7.9, 300.0]), tf.uint8)
print(same.name, wide.name, wide.dtype, narrow.name, clipped.name, clipped.dtype)
try:
    tf.image.convert_image_dtype(images, tf.bool)
except AttributeError as e:
    print("AttributeError", e)
with tf.Session() as sess:
    feed = {images: np.linspace(-1.0, 1.0, 96).reshape([2, 4, 4, 3])}
    a, b = sess.run([as_int, back], feed)
    print(a[0, 0].tolist(), a[1, 3].tolist(), np.round(b[1, 3], 3).tolist())
    print(sess.run(pairs[1], feed).tolist(),
          [v.tolist() for v in sess.run([wide, narrow, clipped])])
