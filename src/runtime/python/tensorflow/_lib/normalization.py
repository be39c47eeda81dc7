"""`tf.layers.BatchNormalization` (TF 1.15 `python/layers/normalization.py` over Keras's
`BatchNormalization.build`): `gamma` (scale), `beta` (center) trainable, then `moving_mean`,
`moving_variance` non-trainable; `renorm` adds `moving_stddev`, `renorm_mean`, `renorm_stddev`.
Each call in training mode adds the moving-mean and moving-variance updates (UPDATE_OPS)."""
import tensorflow as tf

from tensorflow._lib import base, core


def resolve_axes(axes, ndims):
    """Keras's normalization axes: an int or a list, negatives counted from the end; an axis
    outside the rank is TF's "Invalid axis"."""
    if isinstance(axes, int):
        axes = [axes]
    resolved = []
    for x in axes:
        if x < 0:
            resolved.append(ndims + x)
        else:
            resolved.append(x)
    for x in resolved:
        if x < 0 or x >= ndims:
            raise ValueError("Invalid axis: %d" % x)
    return resolved


class BatchNormalization(base.Layer):
    def __init__(self, axis=-1, momentum=0.99, epsilon=1e-3, center=True, scale=True,
                 beta_initializer=core.ZEROS, gamma_initializer="ones",
                 moving_mean_initializer=core.ZEROS, moving_variance_initializer="ones",
                 beta_regularizer=None, gamma_regularizer=None, beta_constraint=None,
                 gamma_constraint=None, renorm=False, renorm_clipping=None, renorm_momentum=0.99,
                 fused=None, trainable=True, virtual_batch_size=None, adjustment=None, name=None,
                 **kwargs):
        super().__init__(name=name, trainable=trainable, **kwargs)
        if isinstance(axis, (list, tuple)):
            self.axis = list(axis)
        else:
            self.axis = axis
        self.momentum = momentum
        self.epsilon = epsilon
        self.center = center
        self.scale = scale
        self.beta_initializer = core.get_initializer(beta_initializer)
        self.gamma_initializer = core.get_initializer(gamma_initializer)
        self.moving_mean_initializer = core.get_initializer(moving_mean_initializer)
        self.moving_variance_initializer = core.get_initializer(moving_variance_initializer)
        self.beta_regularizer = beta_regularizer
        self.gamma_regularizer = gamma_regularizer
        self.beta_constraint = beta_constraint
        self.gamma_constraint = gamma_constraint
        self.renorm = renorm
        self.renorm_momentum = renorm_momentum
        self.renorm_clipping = None
        if renorm:
            if not renorm_clipping:
                renorm_clipping = {}
            for key in renorm_clipping:
                if key not in ("rmax", "rmin", "dmax"):
                    raise ValueError("renorm_clipping %s contains keys not in %s"
                                     % (renorm_clipping, ["rmax", "rmin", "dmax"]))
            self.renorm_clipping = renorm_clipping
        self.fused = fused
        self.virtual_batch_size = virtual_batch_size
        self.adjustment = adjustment
        self.gamma = None
        self.beta = None

    def build(self, input_shape):
        ndims = input_shape.ndims
        if not ndims:
            raise ValueError("Input has undefined rank:", input_shape)
        dims = input_shape.as_list()
        resolved = resolve_axes(self.axis, ndims)
        self.axis = resolved
        for x in resolved:
            if dims[x] is None:
                raise ValueError("Input has undefined `axis` dimension. Input shape: ",
                                 input_shape)
        if len(resolved) == 1:
            param_shape = [dims[resolved[0]]]
        else:
            param_shape = []
            for i in range(ndims):
                if i in resolved:
                    param_shape.append(dims[i])
                else:
                    param_shape.append(1)
        self._param_shape = param_shape
        fused = self._fused(ndims)
        if self.scale:
            self.gamma = self.add_weight(name="gamma", shape=param_shape,
                                         initializer=self.gamma_initializer,
                                         regularizer=self.gamma_regularizer,
                                         constraint=self.gamma_constraint, trainable=True)
        else:
            self.gamma = None
            if fused:
                self._gamma_const = tf.constant(1.0, dtype=tf.float32, shape=param_shape)
        if self.center:
            self.beta = self.add_weight(name="beta", shape=param_shape,
                                        initializer=self.beta_initializer,
                                        regularizer=self.beta_regularizer,
                                        constraint=self.beta_constraint, trainable=True)
        else:
            self.beta = None
            if fused:
                self._beta_const = tf.constant(0.0, dtype=tf.float32, shape=param_shape)
        partitioner = None
        if self._scope:
            partitioner = self._scope.partitioner
            self._scope.set_partitioner(None)
        self.moving_mean = self.add_weight(name="moving_mean", shape=param_shape,
                                           initializer=self.moving_mean_initializer,
                                           trainable=False)
        self.moving_variance = self.add_weight(name="moving_variance", shape=param_shape,
                                               initializer=self.moving_variance_initializer,
                                               trainable=False)
        if self.renorm:
            variance_init = self.moving_variance_initializer

            def moving_stddev_initializer(*args, **kwargs):
                return tf.sqrt(variance_init(*args, **kwargs))

            self.moving_stddev = self.add_weight(name="moving_stddev", shape=param_shape,
                                                 initializer=moving_stddev_initializer,
                                                 trainable=False)
            self.renorm_mean = self.add_weight(name="renorm_mean", shape=param_shape,
                                               initializer=self.moving_mean_initializer,
                                               trainable=False)
            self.renorm_stddev = self.add_weight(name="renorm_stddev", shape=param_shape,
                                                 initializer=moving_stddev_initializer,
                                                 trainable=False)
        if partitioner:
            self._scope.set_partitioner(partitioner)
        self.built = True

    def _assign_moving_average(self, variable, value, momentum):
        """Keras's `_assign_moving_average` (TF 1.15): under `AssignMovingAvg`, `decay` (a
        Const `decay` of a Python momentum, `sub` of a tensor's), `sub`, `mul`, and
        `state_ops.assign_sub`: an `AssignSub` named by the scope (a resource variable's
        `AssignSubVariableOp` inside it)."""
        with tf.name_scope("AssignMovingAvg") as scope:
            decay = tf.convert_to_tensor(1.0 - momentum, name="decay")
            return tf.assign_sub(variable, (variable - value) * decay, name=scope)

    def _broadcast(self, v, ndims):
        if v is None or len(self.axis) != 1 or self.axis[0] == ndims - 1:
            return v
        shape = [1] * ndims
        shape[self.axis[0]] = self._param_shape[0]
        return tf.reshape(v, shape)

    def call(self, inputs, training=False):
        dims = inputs.get_shape().as_list()
        ndims = len(dims)
        if self._fused(ndims):
            return self._fused_batch_norm(inputs, training)
        reduction_axes = []
        for i in range(ndims):
            if i not in self.axis:
                reduction_axes.append(i)
        gamma = self._broadcast(self.gamma, ndims)
        beta = self._broadcast(self.beta, ndims)
        if training is False or training is None:
            mean = self._broadcast(self.moving_mean, ndims)
            variance = self._broadcast(self.moving_variance, ndims)
            return tf.nn.batch_normalization(inputs, mean, variance, beta, gamma, self.epsilon)
        mean, variance = tf.nn.moments(inputs, reduction_axes)
        if self.renorm:
            return self._call_renorm(inputs, training, mean, variance, gamma, beta, ndims)
        if training is not True:
            return self._call_with_training_tensor(inputs, training, mean, variance, gamma,
                                                   beta, ndims)
        # Keras adds the updates before it normalizes.
        mean_update = self._assign_moving_average(self.moving_mean, mean, self.momentum)
        variance_update = self._assign_moving_average(self.moving_variance, variance,
                                                      self.momentum)
        self.add_update(mean_update)
        self.add_update(variance_update)
        return tf.nn.batch_normalization(inputs, self._broadcast(mean, ndims),
                                         self._broadcast(variance, ndims), beta, gamma,
                                         self.epsilon)

    def _fused_batch_norm(self, inputs, training):
        """Keras's `_fused_batch_norm` (TF 1.15 keras/layers/normalization.py):
        `smart_cond(training, training, inference)` of `tf.nn.fused_batch_norm` (NCHW for axis
        1, NHWC for axis 3); its variance keeps Bessel's correction
        (`_bessels_correction_test_only`). Unless `training` is False the moving averages are
        updated with `momentum`, a Const (`smart_cond(training, momentum, 1.0)` for a tensor)."""
        beta = self.beta
        if not self.center:
            beta = self._beta_const
        gamma = self.gamma
        if not self.scale:
            gamma = self._gamma_const
        data_format = "NHWC"
        if self.axis[0] == 1:
            data_format = "NCHW"
        epsilon = self.epsilon
        moving_mean = self.moving_mean
        moving_variance = self.moving_variance

        if training is None:
            training = False
        results = fused_batch_norm_cond(training, inputs, gamma, beta, moving_mean,
                                        moving_variance, epsilon, data_format)
        output = results[0]
        mean = results[1]
        variance = results[2]
        if training is False:
            return output
        momentum_value = self.momentum
        if training is True:
            momentum = tf.convert_to_tensor(momentum_value)
        else:

            def momentum_fn():
                return tf.constant(momentum_value)

            def no_momentum_fn():
                return tf.constant(1.0)

            momentum = core.smart_cond(training, momentum_fn, no_momentum_fn)
        mean_update = self._assign_moving_average(moving_mean, mean, momentum)
        variance_update = self._assign_moving_average(moving_variance, variance, momentum)
        self.add_update(mean_update)
        self.add_update(variance_update)
        return output

    def _assign_new_value(self, variable, value):
        with tf.name_scope("AssignNewValue") as scope:
            return variable.assign(value, name=scope)

    def _renorm_correction_and_moments(self, mean, variance, training):
        """Keras's `_renorm_correction_and_moments` (TF 1.15): the corrections
        `r = stddev / renorm_stddev`, `d = (mean - renorm_mean) / renorm_stddev` from the
        batch's `stddev = sqrt(variance + epsilon)` and the pre-update renorm averages
        (`renorm_stddev` at least `sqrt(epsilon)`), clipped by `renorm_clipping`, 1 and 0 when not
        training; the renorm averages' updates (`renorm_momentum`) run before the returned
        mean and variance."""
        stddev = tf.sqrt(variance + self.epsilon)
        renorm_mean = self.renorm_mean
        renorm_stddev = tf.maximum(self.renorm_stddev, tf.sqrt(self.epsilon))
        r = stddev / renorm_stddev
        d = (mean - renorm_mean) / renorm_stddev
        with tf.control_dependencies([r, d]):
            mean = tf.identity(mean)
            stddev = tf.identity(stddev)
        rmin = self.renorm_clipping.get("rmin")
        rmax = self.renorm_clipping.get("rmax")
        dmax = self.renorm_clipping.get("dmax")
        if rmin is not None:
            r = tf.maximum(r, rmin)
        if rmax is not None:
            r = tf.minimum(r, rmax)
        if dmax is not None:
            d = tf.maximum(d, -dmax)
            d = tf.minimum(d, dmax)
        r_value = r
        d_value = d

        def keep_r():
            return r_value

        def one_r():
            return tf.ones_like(r_value)

        def keep_d():
            return d_value

        def zero_d():
            return tf.zeros_like(d_value)

        r = core.smart_cond(training, keep_r, one_r)
        d = core.smart_cond(training, keep_d, zero_d)
        update_new_mean = self._update_renorm_variable(self.renorm_mean, mean, training)
        update_new_stddev = self._update_renorm_variable(self.renorm_stddev, stddev, training)
        with tf.control_dependencies([update_new_mean, update_new_stddev]):
            out_mean = tf.identity(mean)
            out_variance = tf.identity(variance)
        return r, d, out_mean, out_variance

    def _update_renorm_variable(self, var, value, training):
        value = tf.identity(value)
        layer = self

        def do_update():
            return layer._assign_moving_average(var, value, layer.renorm_momentum)

        def fake_update():
            return tf.identity(var)

        return core.smart_cond(training, do_update, fake_update)

    def _call_renorm(self, inputs, training, mean, variance, gamma, beta, ndims):
        """Keras's BatchNormalization.call (TF 1.15) with `renorm`: the batch statistics
        (`smart_cond` with the moving ones), the renorm corrections folded into the scale and
        offset (`renorm_r`, `renorm_d`: `x * (r * gamma) + (d * gamma + beta)`), the moving mean
        averaged towards the batch mean and the moving variance set from the averaged
        `moving_stddev` (`relu(moving_stddev ** 2 - epsilon)`)."""
        moving_mean = self.moving_mean
        moving_variance = self.moving_variance
        batch_mean = mean
        batch_variance = variance

        def batch_mean_fn():
            return batch_mean

        def batch_variance_fn():
            return batch_variance

        def moving_mean_fn():
            return tf.convert_to_tensor(moving_mean)

        def moving_variance_fn():
            return tf.convert_to_tensor(moving_variance)

        mean = core.smart_cond(training, batch_mean_fn, moving_mean_fn)
        variance = core.smart_cond(training, batch_variance_fn, moving_variance_fn)
        r, d, new_mean, new_variance = self._renorm_correction_and_moments(mean, variance,
                                                                          training)
        r = self._broadcast(tf.stop_gradient(r, name="renorm_r"), ndims)
        d = self._broadcast(tf.stop_gradient(d, name="renorm_d"), ndims)
        scale = r
        offset = d
        if gamma is not None:
            scale = scale * gamma
            offset = offset * gamma
        if beta is not None:
            offset = offset + beta
        layer = self

        def mean_update_fn():
            return layer._assign_moving_average(moving_mean, new_mean, layer.momentum)

        def moving_mean_value():
            return moving_mean

        def variance_update_fn():
            moving_stddev = layer._assign_moving_average(
                layer.moving_stddev, tf.sqrt(new_variance + layer.epsilon), layer.momentum)
            return layer._assign_new_value(
                moving_variance, tf.nn.relu(moving_stddev * moving_stddev - layer.epsilon))

        def moving_variance_value():
            return moving_variance

        mean_update = core.smart_cond(training, mean_update_fn, moving_mean_value)
        variance_update = core.smart_cond(training, variance_update_fn, moving_variance_value)
        if training is True:
            self.add_update(mean_update)
            self.add_update(variance_update)
        else:
            self.add_update(mean_update)
            self.add_update(variance_update)
        return tf.nn.batch_normalization(inputs, self._broadcast(mean, ndims),
                                         self._broadcast(variance, ndims), offset, scale,
                                         self.epsilon)

    def _fused(self, ndims):
        """Whether TF 1.15 runs this call as its fused kernel (Keras's V1 `build`: `fused`
        unset or true, a 4-D input normalized over its channels, no renorm, virtual batches or
        adjustment)."""
        return (self.fused is not False and ndims == 4 and len(self.axis) == 1
                and self.axis[0] in (1, 3) and not self.renorm
                and self.virtual_batch_size is None and self.adjustment is None)


    def _call_with_training_tensor(self, inputs, training, mean, variance, gamma, beta, ndims):
        """Keras's BatchNormalization.call (TF 1.15, not fused) for a `training` tensor: the
        statistics are `cond(training, batch's, moving)` (`cond`, `cond_1`), each moving
        average's update is `cond(training, update, variable)` (`cond_2`, `cond_3`)."""
        moving_mean = self.moving_mean
        moving_variance = self.moving_variance
        momentum = self.momentum

        def batch_mean():
            return mean

        def batch_variance():
            return variance

        def stored_mean():
            return moving_mean

        def stored_variance():
            return moving_variance

        mean = core.smart_cond(training, batch_mean, stored_mean)
        variance = core.smart_cond(training, batch_variance, stored_variance)
        new_mean = mean
        new_variance = variance
        layer = self

        def update_mean():
            return layer._assign_moving_average(moving_mean, new_mean, momentum)

        def update_variance():
            return layer._assign_moving_average(moving_variance, new_variance, momentum)

        mean_update = core.smart_cond(training, update_mean, stored_mean)
        variance_update = core.smart_cond(training, update_variance, stored_variance)
        self.add_update(mean_update)
        self.add_update(variance_update)
        return tf.nn.batch_normalization(inputs, self._broadcast(mean, ndims),
                                         self._broadcast(variance, ndims), beta, gamma,
                                         self.epsilon)


