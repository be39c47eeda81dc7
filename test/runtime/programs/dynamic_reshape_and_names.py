# A reshape whose shape list holds a tensor (packed, static shape from the constants), and a
# variable fetched by its tensor name.
import tensorflow as tf
x = tf.placeholder(tf.float32, [None, 4])
b = tf.shape(x)[0]
y = tf.reshape(x, [b, 2, 2])
print(y)
z = tf.reshape(x, tf.stack([b, -1]))
print(z)
with tf.variable_scope("model"):
    w = tf.get_variable("wte", [2, 3])
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    print(s.run(y, {x: [[1, 2, 3, 4]]}))
    print(s.run(z, {x: [[1, 2, 3, 4]]}).shape)
    print(s.run('model/wte:0').shape)
