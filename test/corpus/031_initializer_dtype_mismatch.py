# pins: an explicit dtype that differs from a tensor initializer's dtype raises "Initializer type ... don't match."
import tensorflow as tf
with tf.variable_scope("cast"):
    try:
        tf.get_variable("q", initializer=tf.constant(1.5), dtype=tf.int32)
    except ValueError as e:
        print("ValueError:", str(e).splitlines()[0])
    ok = tf.get_variable("r", initializer=tf.constant(2, dtype=tf.int64), dtype=tf.int64)
print(ok.name, ok.dtype)
