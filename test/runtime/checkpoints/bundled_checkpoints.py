# Checkpoints this program did not write: the example bundled in examples/checkpoint (linked as
# ./example by the test) and a two-shard checkpoint the test writes with src/checkpoint into
# ./sharded, as a sharded tf.train.Saver lays one out. Listed, read and restored into graphs
# that build their variables.
import tensorflow as tf

EXAMPLE = "example"
SHARDED = "sharded"

print(tf.train.latest_checkpoint(EXAMPLE))
print(tf.train.latest_checkpoint(SHARDED))
for name, shape in tf.train.list_variables(EXAMPLE):
    print(name, shape)
print(tf.train.load_variable(EXAMPLE, "global_step"))
print(tf.train.load_variable(EXAMPLE, "encoder/hidden2/biases"))
sharded = tf.train.list_variables(SHARDED)
print(len(sharded), sharded[0], sharded[-1])
print(tf.train.load_variable(SHARDED, "global_step"))
print(tf.train.load_variable(SHARDED + "/model.ckpt-7", "transformer/body/layer_9/ffn/conv1/bias").shape)

reader = tf.train.NewCheckpointReader(EXAMPLE + "/model.ckpt-1")
shapes = reader.get_variable_to_shape_map()
dtypes = reader.get_variable_to_dtype_map()
print(len(shapes), shapes["softmax_linear/weights"], dtypes["global_step"], dtypes["softmax_linear/biases"])
print(reader.has_tensor("global_step"), reader.has_tensor("global_step:0"))
for line in reader.debug_string().splitlines()[:3]:
    print(line)
print(repr(reader.get_tensor("softmax_linear/biases")))
print(repr(reader.get_tensor("softmax_linear/weights")[0]))
try:
    tf.train.NewCheckpointReader(EXAMPLE)
except tf.errors.DataLossError as e:
    print(type(e).__name__ + ":", e)

# The example's variables, built as model.py builds them and restored by name.
def layer(fan_in, units):
    return [tf.get_variable("weights", [fan_in, units]), tf.get_variable("biases", [units])]

with tf.variable_scope("encoder"):
    with tf.variable_scope("hidden1"):
        variables = layer(16, 12)
    with tf.variable_scope("hidden2"):
        variables += layer(12, 8)
with tf.variable_scope("softmax_linear"):
    variables += layer(8, 4)
step = tf.train.get_or_create_global_step()
with tf.Session() as sess:
    tf.train.Saver().restore(sess, tf.train.latest_checkpoint(EXAMPLE))
    for v in variables:
        value = sess.run(v)
        print(v.op.name, value.shape, (value == reader.get_tensor(v.op.name)).all())
    print(sess.run(step))

# Two tensors of the sharded checkpoint, one from each data file, restored under other names.
tf.reset_default_graph()
first = tf.get_variable("first", [8, 4])
last = tf.get_variable("last", [4])
counter = tf.get_variable("counter", [], dtype=tf.int64)
saver = tf.train.Saver({
    "training/transformer/body/layer_0/ffn/conv1/kernel/Adam": first,
    "transformer/body/layer_9/ffn/conv1/bias": last,
    "global_step": counter,
})
with tf.Session() as sess:
    saver.restore(sess, SHARDED + "/model.ckpt-7")
    print(sess.run(counter))
    stored = tf.train.load_variable(SHARDED, "transformer/body/layer_9/ffn/conv1/bias")
    print((sess.run(last) == stored).all(), sess.run(first).shape)
