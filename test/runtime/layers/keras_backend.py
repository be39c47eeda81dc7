# tf.keras.backend as TF1 Keras code uses it: clear_session starts a new graph (names count
# again), set_learning_phase(1) makes Dropout and BatchNormalization train without a cond (the
# updates are the assignments themselves), int_shape, image_data_format.
import tensorflow as tf

K = tf.keras.backend
x = tf.placeholder(tf.float32, [None, 3])
a = tf.keras.layers.Dense(2)(x)
print(a.name, K.learning_phase().name, K.floatx(), K.epsilon(), K.image_data_format())
K.clear_session()
x = tf.placeholder(tf.float32, [None, 3])
K.set_learning_phase(1)
d = tf.keras.layers.Dropout(0.5)(x)
b = tf.keras.layers.Dense(2)(x)
bn = tf.keras.layers.BatchNormalization()
n = bn(x)
print(b.name, n.name, K.learning_phase(), K.int_shape(n), K.int_shape(d))
print([u.name for u in bn.updates])
print([v.name for v in tf.global_variables()])
print([op.type for op in tf.get_default_graph().get_operations() if op.type == "Merge"])
try:
    K.set_learning_phase(2)
except ValueError as e:
    print("ValueError:", e)