def batch_normalization(inputs, axis=-1, momentum=0.99, epsilon=1e-3, center=True, scale=True,
                        beta_initializer=core.ZEROS, gamma_initializer="ones",
                        moving_mean_initializer=core.ZEROS, moving_variance_initializer="ones",
                        beta_regularizer=None, gamma_regularizer=None, beta_constraint=None,
                        gamma_constraint=None, training=False, trainable=True, name=None,
                        reuse=None, renorm=False, renorm_clipping=None, renorm_momentum=0.99,
                        fused=None, virtual_batch_size=None, adjustment=None):
    layer = BatchNormalization(
        axis=axis, momentum=momentum, epsilon=epsilon, center=center, scale=scale,
        beta_initializer=beta_initializer, gamma_initializer=gamma_initializer,
        moving_mean_initializer=moving_mean_initializer,
        moving_variance_initializer=moving_variance_initializer,
        beta_regularizer=beta_regularizer, gamma_regularizer=gamma_regularizer,
        beta_constraint=beta_constraint, gamma_constraint=gamma_constraint, renorm=renorm,
        renorm_clipping=renorm_clipping, renorm_momentum=renorm_momentum, fused=fused,
        trainable=trainable, virtual_batch_size=virtual_batch_size, adjustment=adjustment,
        name=name, _reuse=reuse, _scope=name)
    return layer.apply(inputs, training=training)


def fused_batch_norm_cond(training, inputs, gamma, beta, moving_mean, moving_variance, epsilon,
                          data_format):
    """The fused batch norm both tf.layers and slim build (TF 1.15 keras `_fused_batch_norm`,
    contrib `_fused_batch_norm`): `smart_cond(training, ...)` of a `FusedBatchNormV3` on the
    batch's statistics and one on the moving ones; its output, mean and variance."""

    def training_fn():
        return tf.nn.fused_batch_norm(inputs, gamma, beta, epsilon=epsilon,
                                      data_format=data_format)

    def inference_fn():
        return tf.nn.fused_batch_norm(inputs, gamma, beta, mean=moving_mean,
                                      variance=moving_variance, epsilon=epsilon,
                                      is_training=False, data_format=data_format)

    return core.smart_cond(training, training_fn, inference_fn)
