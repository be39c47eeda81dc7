# A GPT-2-style sampler (tf.while_loop with shape_invariants, maximum_iterations and
# back_prop=False, a constant condition, variables shared with AUTO_REUSE between the first
# step outside the loop and the body, tokens growing along a None dimension): the result's
# shape and the sampled tokens.
import tensorflow as tf


def model(tokens):
    with tf.variable_scope("model", reuse=tf.AUTO_REUSE):
        wte = tf.get_variable("wte", [11, 4], initializer=tf.constant_initializer(0.1))
        bias = tf.get_variable("bias", [11], initializer=tf.constant_initializer(0.0))
        h = tf.gather(wte, tokens)
        present = tf.reduce_sum(h, axis=1, keepdims=True)
        flat = tf.matmul(tf.reshape(h, [-1, 4]), wte, transpose_b=True) + bias
        logits = tf.reshape(flat, [tf.shape(tokens)[0], -1, 11])
        return logits, present


context = tf.placeholder(tf.int32, [1, None], name="context")
with tf.name_scope("sample_sequence"):
    context_output = model(context[:, :-1])

    def body(past, prev, output):
        logits, present = model(prev[:, tf.newaxis])
        last = logits[:, -1, :] + tf.cast(tf.range(11) % 4, tf.float32) * tf.cast(
            tf.shape(output)[1], tf.float32)
        samples = tf.argmax(last, axis=-1, output_type=tf.int32)
        return [tf.concat([past, present], axis=1), samples,
                tf.concat([output, samples[:, tf.newaxis]], axis=1)]

    past, prev, tokens = tf.while_loop(
        cond=lambda *args: True, body=body, maximum_iterations=4,
        loop_vars=[context_output[1], context[:, -1], context],
        shape_invariants=[tf.TensorShape([1, None, 4]), tf.TensorShape([None]),
                          tf.TensorShape([1, None])],
        back_prop=False)
print(past, prev, tokens, sep="\n")
print([v.name for v in tf.global_variables()])
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for start in ([[1, 2, 3]], [[5, 0]]):
        out = sess.run([past, tokens], {context: start})
        print(out[0].shape, out[1].tolist())
