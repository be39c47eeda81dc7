"""`tf.layers.BatchNormalization` (TF 1.15 `python/layers/normalization.py` over Keras's
`BatchNormalization.build`): `gamma` (scale), `beta` (center) trainable, then `moving_mean`,
`moving_variance` non-trainable; `renorm` adds `moving_stddev`, `renorm_mean`, `renorm_stddev`.
Each call in training mode adds the moving-mean and moving-variance updates (UPDATE_OPS)."""
import tensorflow as tf

from tensorflow._lib import _support, base, core


def bessel_corrected(inputs, variance):
    """The batch variance TF's fused batch-norm kernel reports, and the moving variance
    averages: with Bessel's correction, times n / (n - 1) for n values per channel."""
    n = tf.cast(tf.size(inputs), tf.float32) / tf.cast(tf.size(variance), tf.float32)
    return variance * (n / (n - 1.0))


def no_gradient(statistic):
    """A moving statistic as TF's fused kernel takes it in inference: its gradient there is
    None (`_FusedBatchNormGrad`), so no gradient reaches the moving mean and variance."""
    return tf.stop_gradient(statistic)


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
        axes = self.axis
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
        if self.scale:
            self.gamma = self.add_weight(name="gamma", shape=param_shape,
                                         initializer=self.gamma_initializer,
                                         regularizer=self.gamma_regularizer,
                                         constraint=self.gamma_constraint, trainable=True)
        else:
            self.gamma = None
        if self.center:
            self.beta = self.add_weight(name="beta", shape=param_shape,
                                        initializer=self.beta_initializer,
                                        regularizer=self.beta_regularizer,
                                        constraint=self.beta_constraint, trainable=True)
        else:
            self.beta = None
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
        with tf.name_scope("AssignMovingAvg"):
            decay = 1.0 - momentum
            return variable.assign_sub((variable - value) * decay)

    def _broadcast(self, v, ndims):
        if v is None or len(self.axis) != 1 or self.axis[0] == ndims - 1:
            return v
        shape = [1] * ndims
        shape[self.axis[0]] = self._param_shape[0]
        return tf.reshape(v, shape)

    def call(self, inputs, training=False):
        dims = inputs.get_shape().as_list()
        ndims = len(dims)
        reduction_axes = []
        for i in range(ndims):
            if i not in self.axis:
                reduction_axes.append(i)
        gamma = self._broadcast(self.gamma, ndims)
        beta = self._broadcast(self.beta, ndims)
        if training is False or training is None:
            mean = self._broadcast(self.moving_mean, ndims)
            variance = self._broadcast(self.moving_variance, ndims)
            if self._fused(ndims):
                mean = no_gradient(mean)
                variance = no_gradient(variance)
            return tf.nn.batch_normalization(inputs, mean, variance, beta, gamma, self.epsilon)
        mean, variance = tf.nn.moments(inputs, reduction_axes)
        corrected = None
        if self._fused(ndims):
            corrected = bessel_corrected(inputs, variance)
        if training is not True and not self.renorm:
            return self._call_with_training_tensor(inputs, training, mean, variance, gamma,
                                                   beta, ndims, corrected)
        if self.renorm:
            outputs = _support.unimplemented_op("BatchNormRenorm", [inputs], inputs.dtype, dims)
            stddev_update = self._assign_moving_average(self.moving_stddev, tf.sqrt(variance),
                                                        self.momentum)
            mean_update = self._assign_moving_average(self.moving_mean, mean, self.momentum)
            self.add_update(mean_update)
            self.add_update(stddev_update)
            return outputs
        outputs = tf.nn.batch_normalization(inputs, self._broadcast(mean, ndims),
                                            self._broadcast(variance, ndims), beta, gamma,
                                            self.epsilon)
        mean_update = self._assign_moving_average(self.moving_mean, mean, self.momentum)
        variance_update = self._assign_moving_average(
            self.moving_variance, variance if corrected is None else corrected, self.momentum)
        self.add_update(mean_update)
        self.add_update(variance_update)
        return outputs

    def _fused(self, ndims):
        """Whether TF 1.15 runs this call as its fused kernel (Keras's V1 `build`: `fused`
        unset or true, a 4-D input normalized over its channels, no renorm, virtual batches or
        adjustment)."""
        return (self.fused is not False and ndims == 4 and len(self.axis) == 1
                and self.axis[0] in (1, 3) and not self.renorm
                and self.virtual_batch_size is None and self.adjustment is None)


    def _call_with_training_tensor(self, inputs, training, mean, variance, gamma, beta, ndims,
                                   corrected):
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

        def frozen_mean():
            return no_gradient(moving_mean)

        def frozen_variance():
            return no_gradient(moving_variance)

        if corrected is None:
            mean = core.smart_cond(training, batch_mean, stored_mean)
            variance = core.smart_cond(training, batch_variance, stored_variance)
        else:
            mean = core.smart_cond(training, batch_mean, frozen_mean)
            variance = core.smart_cond(training, batch_variance, frozen_variance)
        new_mean = mean
        new_variance = variance if corrected is None else corrected
        layer = self

        def update_mean():
            return layer._assign_moving_average(moving_mean, new_mean, momentum)

        def update_variance():
            return layer._assign_moving_average(moving_variance, new_variance, momentum)

        mean_update = core.smart_cond(training, update_mean, stored_mean)
        variance_update = core.smart_cond(training, update_variance, stored_variance)
        # Keras's add_update keeps a tensor's op.
        self.add_update(mean_update.op)
        self.add_update(variance_update.op)
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
