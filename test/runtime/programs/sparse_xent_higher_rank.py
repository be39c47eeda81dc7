# tf.nn.sparse_softmax_cross_entropy_with_logits on rank-3 logits (a language model's loss, as
# in GPT-2's training code): TF 1.15 reshapes to the 2-D op, so its gradient is TF's, and
# reshapes the cost back to the labels' shape. Also tf.clip_by_value's Minimum/Maximum pair
# under a gradient (a VAE's clipped likelihood). Values rounded to 5 decimals.
import numpy as np
import tensorflow as tf

ids = tf.placeholder(tf.int32, [2, None])
table = np.arange(35, dtype=np.float32).reshape(5, 7) / 10.0
w = tf.get_variable("w", initializer=tf.constant(table))
logits = tf.gather(w, ids)
xent = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=ids[:, 1:], logits=logits[:, :-1])
loss = tf.reduce_mean(xent)
clipped = tf.clip_by_value(tf.sigmoid(w), 0.1, 0.9)
likelihood = tf.reduce_sum(tf.log(clipped))
grads = tf.gradients([loss, likelihood], w)
print(xent.shape, [op.type for op in tf.get_default_graph().get_operations()
                   if op.name.startswith("clip_by_value")])
train = tf.train.AdamOptimizer(0.1).minimize(loss - likelihood)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    feed = {ids: [[1, 2, 3], [4, 0, 1]]}
    print(np.round(sess.run(xent, feed), 5))
    print(np.round(sess.run(tf.convert_to_tensor(grads[0]), feed), 5))
    for _ in range(3):
        sess.run(train, feed)
    print(np.round(sess.run(loss, feed), 4))
