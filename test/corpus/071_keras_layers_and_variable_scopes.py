# pins: tf.keras layers (TF 1.15 graph mode) make tf.Variables named by the name scope of their
# call: a variable_scope prefixes them through its name scope, its reuse does not share them,
# and get_variable neither sees nor clashes with them (a store key of the same name is free; its
# variable takes the next op name); a model's name scope goes into its variables' names only
# when its first call builds its layers
import tensorflow as tf

x = tf.placeholder(tf.float32, [None, 4])
with tf.variable_scope("enc"):
    dense = tf.keras.layers.Dense(3)
    h = dense(x)
    print([v.name for v in dense.weights], h.name)
    w = tf.get_variable("dense/kernel", [4, 3])
    print(w.name)
with tf.variable_scope("enc", reuse=True):
    again = tf.keras.layers.Dense(3)
    print([v.name for v in again.weights], again(x).name, [v.name for v in again.weights])
    same = tf.get_variable("dense/kernel", [4, 3])
    print(same is w)
    try:
        tf.get_variable("dense/bias", [3])
    except ValueError as e:
        print(str(e).splitlines()[0])
model = tf.keras.Sequential([tf.keras.layers.Dense(2, name="out")])
with tf.variable_scope("head"):
    y = model(h)
    b = tf.get_variable("b", [2])
print(y.name, [v.name for v in model.weights], b.name)
print(len(tf.global_variables()), len(tf.trainable_variables()))
