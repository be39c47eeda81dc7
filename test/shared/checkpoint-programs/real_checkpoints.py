# The two real TF 1.x checkpoints of the reference material (linked as ./testdata by the
# test): listed, read and restored into graphs that build some of their variables.
import tensorflow as tf

T2T = "testdata/t2t-transformer"
TFX = "testdata/tfx-taxi-estimator"

print(tf.train.latest_checkpoint(T2T))
print(tf.train.latest_checkpoint(TFX))
t2t = tf.train.list_variables(T2T)
print(len(t2t))
for name, shape in t2t[:7]:
    print(name, shape)
print(t2t[-1])
print(tf.train.load_variable(T2T, "global_step"))
print(tf.train.load_variable(T2T, "losses_avg/problem_0/total_loss"))
print(repr(tf.train.load_variable(T2T, "train_stats/problem_0_steps")))
print(tf.train.load_variable(TFX + "/model.ckpt-10000", "global_step"))

reader = tf.train.NewCheckpointReader(TFX + "/model.ckpt-10000")
shapes = reader.get_variable_to_shape_map()
dtypes = reader.get_variable_to_dtype_map()
print(len(shapes), shapes["dnn/hiddenlayer_0/kernel"], dtypes["global_step"])
print(reader.has_tensor("dnn/logits/bias/Adagrad"), reader.has_tensor("dnn/hiddenlayer_0/kernel/part_0"))
for line in reader.debug_string().splitlines()[:3]:
    print(line)
print(repr(reader.get_tensor("dnn/logits/bias")))
try:
    tf.train.NewCheckpointReader(T2T)
except tf.errors.DataLossError as e:
    print(type(e).__name__ + ":", e)

# t2t: some of the model's variables, restored by name; the sharded checkpoint's two data files.
with tf.variable_scope("transformer"):
    with tf.variable_scope("symbol_modality_8190_16/shared"):
        last_shard = tf.get_variable("weights_15", [511, 16])
    with tf.variable_scope("body"):
        embedding = tf.get_variable("target_space_embedding/kernel", [32, 16])
        with tf.variable_scope("encoder/layer_1/ffn/conv2"):
            bias = tf.get_variable("bias", [16])
step = tf.train.get_or_create_global_step()
restored = [last_shard, embedding, bias, step]
with tf.Session() as sess:
    tf.train.Saver(restored).restore(sess, tf.train.latest_checkpoint(T2T))
    for v in restored:
        value = sess.run(v)
        stored = tf.train.load_variable(T2T, v.name)
        print(v.op.name, value.shape, (value == stored).all())
    print(sess.run(step))

# tfx: the estimator's partitioned DNN layer (one part_0, stored whole) and its global step.
tf.reset_default_graph()
with tf.variable_scope("dnn/hiddenlayer_0", partitioner=tf.fixed_size_partitioner(1)):
    kernel = tf.get_variable("kernel", [3, 100])
    bias = tf.get_variable("bias", [100])
step = tf.train.get_or_create_global_step()
print([v.name for v in tf.global_variables()])
with tf.Session() as sess:
    tf.train.Saver().restore(sess, tf.train.latest_checkpoint(TFX))
    print(sess.run(step))
    print((sess.run(kernel) == tf.train.load_variable(TFX, "dnn/hiddenlayer_0/kernel")).all())
    print((sess.run(bias) == reader.get_tensor("dnn/hiddenlayer_0/bias")).all())
