# The resize ops with their size input (ResizeBilinear/size, resize_images' resize/size) and
# image_grad.py's / nn_grad.py's gradients: ResizeBilinearGrad, ResizeNearestNeighborGrad (its
# size a Const when the images' height and width are known), LRNGrad; values against TF's.
import numpy as np
import tensorflow as tf
x = tf.constant(np.arange(18, dtype=np.float32).reshape(1, 3, 3, 2))
y = tf.image.resize_bilinear(x, [4, 5])
z = tf.image.resize_nearest_neighbor(x, [5, 4], align_corners=True)
r = tf.image.resize_images(x, [2, 2])
l = tf.nn.lrn(x, depth_radius=1, bias=1., alpha=0.5, beta=0.75)
n = len(tf.get_default_graph().get_operations())
g = tf.gradients(tf.reduce_sum(y * y) + tf.reduce_sum(z * 3.) + tf.reduce_sum(r) + tf.reduce_sum(l * l), x)[0]
for op in tf.get_default_graph().get_operations():
    if "Resize" in op.name or "resize" in op.name or "LRN" in op.name:
        print(op.name, op.type, [t.name for t in op.inputs])
print(y, z, r, l, g)
with tf.Session() as s:
    for v in s.run([y, z, r, l, g]):
        print(np.round(v, 4))
# Height and width known only when the graph runs: the size is sliced from the images' Shape.
p = tf.placeholder(tf.float32, [1, None, None, 2])
q = tf.image.resize_nearest_neighbor(p, [4, 4])
n = len(tf.get_default_graph().get_operations())
gq = tf.gradients(tf.reduce_sum(q * q), p)[0]
for op in tf.get_default_graph().get_operations()[n:]:
    if "ResizeNearestNeighbor_1_grad" in op.name:
        print(op.name, op.type, [t.name for t in op.inputs])
print(q, gq)
with tf.Session() as s:
    print(s.run(gq, {p: np.arange(12, dtype=np.float32).reshape(1, 2, 3, 2)}))
