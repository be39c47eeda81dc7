# An embedding trained with GradientDescent: the IndexedSlices gradient applied by
# gradient_descent.py _apply_sparse_duplicate_indices (mul, ScatterSub), duplicates included.
import numpy as np
import tensorflow as tf

emb = tf.get_variable("emb", initializer=tf.constant(np.arange(15, dtype=np.float32).reshape(5, 3) / 10))
ids = tf.placeholder(tf.int32, [None], name="ids")
target = tf.placeholder(tf.float32, [None, 3], name="target")
e = tf.nn.embedding_lookup(emb, ids)
loss = tf.reduce_mean(tf.square(e - target))
opt = tf.train.GradientDescentOptimizer(0.5)
grads_and_vars = opt.compute_gradients(loss)
print([(type(gr).__name__, var.name) for gr, var in grads_and_vars])
train = opt.apply_gradients(grads_and_vars)
print(train.name, train.type)
for op in tf.get_default_graph().get_operations():
    if op.name.startswith("GradientDescent"):
        print(op.name, op.type)
batches = [([0, 4, 0], [[1.0, 0.0, 1.0]] * 3), ([2, 3], [[0.5, 0.5, 0.5], [1.0, 1.0, 1.0]]),
           ([4, 4, 4, 1], [[0.0, 1.0, 0.0]] * 4)]
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(3):
        i, t = batches[step]
        print(step, round(float(sess.run([loss, train], {ids: i, target: t})[0]), 5))
    print(np.round(sess.run(emb), 5))
