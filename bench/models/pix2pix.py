"""An image-to-image GAN in the style of pix2pix, written for Scope Lens's benchmarks: a U-Net
generator and a PatchGAN discriminator with tf.layers convolutions and batch norm, the
discriminator applied twice with shared weights, and one Adam optimizer per network.
"""
import tensorflow as tf

BATCH_SIZE = 1
IMAGE_SIZE = 256
NGF = 64
NDF = 64


def lrelu(x, a=0.2):
    with tf.name_scope("lrelu"):
        return tf.maximum(a * x, x)


def batchnorm(x, training):
    return tf.layers.batch_normalization(x, axis=3, epsilon=1e-5, momentum=0.1, training=training)


def gen_conv(x, out_channels):
    initializer = tf.random_normal_initializer(0, 0.02)
    return tf.layers.conv2d(
        x, out_channels, kernel_size=4, strides=(2, 2), padding="same", kernel_initializer=initializer
    )


def gen_deconv(x, out_channels):
    initializer = tf.random_normal_initializer(0, 0.02)
    return tf.layers.conv2d_transpose(
        x, out_channels, kernel_size=4, strides=(2, 2), padding="same", kernel_initializer=initializer
    )


def discrim_conv(x, out_channels, stride):
    padded = tf.pad(x, [[0, 0], [1, 1], [1, 1], [0, 0]], mode="CONSTANT")
    initializer = tf.random_normal_initializer(0, 0.02)
    return tf.layers.conv2d(
        padded, out_channels, kernel_size=4, strides=(stride, stride), padding="valid",
        kernel_initializer=initializer,
    )


def generator(inputs, out_channels, training):
    layers = []
    with tf.variable_scope("encoder_1"):
        layers.append(gen_conv(inputs, NGF))
    encoder_specs = [NGF * 2, NGF * 4, NGF * 8, NGF * 8, NGF * 8]
    for out in encoder_specs:
        with tf.variable_scope("encoder_%d" % (len(layers) + 1)):
            rectified = lrelu(layers[-1], 0.2)
            convolved = gen_conv(rectified, out)
            layers.append(batchnorm(convolved, training))
    decoder_specs = [(NGF * 8, 0.5), (NGF * 8, 0.5), (NGF * 4, 0.0), (NGF * 2, 0.0), (NGF, 0.0)]
    num_encoder_layers = len(layers)
    for decoder_layer, (out, dropout) in enumerate(decoder_specs):
        skip_layer = num_encoder_layers - decoder_layer - 1
        with tf.variable_scope("decoder_%d" % (skip_layer + 1)):
            if decoder_layer == 0:
                x = layers[-1]
            else:
                x = tf.concat([layers[-1], layers[skip_layer]], axis=3)
            rectified = tf.nn.relu(x)
            output = gen_deconv(rectified, out)
            output = batchnorm(output, training)
            if dropout > 0.0:
                output = tf.layers.dropout(output, rate=dropout, training=training)
            layers.append(output)
    with tf.variable_scope("decoder_1"):
        x = tf.concat([layers[-1], layers[0]], axis=3)
        output = gen_deconv(tf.nn.relu(x), out_channels)
        layers.append(tf.tanh(output))
    return layers[-1]


def discriminator(inputs, targets, training, n_layers=3):
    layers = []
    x = tf.concat([inputs, targets], axis=3)
    with tf.variable_scope("layer_1"):
        layers.append(lrelu(discrim_conv(x, NDF, stride=2), 0.2))
    for i in range(n_layers):
        with tf.variable_scope("layer_%d" % (len(layers) + 1)):
            out_channels = NDF * min(2 ** (i + 1), 8)
            stride = 1 if i == n_layers - 1 else 2
            convolved = discrim_conv(layers[-1], out_channels, stride=stride)
            layers.append(lrelu(batchnorm(convolved, training), 0.2))
    with tf.variable_scope("layer_%d" % (len(layers) + 1)):
        convolved = discrim_conv(layers[-1], 1, stride=1)
        layers.append(tf.sigmoid(convolved))
    return layers[-1]


def create_model(inputs, targets, lr=0.0002, beta1=0.5, l1_weight=100.0, gan_weight=1.0):
    with tf.variable_scope("generator"):
        outputs = generator(inputs, int(targets.get_shape()[-1]), training=True)

    with tf.name_scope("real_discriminator"):
        with tf.variable_scope("discriminator"):
            predict_real = discriminator(inputs, targets, training=True)

    with tf.name_scope("fake_discriminator"):
        with tf.variable_scope("discriminator", reuse=True):
            predict_fake = discriminator(inputs, outputs, training=True)

    eps = 1e-12
    with tf.name_scope("discriminator_loss"):
        discrim_loss = tf.reduce_mean(-(tf.log(predict_real + eps) + tf.log(1 - predict_fake + eps)))

    with tf.name_scope("generator_loss"):
        gen_loss_gan = tf.reduce_mean(-tf.log(predict_fake + eps))
        gen_loss_l1 = tf.reduce_mean(tf.abs(targets - outputs))
        gen_loss = gen_loss_gan * gan_weight + gen_loss_l1 * l1_weight

    with tf.name_scope("discriminator_train"):
        discrim_tvars = [v for v in tf.trainable_variables() if v.name.startswith("discriminator")]
        discrim_optim = tf.train.AdamOptimizer(lr, beta1)
        discrim_train = discrim_optim.minimize(discrim_loss, var_list=discrim_tvars)

    with tf.name_scope("generator_train"):
        with tf.control_dependencies([discrim_train]):
            gen_tvars = [v for v in tf.trainable_variables() if v.name.startswith("generator")]
            gen_optim = tf.train.AdamOptimizer(lr, beta1)
            gen_train = gen_optim.minimize(gen_loss, var_list=gen_tvars)

    global_step = tf.train.get_or_create_global_step()
    incr_global_step = tf.assign(global_step, global_step + 1)
    return outputs, tf.group(incr_global_step, gen_train), gen_loss, discrim_loss


def main():
    inputs = tf.placeholder(tf.float32, [BATCH_SIZE, IMAGE_SIZE, IMAGE_SIZE, 3], name="inputs")
    targets = tf.placeholder(tf.float32, [BATCH_SIZE, IMAGE_SIZE, IMAGE_SIZE, 3], name="targets")
    outputs, train, gen_loss, discrim_loss = create_model(inputs, targets)
    saver = tf.train.Saver(max_to_keep=1)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for step in range(1000):
            results = sess.run({"train": train, "gen_loss": gen_loss, "discrim_loss": discrim_loss})
            if step % 100 == 0:
                print("step", step, results["gen_loss"], results["discrim_loss"])
                saver.save(sess, "checkpoints/model", global_step=step)


if __name__ == "__main__":
    main()
