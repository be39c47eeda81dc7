# The intermediate ops of random initializers' subgraphs (random_ops.py: min/max or mean/stddev,
# the kernel's draw, sub, mul, and the Add giving the initial value) each have a value when run
# alone: the arguments exactly, the draws with their shape, dtype and range, and within one run
# the ops agree with each other. (TF draws anew whenever the kernel runs, so the values are not
# compared with the variable's.)
# random_ops.py (1.15) ends each random op with `math_ops.add` (gen_math_ops.add, op Add; 2.x:
# AddV2).
# oracle-override: /Initializer/random_uniform AddV2 => /Initializer/random_uniform Add
# oracle-override: /Initializer/random_normal AddV2 => /Initializer/random_normal Add
# oracle-override: /Initializer/truncated_normal AddV2 => /Initializer/truncated_normal Add
import numpy as np
import tensorflow as tf

w = tf.get_variable("w", [3, 4], initializer=tf.random_uniform_initializer(-2.0, 3.0, seed=1))
g = tf.get_variable("g", [5, 6])
n = tf.get_variable("n", [100], initializer=tf.random_normal_initializer(1.0, 0.5))
t = tf.get_variable("t", [2, 3], initializer=tf.truncated_normal_initializer(stddev=0.1, seed=2))
h = tf.get_variable("h", [4, 4], initializer=tf.initializers.he_normal(seed=3))
G = tf.get_default_graph()
for op in G.get_operations():
    print(op.name, op.type, op.outputs[0].shape if "Initializer" in op.name else "")


def get(name):
    return G.get_tensor_by_name(name + ":0")


with tf.Session() as sess:
    for name in ["w/Initializer/random_uniform/min", "w/Initializer/random_uniform/max",
                 "w/Initializer/random_uniform/sub", "g/Initializer/random_uniform/min",
                 "g/Initializer/random_uniform/max", "n/Initializer/random_normal/mean",
                 "n/Initializer/random_normal/stddev", "t/Initializer/truncated_normal/mean",
                 "t/Initializer/truncated_normal/stddev", "h/Initializer/truncated_normal/stddev"]:
        print(name, np.round(sess.run(get(name)), 5))
    raw, mul, fin = sess.run([get("w/Initializer/random_uniform/RandomUniform"),
                              get("w/Initializer/random_uniform/mul"),
                              get("w/Initializer/random_uniform")])
    print(raw.shape, raw.dtype, bool(np.all((raw >= 0) & (raw < 1))),
          np.allclose(raw * 5.0, mul, atol=1e-5), np.allclose(mul - 2.0, fin, atol=1e-5))
    raw = sess.run(get("g/Initializer/random_uniform/RandomUniform"))
    print(raw.shape, bool(np.all((raw >= 0) & (raw < 1))))
    z, m, f = sess.run([get("t/Initializer/truncated_normal/TruncatedNormal"),
                        get("t/Initializer/truncated_normal/mul"),
                        get("t/Initializer/truncated_normal")])
    print(z.shape, bool(np.all(np.abs(z) <= 2.0001)), np.allclose(z * 0.1, m, atol=1e-6),
          np.allclose(m, f, atol=1e-6))
    r, m = sess.run([get("n/Initializer/random_normal/RandomStandardNormal"),
                     get("n/Initializer/random_normal/mul")])
    print(r.shape, r.dtype, abs(float(r.mean())) < 0.5, np.allclose(r * 0.5, m, atol=1e-5))
    z = sess.run(get("h/Initializer/truncated_normal/TruncatedNormal"))
    print(z.shape, bool(np.all(np.abs(z) <= 2.0001)))
