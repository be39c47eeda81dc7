# examples/python/transformer.py imported and run: a forward pass on a batch made with numpy.
# (Variable values come from TF's random initializers, so only shapes and checks are printed.)
# Run from the repository root, as `scope-lens run test/runtime/transformer/forward.py`: the
# example's folder is found from the working directory.
import os
import sys

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()
sys.path.insert(0, os.path.join(os.getcwd(), 'examples', 'python'))
import transformer  # noqa: E402

hparams = transformer.default_hparams()
hparams.n_vocab, hparams.n_ctx, hparams.n_embd, hparams.n_head, hparams.n_layer = 11, 8, 8, 2, 2
# Static batch and sequence sizes (reshaping to dynamic shapes is not this test's subject).
X = tf.placeholder(tf.int32, [2, 5], name='X')
results = transformer.model(hparams, X)
print(results['logits'], results['present'])
for v in tf.global_variables():
    print(v.name, v.shape, v.dtype.name)
print(sum(int(np.prod(v.shape.as_list())) for v in tf.trainable_variables()))

np.random.seed(0)
batch = np.random.randint(0, hparams.n_vocab, size=(2, 5))
print(repr(batch))
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    logits, present = sess.run([results['logits'], results['present']], feed_dict={X: batch})
    print(type(logits), logits.shape, logits.dtype, present.shape, present.dtype)
    print(np.isfinite(logits).all(), np.argmax(logits, axis=-1).shape)
    wte = sess.run([v for v in tf.global_variables() if v.name == 'model/wte:0'][0])
    print(wte.shape, abs(float(np.mean(wte))) < 0.02, 0.01 < float(np.std(wte)) < 0.03)

x = np.array([0.5, -1.0, 2.0])
print(np.sqrt(2 / np.pi), 0.5 * x * (1 + np.tanh(np.sqrt(2 / np.pi) * (x + 0.044715 * np.power(x, 3)))))
