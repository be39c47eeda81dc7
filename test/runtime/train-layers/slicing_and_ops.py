# Tensor indexing (TF's strided_slice: names, static shapes, values), more element-wise ops,
# batch matmul, tf.slice / tile / where, embedding_lookup and image resizing, against TF 1.15.
import tensorflow as tf

x = tf.constant([[[1., 2., 3.], [4., 5., 6.]], [[7., 8., 9.], [10., 11., 12.]]])
p = tf.placeholder(tf.float32, [None, 6, 5])
k = tf.placeholder(tf.int32, [])
items = [x[0], x[:, -1], x[:, :1], x[..., 0], x[:, None], x[::-1, :, ::2], x[1, 1, 1:],
         x[-1:], x[:, 5:], p[:, :k], p[:, 2], p[..., :3], p[k], p[:, 1:-1, ::2], p[None, ..., 4]]
for t in items:
    print(t.name, t.shape)
v = tf.get_variable("v", [4, 3], initializer=tf.constant_initializer(2.0))
print(v[1:].name, v[1:].shape, v[:, 0].shape)
try:
    x[2]
except ValueError as e:
    print("ValueError", str(e).split(" for ")[0])
print(x[[0, 1]].name, x[[0, 1]].shape)
un = [tf.rsqrt(x), tf.reciprocal(x), tf.floor(x), tf.ceil(x), tf.sign(x - 5), tf.round(x / 2),
      tf.log1p(x), tf.expm1(x / 10), tf.sin(x), tf.cos(x), tf.logical_not(x > 3),
      tf.is_nan(x), tf.math.rsqrt(x), tf.nn.softplus(x), tf.math.log_sigmoid(x),
      tf.nn.l2_normalize(x, axis=-1)]
for t in un:
    print(t.name, t.shape, t.dtype.name)
a = tf.constant([[[1., 2.], [3., 4.]], [[5., 6.], [7., 8.]]])
b = tf.constant([[1., 0.], [1., 1.]])
mm = [tf.matmul(a, a), tf.matmul(a, b), tf.matmul(a, a, transpose_b=True), a @ b,
      tf.matmul(tf.placeholder(tf.float32, [None, 3, 4]), tf.placeholder(tf.float32, [4, 5]))]
for t in mm:
    print(t.name, t.op.type, t.shape)
try:
    tf.matmul(a, tf.constant([[1., 2., 3.]]))
except ValueError as e:
    print("ValueError", "Dimensions must be equal, but are 2 and 1" in str(e))
s = [tf.slice(x, [0, 1, 0], [1, -1, 2]), tf.tile(x, [1, 2, 3]), tf.where(x > 5, x, -x),
     tf.strided_slice(x, [0, 0], [2, 2], [1, 2]), tf.shape(x)]
for t in s:
    print(t.name, t.shape)
emb = tf.get_variable("emb", [10, 4], initializer=tf.constant_initializer(0.5))
ids = tf.constant([[1, 2, 3], [4, 5, 6]])
e = tf.nn.embedding_lookup(emb, ids)
print(e.name, e.shape)
img = tf.placeholder(tf.float32, [None, 8, 8, 3])
r = [tf.image.resize_images(img, [16, 16]), tf.image.resize_bilinear(img, [4, 4]),
     tf.image.resize_nearest_neighbor(img, [16, 16]),
     tf.image.resize_images(img, [16, 16], method=tf.image.ResizeMethod.NEAREST_NEIGHBOR),
     tf.image.resize_images(img, [8, 8])]
for t in r:
    print(t.name, t.shape, t.dtype.name)


def show(a):
    def r(v):
        if isinstance(v, list):
            return [r(x) for x in v]
        return round(v, 4) if isinstance(v, float) else v
    return r(a.tolist())


with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    feed = {p: [[[float(i * 30 + j * 5 + c) for c in range(5)] for j in range(6)]
                for i in range(2)], k: 1}
    for t in items + un[:11] + mm[:4] + s + [e, v[1:]]:
        print(show(sess.run(t, feed)))
    small = tf.constant([[[[1.], [2.]], [[3.], [4.]]]])
    print(sess.run(tf.image.resize_nearest_neighbor(small, [4, 4]))[0, :, :, 0].tolist())
