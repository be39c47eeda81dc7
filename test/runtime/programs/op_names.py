# Op names as TF 1.15 gives them: tf.add is "Add", the + operator "add" (made unique
# case-insensitively, so after "Add" it is "add_1").
import tensorflow as tf
x = tf.constant(1.0)
print(tf.add(x, x).name, (x + x).name, (x * 2).name, tf.multiply(x, x).name)
print((x - 1).name, (x / 2).name, tf.identity(x).name, (-x).name)
with tf.name_scope("scope"):
    print(tf.constant(2.0, name="c").name, (x + 1).name)
with tf.name_scope("scope"):
    print(tf.constant(2.0, name="c").name)
print(tf.square(x).name, tf.nn.relu(x).name, tf.sigmoid(x).name)
print(tf.Variable(1.0).name, tf.Variable(2.0, name="w").name, tf.Variable(3.0).name)
