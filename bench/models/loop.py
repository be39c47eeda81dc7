import tensorflow as tf

x = tf.placeholder(tf.float32, [None, 4])
with tf.variable_scope("model"):
    w = tf.get_variable("w", [4, 2])
y = tf.matmul(x, w)
sess = tf.Session()
while True:
    batch = input("values> ")
    print(sess.run(y, feed_dict={x: [[float(v) for v in batch.split()]]}))
