# tf.keras layers compute TF's values in a session (deterministic initializers), the learning
# phase switches Dropout and BatchNormalization, and the updates move the moving averages.
import numpy as np
import tensorflow as tf

L = tf.keras.layers
K = tf.keras.backend
x = tf.placeholder(tf.float32, [None, 2, 2, 1])
v = tf.placeholder(tf.float32, [None, 3])
ids = tf.placeholder(tf.int32, [None, 2])

conv = L.Conv2D(2, 2, padding="same", kernel_initializer="ones", bias_initializer="ones")
dense = L.Dense(2, kernel_initializer=tf.keras.initializers.Constant(0.5),
                activation="relu")
emb = L.Embedding(4, 2, embeddings_initializer="ones")
bn = L.BatchNormalization(momentum=0.5)
drop = L.Dropout(0.5)
outs = {
    "conv": conv(x),
    "pool": L.MaxPooling2D()(x),
    "avg": L.GlobalAveragePooling2D()(x),
    "pad": L.ZeroPadding2D(1)(x),
    "up": L.UpSampling2D()(x),
    "flat": L.Flatten()(x),
    "dense": dense(v),
    "leaky": L.LeakyReLU(0.1)(v),
    "relu6": L.ReLU(max_value=6.0)(v * 4.0),
    "softmax": L.Softmax()(v),
    "reshape": L.Reshape((3, 1))(v),
    "lambda": L.Lambda(lambda t, k: t * k, arguments={"k": 3.0})(v),
    "emb": emb(ids),
    "add": L.add([v, v]),
    "avg2": L.average([v, v * 3.0]),
    "max": L.maximum([v, -v]),
    "cat": L.concatenate([v, v], axis=1),
    "bn": bn(v),
    "drop": drop(v),
    "ln": L.LayerNormalization(epsilon=0.0)(v),
    "act": L.Activation("sigmoid")(v),
}
he = L.Dense(3, kernel_initializer="he_normal", bias_initializer="random_normal")
he(v)
feed = {x: np.arange(8, dtype=np.float32).reshape(2, 2, 2, 1),
        v: [[1.0, -2.0, 3.0], [3.0, 0.0, -1.0]], ids: [[0, 3], [2, 2]]}
training = dict(feed)
training[K.learning_phase()] = True
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    got = sess.run(outs, feed)
    for key in sorted(got):
        print(key, got[key].shape, np.round(got[key], 4).tolist())
    print("kernel", sess.run(he.kernel).shape, sess.run(he.bias).shape)
    print("phase", sess.run(K.learning_phase()))
    # Training: the batch's statistics, and (only when the updates run) the moving averages.
    train = sess.run(outs["bn"], training)
    print("bn train", np.round(train, 4).tolist())
    print("moving", np.round(sess.run(bn.moving_mean), 4).tolist())
    sess.run(bn.updates, training)
    print("moving", np.round(sess.run(bn.moving_mean), 4).tolist(),
          np.round(sess.run(bn.moving_variance), 4).tolist())
    kept = sess.run(outs["drop"], training)
    values = np.array(feed[v])
    scaled = [float(k / x0) for k, x0 in zip(kept.ravel(), values.ravel()) if k != 0.0]
    print("drop train: kept values scaled by 1 / (1 - rate)", set(scaled) <= {2.0})
