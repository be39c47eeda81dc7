"""TF 1.15's `tf.train.exponential_decay` and `tf.train.polynomial_decay` in graph mode (the
legacy functions over `learning_rate_schedule.ExponentialDecay` / `PolynomialDecay`, called
with the global step at once).

Each works under its own name scope (`ExponentialDecay`, `PolynomialDecay`, or `name`; made
unique) and the tensor it returns is the op named by that scope (`ExponentialDecay:0`). The
learning rate is converted as `initial_learning_rate`; the step and the other arguments are cast
to its dtype. `exponential_decay` is `lr * rate ** (step / decay_steps)` (the exponent floored
with `staircase`); `polynomial_decay` is
`(lr - end) * (1 - min(step, decay_steps) / decay_steps) ** power + end`, and with `cycle`
`decay_steps` is multiplied by `ceil(step / decay_steps)` (1 at step 0) instead of the minimum.
"""
import tensorflow as tf


def exponential_decay(learning_rate, global_step, decay_steps, decay_rate, staircase=False,
                      name=None):
    if global_step is None:
        raise ValueError('global_step is required for exponential_decay.')
    with tf.name_scope(name or 'ExponentialDecay') as scope:
        initial = tf.convert_to_tensor(learning_rate, name='initial_learning_rate')
        dtype = initial.dtype
        steps = tf.cast(decay_steps, dtype)
        rate = tf.cast(decay_rate, dtype)
        step = tf.cast(global_step, dtype)
        p = step / steps
        if staircase:
            p = tf.floor(p)
        return tf.multiply(initial, tf.pow(rate, p), name=scope)


def polynomial_decay(learning_rate, global_step, decay_steps, end_learning_rate=0.0001,
                     power=1.0, cycle=False, name=None):
    if global_step is None:
        raise ValueError('global_step is required for polynomial_decay.')
    with tf.name_scope(name or 'PolynomialDecay') as scope:
        initial = tf.convert_to_tensor(learning_rate, name='initial_learning_rate')
        dtype = initial.dtype
        end = tf.cast(end_learning_rate, dtype)
        power = tf.cast(power, dtype)
        step = tf.cast(global_step, dtype)
        steps = tf.cast(decay_steps, dtype)
        if cycle:
            multiplier = tf.where(tf.equal(step, 0), tf.ones_like(step),
                                  tf.ceil(step / decay_steps))
            steps = tf.multiply(steps, multiplier)
        else:
            step = tf.minimum(step, decay_steps)
        p = tf.div(step, steps)
        return tf.add(tf.multiply(initial - end, tf.pow(1 - p, power)), end, name=scope)
