# An interactive sampling script for examples/python/transformer.py, appended to that file by the
# benchmark corpus (bench/corpus.ts), in the style of GPT-2's interactive_conditional_samples.py:
# the model is built once, then prompts are read and sampled until the process is stopped.


def interact_model(temperature=1.0, length=20, checkpoint="models/124M"):
    hparams = default_hparams()
    hparams.n_vocab = 50257
    context = tf.placeholder(tf.int32, [1, None])
    output = model(hparams=hparams, X=context)
    logits = output["logits"][:, -1, :] / temperature
    samples = tf.multinomial(logits, num_samples=1)
    saver = tf.train.Saver()
    with tf.Session() as sess:
        saver.restore(sess, tf.train.latest_checkpoint(checkpoint))
        while True:
            raw_text = input("Model prompt >>> ")
            while not raw_text:
                print("Prompt should not be empty!")
                raw_text = input("Model prompt >>> ")
            tokens = [ord(c) % hparams.n_vocab for c in raw_text]
            generated = []
            for _ in range(length):
                out = sess.run(samples, feed_dict={context: [tokens + generated]})
                generated.append(int(out[0, 0]))
            print("=" * 40 + " SAMPLE " + "=" * 40)
            print("".join(chr(t) for t in generated))


if __name__ == "__main__":
    interact_model()
