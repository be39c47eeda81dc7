# oracle: skip -- TF 1.15's Keras, pinned from its source where later Keras (tf-keras) differs:
# - `regularizers.l2` is `L1L2(l2=...)`, whose loss is `0. + l2 * reduce_sum(square(x))`, an
#   `add` op (tf-keras: a `mul`);
# - `LayerNormalization.call` is `moments` (keep_dims) then `nn.batch_normalization`
#   (`batchnorm/add_1`; tf-keras: its own fused form).
# The rest (losses re-evaluated in a new name scope each time `losses` is read, no
# REGULARIZATION_LOSSES or UPDATE_OPS, updates kept as ops: a cond's `Merge`, a resource
# variable's `AssignSubVariableOp`; sublayers' weights) is what both print.
import tensorflow as tf

L = tf.keras.layers
x = tf.placeholder(tf.float32, [None, 3])

d = L.Dense(4, kernel_regularizer=tf.keras.regularizers.l2(0.01),
            bias_regularizer="l1", name="reg")
with tf.variable_scope("outer"):
    y = d(x)
print([l.name for l in d.losses])
print([l.name for l in d.losses])
print(tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES))
e = L.Dense(2, kernel_regularizer=tf.keras.regularizers.l1_l2(0.1, 0.2))
e(x)
print([l.name for l in e.losses])

ln = L.LayerNormalization()
z = ln(tf.placeholder(tf.float32, [None, 5, 4]))
print(z.name, z.shape, [(v.name, v.shape.as_list()) for v in ln.weights])

bn = L.BatchNormalization()
b = bn(y)
print(b.name, [u.name for u in bn.updates], tf.get_collection(tf.GraphKeys.UPDATE_OPS))
bn2 = L.BatchNormalization(momentum=0.9)
b2 = bn2(y, training=True)
print(b2.name, [u.name for u in bn2.updates], tf.get_collection(tf.GraphKeys.UPDATE_OPS))
print([v.name for v in bn2.trainable_weights], [v.name for v in bn2.non_trainable_weights])


class Block(L.Layer):
    def __init__(self, units, **kwargs):
        super(Block, self).__init__(**kwargs)
        self.units = units
        self.inner = [L.Dense(units), L.Dense(units)]
        self.norm = L.BatchNormalization()

    def build(self, input_shape):
        self.scale = self.add_weight("scale", shape=[self.units], initializer="ones")
        self.count = self.add_weight("count", shape=(), dtype=tf.int32, trainable=False)
        super(Block, self).build(input_shape)

    def call(self, inputs, training=None):
        h = inputs
        for layer in self.inner:
            h = layer(h)
        return self.norm(h, training=training) * self.scale


blk = Block(3)
print(blk.name, blk.built)
out = blk(x, training=True)
print(out.name, out.shape)
print([v.name for v in blk.trainable_weights])
print([v.name for v in blk.non_trainable_weights])
print(len(blk.weights), len(blk.updates), len(blk.losses))
print(blk.count.dtype, blk.scale.op.type)
print([v.name for v in tf.trainable_variables()])
