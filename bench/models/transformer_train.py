# The training script of examples/python/transformer.py, appended to that file by the benchmark
# corpus (bench/corpus.ts), as a GPT-2 fine-tuning script would use the model module: a loss on
# shifted tokens, Adam on the model's variables, a sampling graph that reuses them.


def train_main(learning_rate=0.0001, steps=1000):
    hparams = default_hparams()
    hparams.n_vocab = 50257
    context = tf.placeholder(tf.int32, [8, None])
    output = model(hparams=hparams, X=context)
    loss = tf.reduce_mean(
        tf.nn.sparse_softmax_cross_entropy_with_logits(
            labels=context[:, 1:], logits=output["logits"][:, :-1]
        )
    )
    all_vars = [v for v in tf.trainable_variables() if "model" in v.name]
    opt = tf.train.AdamOptimizer(learning_rate=learning_rate)
    train_op = opt.minimize(loss, var_list=all_vars)
    sample = model(hparams=hparams, X=context[:, :1], reuse=True)
    saver = tf.train.Saver(var_list=all_vars, max_to_keep=5)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for step in range(steps):
            _, lv = sess.run((train_op, loss), feed_dict={context: np.zeros([8, 1024])})
            if step % 100 == 0:
                print("step", step, "loss", lv)
                saver.save(sess, "checkpoint/model", global_step=step)
        return sess.run(sample["logits"], feed_dict={context: np.zeros([8, 1])})


if __name__ == "__main__":
    train_main()
