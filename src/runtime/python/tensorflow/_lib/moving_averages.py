"""`tf.train.ExponentialMovingAverage` and `assign_moving_average` (TF 1.15
`training/moving_averages.py`).

`apply(var_list)` makes one slot per value, `<value op name>/<name>` in the variable scope
current at the call (`slot_creator`): for a Variable, initialized from its initialized value,
and the Variable joins MOVING_AVERAGE_VARIABLES; for a Tensor, zeros (and with `zero_debias`
the update makes `<slot>/biased` and `<slot>/local_step` in `variable_scope(<slot op name>)`).
The updates live in name scope `<name>` and are grouped as the returned op.
"""
import tensorflow as tf
from tensorflow._lib import slot_creator

_FLOATS = [tf.bfloat16, tf.float16, tf.float32, tf.float64]


def _is_variable(value):
    return isinstance(value, tf.Variable)


def _unique_in_scope(name):
    """`name`, or `name_<i>` when a global variable of that op name exists in this scope."""
    scope = tf.get_variable_scope()
    if scope.reuse:
        return name
    taken = [v.op.name for v in tf.get_collection(tf.GraphKeys.GLOBAL_VARIABLES, scope.name)]
    full = scope.name + '/' + name
    if full not in taken:
        return name
    i = 1
    while full + '_%d' % i in taken:
        i += 1
    return name + '_%d' % i


def _zero_debias(unbiased, value, decay):
    with tf.variable_scope(unbiased.op.name, values=[unbiased, value, decay]):
        biased = tf.get_variable(_unique_in_scope('biased'), shape=unbiased.get_shape(),
                                 dtype=unbiased.dtype.base_dtype,
                                 initializer=tf.zeros_initializer(), trainable=False)
        local_step = tf.get_variable(_unique_in_scope('local_step'), shape=[],
                                     dtype=unbiased.dtype.base_dtype,
                                     initializer=tf.zeros_initializer(), trainable=False)
        biased_t = biased.assign_sub((biased - value) * decay)
        step_t = local_step.assign_add(1)
        bias_factor = 1 - tf.pow(1.0 - decay, step_t)
        return unbiased.assign(biased_t / bias_factor)


def assign_moving_average(variable, value, decay, zero_debias=True, name=None):
    """`variable -= (variable - value) * (1 - decay)`, in name scope `AssignMovingAvg`."""
    with tf.name_scope(name, 'AssignMovingAvg', [variable, value, decay]) as scope:
        decay = tf.convert_to_tensor(1.0 - decay, name='decay')
        if decay.dtype != variable.dtype.base_dtype:
            decay = tf.cast(decay, variable.dtype.base_dtype)
        if zero_debias:
            return _zero_debias(variable, value, decay)
        return tf.assign_sub(variable, (variable - value) * decay, name=scope)


class ExponentialMovingAverage(object):
    def __init__(self, decay, num_updates=None, zero_debias=False,
                 name='ExponentialMovingAverage'):
        self._decay = decay
        self._num_updates = num_updates
        self._zero_debias = zero_debias
        self._name = name
        # [value, average, zero_debias] in the order apply saw them
        self._averages = []

    @property
    def name(self):
        return self._name

    def _entry(self, var):
        for entry in self._averages:
            if entry[0] is var:
                return entry
        return None

    def apply(self, var_list=None):
        if var_list is None:
            var_list = tf.trainable_variables()
        for var in var_list:
            if var.dtype.base_dtype not in _FLOATS:
                raise TypeError('The variables must be half, float, or double: %s' % var.name)
            if self._entry(var) is not None:
                raise ValueError('Moving average already computed for: %s' % var.name)
            if _is_variable(var):
                avg = slot_creator.create_slot(var, var.initialized_value(), self._name)
                tf.add_to_collection(tf.GraphKeys.MOVING_AVERAGE_VARIABLES, var)
                debias = False
            else:
                avg = slot_creator.create_zeros_slot(var, self._name)
                debias = self._zero_debias
            self._averages.append([var, avg, debias])
        with tf.name_scope(self._name) as scope:
            decay = tf.convert_to_tensor(self._decay, name='decay')
            if self._num_updates is not None:
                num_updates = tf.cast(self._num_updates, tf.float32, name='num_updates')
                decay = tf.minimum(decay, (1.0 + num_updates) / (10.0 + num_updates))
            updates = []
            for var in var_list:
                entry = self._entry(var)
                updates.append(assign_moving_average(entry[1], var, decay,
                                                     zero_debias=entry[2]))
            return tf.group(*updates, name=scope)

    def average(self, var):
        entry = self._entry(var)
        return None if entry is None else entry[1]

    def average_name(self, var):
        entry = self._entry(var)
        if entry is not None:
            return entry[1].op.name
        return tf.get_default_graph().unique_name(var.op.name + '/' + self._name,
                                                  mark_as_used=False)

    def variables_to_restore(self, moving_avg_variables=None):
        if moving_avg_variables is None:
            moving_avg_variables = (tf.trainable_variables()
                                    + tf.get_collection(tf.GraphKeys.MOVING_AVERAGE_VARIABLES))
        averaged = []
        for v in moving_avg_variables:
            if v not in averaged:
                averaged.append(v)
        name_map = {}
        for v in averaged:
            name_map[self.average_name(v)] = v
        averaged_names = [v.name for v in averaged]
        for v in tf.global_variables():
            if v.name not in averaged_names and v.op.name not in name_map:
                name_map[v.op.name] = v
        return name_map
