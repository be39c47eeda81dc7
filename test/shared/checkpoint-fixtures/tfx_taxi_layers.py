"""The Chicago-taxi `DNNLinearCombinedClassifier` of ../shared/testdata/checkpoints/tfx-taxi-estimator
with its DNN written as the canned estimator writes it (`_dnn_logit_fn` in TF 1.12's
estimator/canned/dnn.py): each hidden layer and the logits are a tf.layers.dense named by the
variable scope object it is built in, under the partitioned "dnn" scope, on the real input
tensor, so every kernel's shape comes from the layer before. The linear half is made with
tf.get_variable as in tfx_taxi.py (feature columns are not layers). The partitioner makes one
part per variable, which the checkpoint stores whole.
"""
import tensorflow as tf

HIDDEN_UNITS = [100, 70, 48, 34]  # max(2, int(100 * 0.7 ** i)) for i in range(4)
DENSE_INPUTS = 3
BUCKETS = [
    ("company_xf", 1010),
    ("dropoff_latitude_xf", 10),
    ("dropoff_longitude_xf", 10),
    ("payment_type_xf", 1010),
    ("pickup_latitude_xf", 10),
    ("pickup_longitude_xf", 10),
    ("trip_start_day_xf", 31),
    ("trip_start_hour_xf", 24),
    ("trip_start_month_xf", 12),
]

partitioner = tf.fixed_size_partitioner(1)


def dnn_logits(net):
    for layer_id, units in enumerate(HIDDEN_UNITS):
        with tf.variable_scope("hiddenlayer_%d" % layer_id, values=(net,)) as hidden_layer_scope:
            net = tf.layers.dense(net, units=units, activation=tf.nn.relu,
                                  kernel_initializer=tf.glorot_uniform_initializer(),
                                  name=hidden_layer_scope)
    with tf.variable_scope("logits", values=(net,)) as logits_scope:
        return tf.layers.dense(net, units=1, activation=None,
                               kernel_initializer=tf.glorot_uniform_initializer(),
                               name=logits_scope)


dense_features = tf.placeholder(tf.float32, [None, DENSE_INPUTS], name="dense_features")
with tf.variable_scope("dnn", partitioner=partitioner):
    dnn_output = dnn_logits(dense_features)

with tf.variable_scope("linear"):
    with tf.variable_scope("linear_model", partitioner=partitioner):
        for column, buckets in BUCKETS:
            with tf.variable_scope(column):
                tf.get_variable("weights", [buckets, 1], initializer=tf.zeros_initializer())
        tf.get_variable("bias_weights", [1], initializer=tf.zeros_initializer())

global_step = tf.train.get_or_create_global_step()
