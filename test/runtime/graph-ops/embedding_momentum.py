# Embeddings trained with Momentum, RMSProp and Adagrad: their sparse applies
# (momentum.py, rmsprop.py, adagrad.py _apply_sparse: SparseApplyMomentum, ...) after the
# de-duplication of optimizer.py _apply_sparse_duplicate_indices.
import numpy as np
import tensorflow as tf

for name, make in [("mom", lambda: tf.train.MomentumOptimizer(0.1, 0.9)),
                   ("nesterov", lambda: tf.train.MomentumOptimizer(0.1, 0.9, use_nesterov=True)),
                   ("rms", lambda: tf.train.RMSPropOptimizer(0.05, momentum=0.5)),
                   ("centered", lambda: tf.train.RMSPropOptimizer(0.05, centered=True)),
                   ("ada", lambda: tf.train.AdagradOptimizer(0.2))]:
    tf.reset_default_graph()
    emb = tf.get_variable("emb", initializer=tf.constant(np.arange(12, dtype=np.float32).reshape(4, 3) / 10))
    e = tf.nn.embedding_lookup(emb, tf.constant([0, 2, 0, 3]))
    loss = tf.reduce_sum(tf.square(e - 1.0))
    opt = make()
    train = opt.minimize(loss)
    print(name, [op.name + " " + op.type for op in tf.get_default_graph().get_operations()
                 if op.type.startswith("SparseApply")])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(3):
            sess.run(train)
        print(np.round(sess.run(emb), 5))
        print(np.round(sess.run(opt.get_slot(emb, opt.get_slot_names()[-1])), 5))
