# Gradients clipped by their global norm before Adam, as GPT-2's and BERT's training do: the
# embedding's IndexedSlices is clipped by its values (clip_ops.py clip_by_global_norm) and stays
# an IndexedSlices, which Adam applies sparsely.
# TF 2.21 differs from 1.15; the overrides below give 1.15's output:
#   graph tensors: framework/ops.py class Tensor (2.21: SymbolicTensor)
#   GatherV2: array_grad.py _GatherV2Grad, params_shape = math_ops.cast(array_ops.shape(params,
#     out_type=int64), int32): a Cast op (2.21 folds it), the IndexedSlices' dense_shape
# oracle-override: 'SymbolicTensor' => 'Tensor'
# oracle-override: embedding_lookup_grad/Shape:0 => embedding_lookup_grad/Cast:0
import numpy as np
import tensorflow as tf

wte = tf.get_variable("wte", initializer=tf.constant(np.arange(10, dtype=np.float32).reshape(5, 2) / 4))
proj = tf.get_variable("proj", initializer=tf.constant([[1.0, -1.0], [0.5, 2.0]]))
h = tf.matmul(tf.nn.embedding_lookup(wte, tf.constant([4, 1, 4])), proj)
loss = tf.reduce_sum(tf.square(h))
tvars = tf.trainable_variables()
grads = tf.gradients(loss, tvars)
clipped, norm = tf.clip_by_global_norm(grads, 1.0)
print([type(c).__name__ for c in clipped])
print(clipped[0].values.name, clipped[0].indices.name, clipped[0].dense_shape.name)
print(clipped[1].name, norm.name)
train = tf.train.AdamOptimizer(0.05).apply_gradients(zip(clipped, tvars))
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(round(float(sess.run(norm)), 4))
    for _ in range(3):
        sess.run(train)
    print(np.round(sess.run(wte), 5))
    print(np.round(sess.run(proj), 5))
