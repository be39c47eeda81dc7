# tf.keras layers (TF 1.15 graph mode): each family's variables, output shapes and op names.
# (LayerNormalization's ops differ in later Keras: keras_tf115.py.)
import tensorflow as tf

L = tf.keras.layers


def show(layer, out):
    print(layer.name, out.name, out.shape, [(v.name, v.shape.as_list()) for v in layer.weights])


img = tf.placeholder(tf.float32, [None, 8, 8, 3])
seq = tf.placeholder(tf.float32, [None, 10, 4])
vol = tf.placeholder(tf.float32, [None, 4, 4, 4, 2])
vec = tf.placeholder(tf.float32, [None, 6])
ids = tf.placeholder(tf.int32, [None, 5])

for layer, x in [
        (L.Conv2D(4, 3, activation="relu"), img),
        (L.Conv2D(4, (3, 3), strides=2, padding="same", use_bias=False), img),
        (L.Conv1D(5, 3, padding="causal"), seq),
        (L.Conv3D(2, 2), vol),
        (L.Conv2DTranspose(3, 3, strides=2, padding="same"), img),
        (L.SeparableConv2D(6, 3, depth_multiplier=2), img),
        (L.SeparableConv1D(6, 3), seq),
        (L.DepthwiseConv2D(3, depth_multiplier=2), img),
        (L.MaxPooling2D(), img),
        (L.AveragePooling2D(2, strides=1), img),
        (L.MaxPooling1D(2), seq),
        (L.AveragePooling1D(), seq),
        (L.MaxPooling3D(), vol),
        (L.AveragePooling3D(), vol),
        (L.GlobalAveragePooling2D(), img),
        (L.GlobalMaxPooling2D(), img),
        (L.GlobalAveragePooling1D(), seq),
        (L.GlobalMaxPooling1D(), seq),
        (L.ZeroPadding2D(), img),
        (L.ZeroPadding2D(((1, 2), (0, 1))), img),
        (L.Flatten(), img),
        (L.Reshape((2, 3)), vec),
        (L.Dense(7, activation="tanh"), seq),
        (L.Activation("softmax"), vec),
        (L.LeakyReLU(), vec),
        (L.ReLU(), vec),
        (L.Softmax(), vec),
        (L.Lambda(lambda t: t * 2.0), vec),
        (L.Embedding(20, 3), ids),
        (L.Dropout(0.5), vec),
]:
    show(layer, layer(x))

a = tf.placeholder(tf.float32, [None, 6])
b = tf.placeholder(tf.float32, [None, 6])
for layer in [L.Add(), L.Subtract(), L.Multiply(), L.Average(), L.Maximum(), L.Concatenate()]:
    show(layer, layer([a, b]))
for fn in [L.add, L.multiply, L.concatenate, L.maximum, L.average, L.subtract]:
    out = fn([a, b])
    print(out.name, out.shape)
print(L.concatenate([a, b], axis=0).shape)
print(len(tf.global_variables()), len(tf.trainable_variables()))
