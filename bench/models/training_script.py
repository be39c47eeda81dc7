"""An image classifier's training script, as repositories write them: command-line modes, a
loader that lists image files, a small convolutional model, and a training loop full of
bookkeeping (progress, summaries, checkpoints, sample images, an index page).

What the analyzer cannot know here (the files on disk, the step count, what the session
returns) used to fork the program into a path per branch, each a replay of the model."""
import argparse
import glob
import os
import random
import time

import numpy as np
import tensorflow as tf

parser = argparse.ArgumentParser()
parser.add_argument("--input_dir", required=True, help="folder of training images")
parser.add_argument("--mode", required=True, choices=["train", "test"])
parser.add_argument("--output_dir", required=True, help="where to write checkpoints and images")
parser.add_argument("--seed", type=int)
parser.add_argument("--max_steps", type=int, help="number of training steps")
parser.add_argument("--batch_size", type=int, default=16)
parser.add_argument("--lr", type=float, default=0.0002)
parser.add_argument("--progress_freq", type=int, default=50)
parser.add_argument("--summary_freq", type=int, default=100)
parser.add_argument("--save_freq", type=int, default=1000)
parser.add_argument("--display_freq", type=int, default=0)
a = parser.parse_args()

CLASSES = 10
SIZE = 64


def list_images(folder):
    found = []
    for name in sorted(os.listdir(folder)):
        if name.endswith(".jpg") or name.endswith(".jpeg"):
            found.append(os.path.join(folder, name))
    return found


def load_examples():
    if not os.path.exists(a.input_dir):
        raise Exception("input_dir does not exist")
    paths = list_images(a.input_dir)
    if len(paths) == 0:
        raise Exception("input_dir contains no images")
    labels = [hash(os.path.basename(p)) % CLASSES for p in paths]
    queue = tf.train.slice_input_producer([paths, labels], shuffle=a.mode == "train")
    image = tf.image.decode_jpeg(tf.read_file(queue[0]), channels=3)
    image = tf.image.resize_images(tf.image.convert_image_dtype(image, tf.float32), [SIZE, SIZE])
    images, batch_labels = tf.train.batch([image, queue[1]], batch_size=a.batch_size,
                                          shapes=[[SIZE, SIZE, 3], []])
    steps_per_epoch = int(np.ceil(len(paths) / a.batch_size))
    return images, batch_labels, steps_per_epoch


def classifier(images, training):
    with tf.variable_scope("classifier"):
        h = images
        for i, filters in enumerate([32, 64, 128]):
            h = tf.layers.conv2d(h, filters, 3, strides=2, padding="same", name="conv%d" % i)
            h = tf.layers.batch_normalization(h, training=training, name="bn%d" % i)
            h = tf.nn.relu(h)
        h = tf.layers.flatten(h)
        h = tf.layers.dense(h, 256, activation=tf.nn.relu, name="fc")
        return tf.layers.dense(h, CLASSES, name="logits")


def create_model(images, labels):
    training = tf.placeholder_with_default(a.mode == "train", [], name="training")
    logits = classifier(images, training)
    loss = tf.losses.sparse_softmax_cross_entropy(labels, logits)
    accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(logits, 1), labels), tf.float32))
    global_step = tf.train.get_or_create_global_step()
    with tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS)):
        train = tf.train.AdamOptimizer(a.lr, 0.5).minimize(loss, global_step=global_step)
    return {"loss": loss, "accuracy": accuracy, "train": train, "step": global_step}


def should(step, freq, max_steps):
    return freq > 0 and ((step + 1) % freq == 0 or step == max_steps - 1)


def save_samples(results, step):
    sample_dir = os.path.join(a.output_dir, "samples")
    if not os.path.exists(sample_dir):
        os.makedirs(sample_dir)
    written = []
    for i, label in enumerate(results["labels"]):
        name = "%08d-%d-%d.txt" % (step, i, label)
        with open(os.path.join(sample_dir, name), "w") as f:
            f.write("%d\n" % label)
        written.append(name)
    return written


def append_index(names, step):
    index_path = os.path.join(a.output_dir, "index.html")
    with open(index_path, "a") as index:
        for name in names:
            index.write("<tr><td>%d</td><td>%s</td></tr>\n" % (step, name))
    return index_path


def main():
    if a.seed is None:
        a.seed = random.randint(0, 2**31 - 1)
    tf.set_random_seed(a.seed)
    if not os.path.exists(a.output_dir):
        os.makedirs(a.output_dir)

    images, labels, steps_per_epoch = load_examples()
    model = create_model(images, labels)
    tf.summary.scalar("loss", model["loss"])
    tf.summary.scalar("accuracy", model["accuracy"])
    summaries = tf.summary.merge_all()
    saver = tf.train.Saver(max_to_keep=1)

    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        writer = tf.summary.FileWriter(a.output_dir, sess.graph)
        coord = tf.train.Coordinator()
        threads = tf.train.start_queue_runners(sess=sess, coord=coord)
        max_steps = a.max_steps if a.max_steps is not None else 100 * steps_per_epoch
        if a.mode == "test":
            correct = 0
            for step in range(steps_per_epoch):
                correct += sess.run(model["accuracy"]) * a.batch_size
            print("accuracy", correct / (steps_per_epoch * a.batch_size))
        else:
            start = time.time()
            for step in range(max_steps):
                fetches = {"train": model["train"], "step": model["step"]}
                if should(step, a.progress_freq, max_steps):
                    fetches["loss"] = model["loss"]
                if should(step, a.summary_freq, max_steps):
                    fetches["summary"] = summaries
                if should(step, a.display_freq, max_steps):
                    fetches["labels"] = labels
                results = sess.run(fetches)
                if "summary" in results:
                    writer.add_summary(results["summary"], results["step"])
                if "loss" in results:
                    rate = (step + 1) * a.batch_size / (time.time() - start)
                    print("step %d  loss %.4f  %.1f images/s" % (results["step"], results["loss"],
                                                                 rate))
                if "labels" in results:
                    append_index(save_samples(results, results["step"]), results["step"])
                if should(step, a.save_freq, max_steps):
                    saver.save(sess, os.path.join(a.output_dir, "model"),
                               global_step=model["step"])
                if coord.should_stop():
                    break
        coord.request_stop()
        coord.join(threads)


main()
