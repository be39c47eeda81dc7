# An embedding trained with Adam, duplicate indices in a batch: optimizer.py
# _apply_sparse_duplicate_indices (Unique, Shape, strided_slice, UnsortedSegmentSum), then
# adam.py _apply_sparse_shared (Assign, ScatterAdd, Sqrt, AssignSub, group_deps).
import numpy as np
import tensorflow as tf

emb = tf.get_variable("emb", initializer=tf.constant(np.arange(12, dtype=np.float32).reshape(4, 3) / 10))
w = tf.get_variable("w", initializer=tf.constant([[0.5], [-0.25], [1.0]]))
ids = tf.constant([1, 3, 1, 1], name="ids")
y = tf.matmul(tf.nn.embedding_lookup(emb, ids), w)
loss = tf.reduce_sum(tf.square(y - 1.0))
train = tf.train.AdamOptimizer(0.1).minimize(loss)
for op in tf.get_default_graph().get_operations():
    if op.name.startswith("Adam"):
        print(op.name, op.type)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(4):
        print(step, round(float(sess.run([loss, train])[0]), 5))
    print(np.round(sess.run(emb), 5))
    print(np.round(sess.run(w), 5))
