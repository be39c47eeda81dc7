# tf.nn.dropout with a Python keep_prob, a keep_prob placeholder, a rate and an unknown batch
# size, tf.layers.dropout, and the random ops' subgraphs (tf.random_uniform, tf.random_normal,
# tf.truncated_normal): op names and types, shapes, and what the values must satisfy.
# TF 2.21's dropout is another subgraph (`Mul` by the scale, `SelectV2`); 1.15's is nn_ops.py
# (r1.15) `dropout` -> `dropout_v2`: `rate` converted in the scope (`rate`), `_get_noise_shape`
# (`array_ops.shape(x)`), `random_ops.random_uniform(noise_shape, seed=seed, dtype=x.dtype)`,
# `keep_prob = 1 - rate`, `scale = 1 / keep_prob`, `keep_mask = random_tensor >= rate`,
# `ret = x * scale * math_ops.cast(keep_mask, x.dtype)`; a tensor `keep_prob` is first
# `1. - keep_prob` outside the scope. random_ops.py (1.15) ends each random op with
# `math_ops.add` (gen_math_ops.add, op Add; 2.x: AddV2).
# oracle-override: dropout/Const Const\ndropout/Mul Mul\ndropout/Shape Const\ndropout/random_uniform/RandomUniform RandomUniform\ndropout/GreaterEqual/y Const\ndropout/GreaterEqual GreaterEqual\ndropout/Const_1 Const\ndropout/SelectV2 SelectV2 => dropout/rate Const\ndropout/Shape Const\ndropout/random_uniform/min Const\ndropout/random_uniform/max Const\ndropout/random_uniform/RandomUniform RandomUniform\ndropout/random_uniform/sub Sub\ndropout/random_uniform/mul Mul\ndropout/random_uniform Add\ndropout/sub/x Const\ndropout/sub Sub\ndropout/truediv/x Const\ndropout/truediv RealDiv\ndropout/GreaterEqual GreaterEqual\ndropout/mul Mul\ndropout/Cast Cast\ndropout/mul_1 Mul
# oracle-override: dropout_1/Const Const\ndropout_1/Sub Sub\ndropout_1/RealDiv RealDiv\ndropout_1/Shape Const\ndropout_1/random_uniform/RandomUniform RandomUniform\ndropout_1/GreaterEqual GreaterEqual\ndropout_1/Const_1 Const\ndropout_1/SelectV2 SelectV2 => dropout_1/Shape Const\ndropout_1/random_uniform/min Const\ndropout_1/random_uniform/max Const\ndropout_1/random_uniform/RandomUniform RandomUniform\ndropout_1/random_uniform/sub Sub\ndropout_1/random_uniform/mul Mul\ndropout_1/random_uniform Add\ndropout_1/sub/x Const\ndropout_1/sub Sub\ndropout_1/truediv/x Const\ndropout_1/truediv RealDiv\ndropout_1/GreaterEqual GreaterEqual\ndropout_1/mul Mul\ndropout_1/Cast Cast\ndropout_1/mul_1 Mul
# oracle-override: drop/Const Const\ndrop/Mul Mul\ndrop/Shape Shape\ndrop/random_uniform/RandomUniform RandomUniform\ndrop/GreaterEqual/y Const\ndrop/GreaterEqual GreaterEqual\ndrop/Const_1 Const\ndrop/SelectV2 SelectV2 => drop/rate Const\ndrop/Shape Shape\ndrop/random_uniform/min Const\ndrop/random_uniform/max Const\ndrop/random_uniform/RandomUniform RandomUniform\ndrop/random_uniform/sub Sub\ndrop/random_uniform/mul Mul\ndrop/random_uniform Add\ndrop/sub/x Const\ndrop/sub Sub\ndrop/truediv/x Const\ndrop/truediv RealDiv\ndrop/GreaterEqual GreaterEqual\ndrop/mul Mul\ndrop/Cast Cast\ndrop/mul_1 Mul
# oracle-override: dropout/SelectV2:0 => dropout/mul_1:0
# oracle-override: dropout_1/SelectV2:0 => dropout_1/mul_1:0
# oracle-override: drop/SelectV2:0 => drop/mul_1:0
# oracle-override: random_uniform AddV2 => random_uniform Add
# oracle-override: random_normal AddV2 => random_normal Add
# oracle-override: trunc AddV2 => trunc Add
import numpy as np
import tensorflow as tf

x = tf.placeholder(tf.float32, [4, 5], name="x")
kp = tf.placeholder(tf.float32, [], name="kp")
a = tf.nn.dropout(x, keep_prob=0.8, seed=3)
b = tf.nn.dropout(x, kp)
c = tf.nn.dropout(tf.placeholder(tf.float32, [None, 3]), rate=0.5, name="drop")
u = tf.random_uniform([2, 3], -1.0, 2.0, seed=4)
n = tf.random_normal([200], mean=1.0, stddev=0.5, seed=5)
t = tf.truncated_normal([200], stddev=2.0, seed=6, name="trunc")
i = tf.random_uniform([3], maxval=10, dtype=tf.int32, seed=7)
for op in tf.get_default_graph().get_operations():
    print(op.name, op.type)
for v in (a, b, c, u, n, t, i):
    print(v.name, v.shape, v.dtype)
g = tf.get_default_graph()
ones = np.ones([4, 5], np.float32)
with tf.Session() as sess:
    av, bv = sess.run([a, b], {x: ones, kp: 0.5})
    print(sorted(set(np.round(av.ravel(), 4))), sorted(set(bv.ravel())))
    raw = sess.run(g.get_tensor_by_name("dropout/random_uniform/RandomUniform:0"))
    print(raw.shape, bool(np.all((raw >= 0) & (raw < 1))))
    uv = sess.run(u)
    print(uv.shape, bool(np.all((uv >= -1) & (uv < 2))))
    nv, tv = sess.run([n, t])
    print(abs(float(nv.mean()) - 1.0) < 0.2, bool(np.all(np.abs(tv) <= 4.0)))
    iv = sess.run(i)
    print(iv.dtype, bool(np.all((iv >= 0) & (iv < 10))))
