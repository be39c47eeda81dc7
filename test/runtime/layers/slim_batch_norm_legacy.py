# slim.batch_norm where TF 1.15 uses neither the fused op nor the layer class: custom
# updates_collections (None forces the updates) or zero_debias_moving_mean on an input of rank
# 3 or 5 (show-attend-and-tell normalizes its [N, 196, 512] features so).
import tensorflow as tf

slim = tf.contrib.slim

x = tf.placeholder(tf.float32, [None, 196, 8])
y = slim.batch_norm(x, decay=0.95, center=True, scale=True, is_training=True,
                    updates_collections=None, scope="forced")
print(y.name, y.shape)
z = slim.batch_norm(x, is_training=False, updates_collections=None, scope="inference")
print(z.name, z.shape)
training = tf.placeholder(tf.bool, [])
w = slim.batch_norm(x, is_training=training, updates_collections=["my_updates"],
                    scope="delayed")
print(w.name, w.shape, [u.name for u in tf.get_collection("my_updates")])
v = slim.batch_norm(tf.placeholder(tf.float32, [2, 3, 4, 5, 6]), data_format="NCHW",
                    updates_collections=None, scope="nchw")
print(v.name, v.shape)
d = slim.batch_norm(x, zero_debias_moving_mean=True, scope="debiased")
print(d.name, len(tf.get_collection(tf.GraphKeys.UPDATE_OPS)))
try:
    slim.batch_norm(tf.placeholder(tf.float32, [2, 3, None]), updates_collections=None)
except ValueError as e:
    print("ValueError:", e)
for var in tf.global_variables():
    print(var.name, var.shape, var in tf.trainable_variables(), var in tf.model_variables())
