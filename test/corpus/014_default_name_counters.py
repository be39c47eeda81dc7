# pins: default_name scopes are uniquified (layer, layer_1, ...) and count scopes entered by plain name too
import tensorflow as tf
for _ in range(3):
    with tf.variable_scope(None, default_name="layer"):
        print(tf.get_variable_scope().name)
with tf.variable_scope("dense"):
    pass
with tf.variable_scope(None, default_name="dense"):
    print(tf.get_variable_scope().name)
    d = tf.get_variable("w", [1])
print(d.name)
