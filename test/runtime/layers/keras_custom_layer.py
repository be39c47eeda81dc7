# The custom layer of TF 1.x's Keras guide: build with a TensorShape of Dimensions and
# initializers by name, compute_output_shape, a session run.
import tensorflow as tf


class MyLayer(tf.keras.layers.Layer):
    def __init__(self, output_dim, **kwargs):
        self.output_dim = output_dim
        super(MyLayer, self).__init__(**kwargs)

    def build(self, input_shape):
        shape = tf.TensorShape((input_shape[1], self.output_dim))
        self.kernel = self.add_weight(name='kernel', shape=shape, initializer='uniform',
                                      trainable=True)
        self.b = self.add_weight(name='b', shape=(input_shape[1].value,), initializer='zeros')
        super(MyLayer, self).build(input_shape)

    def call(self, inputs):
        return tf.matmul(inputs, self.kernel)

    def compute_output_shape(self, input_shape):
        shape = tf.TensorShape(input_shape).as_list()
        shape[-1] = self.output_dim
        return tf.TensorShape(shape)


x = tf.placeholder(tf.float32, [None, 5])
layer = MyLayer(3)
y = layer(x)
print(layer.name, y.name, y.shape, [(v.name, v.shape.as_list()) for v in layer.weights])
print(layer.compute_output_shape(x.shape))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    print(s.run(y, {x: [[0.0] * 5]}).shape)
