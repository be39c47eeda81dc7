"""TF 1.15's RNN cells (`python/ops/rnn_cell_impl.py`): `tf.nn.rnn_cell` = `tf.contrib.rnn` for
these names.

* Cells are `tf.layers` layers (base.Layer): an unnamed cell's variables live in
  `variable_scope(None, default_name=<snake_case class name>)` fixed at its first call
  (`basic_lstm_cell`, `lstm_cell`, `gru_cell`, `basic_rnn_cell`, `multi_rnn_cell`), `name=`
  replaces the default and `scope=` on the first call fixes the scope; a built cell shares.
* Weights (built from the input's last dimension `in`): BasicRNN `kernel (in+units, units)`;
  BasicLSTM/LSTM `kernel (in+h, 4*units)`, `bias (4*units,)` with `h = num_proj or units`;
  LSTM peepholes `w_f_diag`, `w_i_diag`, `w_o_diag (units,)`, `projection/kernel
  (units, num_proj)`, `num_unit_shards`/`num_proj_shards` partition those kernels; GRU
  `gates/kernel (in+units, 2*units)`, `gates/bias` (ones), `candidate/kernel (in+units, units)`,
  `candidate/bias`.
* MultiRNNCell calls cell i inside `variable_scope('cell_<i>')`; a cell object listed twice is
  built once, under the first. DropoutWrapper, ResidualWrapper and DeviceWrapper call the
  wrapped cell directly and add no scope.
"""
import tensorflow as tf
from tensorflow._lib import _support
from tensorflow._lib import base

WEIGHTS = 'kernel'
BIAS = 'bias'


class LSTMStateTuple(tuple):
    """`(c, h)`: an LSTM's state (TF's namedtuple `LSTMStateTuple`)."""

    _fields = ('c', 'h')

    def __new__(cls, c, h):
        return tuple.__new__(cls, (c, h))

    def __repr__(self):
        return 'LSTMStateTuple(c=%r, h=%r)' % (self[0], self[1])

    @property
    def c(self):
        return self[0]

    @property
    def h(self):
        return self[1]

    @property
    def dtype(self):
        c = self[0]
        h = self[1]
        if c.dtype != h.dtype:
            raise TypeError('Inconsistent internal state: %s vs %s' % (str(c.dtype),
                                                                      str(h.dtype)))
        return c.dtype


def _zeros_for(size, batch_size, dtype):
    """Zeros `[batch_size] + size` for each size in a (nested) state size."""
    if isinstance(size, LSTMStateTuple):
        return LSTMStateTuple(_zeros_for(size[0], batch_size, dtype),
                              _zeros_for(size[1], batch_size, dtype))
    if isinstance(size, (list, tuple)):
        return tuple([_zeros_for(s, batch_size, dtype) for s in size])
    if isinstance(batch_size, tf.Tensor):
        raise NotImplementedError(
            'Scope Lens makes a zero state only for a batch size known when the graph is built '
            '(a Python int); this batch size is the tensor %s.' % batch_size.name)
    return tf.zeros([batch_size, size], dtype=dtype)


def _input_depth(cell, inputs_shape):
    dims = inputs_shape.as_list()
    depth = dims[len(dims) - 1]
    if depth is None:
        raise ValueError('Expected inputs.shape[-1] to be known, saw shape: %s'
                         % str(inputs_shape))
    return depth


def _activation(activation):
    if activation is None:
        return tf.tanh
    return activation


def _dense(inputs, state, kernel):
    """`concat([inputs, state], 1) @ kernel` (a partitioned kernel is concatenated first)."""
    if isinstance(kernel, tf.PartitionedVariable):
        kernel = tf.concat(list(kernel), 0)
    return tf.matmul(tf.concat([inputs, state], 1), kernel)


class RNNCell(base.Layer):
    """The abstract RNN cell: `(output, new_state) = cell(inputs, state)`."""

    def __init__(self, trainable=True, name=None, dtype=None, **kwargs):
        super().__init__(trainable=trainable, name=name, dtype=dtype, **kwargs)

    def __call__(self, inputs, state, scope=None):
        if scope is not None:
            with tf.variable_scope(scope) as captured:
                return super().__call__(inputs, state, scope=captured)
        # TF re-enters the variable scope current at the first call (kept as `rnncell_scope`)
        # on every call: under a named scope that opens a name scope of its last component
        # (`rnnlm_1/rnnlm/multi_rnn_cell/...` for a cell first called in `rnnlm`).
        captured = getattr(self, 'rnncell_scope', None)
        if captured is None:
            captured = tf.get_variable_scope()
            self.rnncell_scope = captured
        with tf.variable_scope(captured):
            return super().__call__(inputs, state)

    @property
    def state_size(self):
        raise NotImplementedError('Abstract method')

    @property
    def output_size(self):
        raise NotImplementedError('Abstract method')

    def build(self, inputs_shape):
        self.built = True

    def get_initial_state(self, inputs=None, batch_size=None, dtype=None):
        if inputs is not None:
            dims = inputs.get_shape().as_list()
            batch_size = dims[0]
            dtype = inputs.dtype
        return self.zero_state(batch_size, dtype)

    def zero_state(self, batch_size, dtype):
        with tf.name_scope(_class_name(self) + 'ZeroState'):
            return _zeros_for(self.state_size, batch_size, dtype)


def _class_name(cell):
    return _support.class_name(cell)


class LayerRNNCell(RNNCell):
    """A cell whose variables are made in `build` (every cell below except the wrappers and
    MultiRNNCell)."""

    def __call__(self, inputs, state, scope=None):
        return base.Layer.__call__(self, inputs, state, scope=scope)


class BasicRNNCell(LayerRNNCell):
    def __init__(self, num_units, activation=None, reuse=None, name=None, dtype=None,
                 **kwargs):
        super().__init__(_reuse=reuse, name=name, dtype=dtype, **kwargs)
        self._num_units = num_units
        self._activation = _activation(activation)

    @property
    def state_size(self):
        return self._num_units

    @property
    def output_size(self):
        return self._num_units

    def build(self, inputs_shape):
        depth = _input_depth(self, inputs_shape)
        self._kernel = self.add_weight(WEIGHTS, shape=[depth + self._num_units, self._num_units])
        self._bias = self.add_weight(BIAS, shape=[self._num_units],
                                     initializer=tf.zeros_initializer(dtype=self.dtype))
        self.built = True

    def call(self, inputs, state):
        output = self._activation(tf.nn.bias_add(_dense(inputs, state, self._kernel),
                                                 self._bias))
        return output, output


class GRUCell(LayerRNNCell):
    def __init__(self, num_units, activation=None, reuse=None, kernel_initializer=None,
                 bias_initializer=None, name=None, dtype=None, **kwargs):
        super().__init__(_reuse=reuse, name=name, dtype=dtype, **kwargs)
        self._num_units = num_units
        self._activation = _activation(activation)
        self._kernel_initializer = kernel_initializer
        self._bias_initializer = bias_initializer

    @property
    def state_size(self):
        return self._num_units

    @property
    def output_size(self):
        return self._num_units

    def build(self, inputs_shape):
        depth = _input_depth(self, inputs_shape)
        gate_bias = self._bias_initializer
        if gate_bias is None:
            gate_bias = tf.constant_initializer(1.0, dtype=self.dtype)
        candidate_bias = self._bias_initializer
        if candidate_bias is None:
            candidate_bias = tf.zeros_initializer(dtype=self.dtype)
        self._gate_kernel = self.add_weight(
            'gates/' + WEIGHTS, shape=[depth + self._num_units, 2 * self._num_units],
            initializer=self._kernel_initializer)
        self._gate_bias = self.add_weight('gates/' + BIAS, shape=[2 * self._num_units],
                                          initializer=gate_bias)
        self._candidate_kernel = self.add_weight(
            'candidate/' + WEIGHTS, shape=[depth + self._num_units, self._num_units],
            initializer=self._kernel_initializer)
        self._candidate_bias = self.add_weight('candidate/' + BIAS, shape=[self._num_units],
                                               initializer=candidate_bias)
        self.built = True

    def call(self, inputs, state):
        gates = tf.sigmoid(tf.nn.bias_add(_dense(inputs, state, self._gate_kernel),
                                          self._gate_bias))
        r, u = tf.split(gates, 2, axis=1)
        candidate = tf.nn.bias_add(_dense(inputs, r * state, self._candidate_kernel),
                                   self._candidate_bias)
        c = self._activation(candidate)
        new_h = u * state + (1 - u) * c
        return new_h, new_h


class BasicLSTMCell(LayerRNNCell):
    def __init__(self, num_units, forget_bias=1.0, state_is_tuple=True, activation=None,
                 reuse=None, name=None, dtype=None, **kwargs):
        super().__init__(_reuse=reuse, name=name, dtype=dtype, **kwargs)
        self._num_units = num_units
        self._forget_bias = forget_bias
        self._state_is_tuple = state_is_tuple
        self._activation = _activation(activation)

    @property
    def state_size(self):
        if self._state_is_tuple:
            return LSTMStateTuple(self._num_units, self._num_units)
        return 2 * self._num_units

    @property
    def output_size(self):
        return self._num_units

    def build(self, inputs_shape):
        depth = _input_depth(self, inputs_shape)
        self._kernel = self.add_weight(WEIGHTS,
                                       shape=[depth + self._num_units, 4 * self._num_units])
        self._bias = self.add_weight(BIAS, shape=[4 * self._num_units],
                                     initializer=tf.zeros_initializer(dtype=self.dtype))
        self.built = True

    def call(self, inputs, state):
        if self._state_is_tuple:
            c, h = state
        else:
            c, h = tf.split(state, 2, axis=1)
        gates = tf.nn.bias_add(_dense(inputs, h, self._kernel), self._bias)
        i, j, f, o = tf.split(gates, 4, axis=1)
        new_c = c * tf.sigmoid(f + self._forget_bias) + tf.sigmoid(i) * self._activation(j)
        new_h = self._activation(new_c) * tf.sigmoid(o)
        if self._state_is_tuple:
            return new_h, LSTMStateTuple(new_c, new_h)
        return new_h, tf.concat([new_c, new_h], 1)


class LSTMCell(LayerRNNCell):
    def __init__(self, num_units, use_peepholes=False, cell_clip=None, initializer=None,
                 num_proj=None, proj_clip=None, num_unit_shards=None, num_proj_shards=None,
                 forget_bias=1.0, state_is_tuple=True, activation=None, reuse=None, name=None,
                 dtype=None, **kwargs):
        super().__init__(_reuse=reuse, name=name, dtype=dtype, **kwargs)
        self._num_units = num_units
        self._use_peepholes = use_peepholes
        self._cell_clip = cell_clip
        self._initializer = initializer
        self._num_proj = num_proj
        self._proj_clip = proj_clip
        self._num_unit_shards = num_unit_shards
        self._num_proj_shards = num_proj_shards
        self._forget_bias = forget_bias
        self._state_is_tuple = state_is_tuple
        self._activation = _activation(activation)

    @property
    def state_size(self):
        h = self._num_proj if self._num_proj else self._num_units
        if self._state_is_tuple:
            return LSTMStateTuple(self._num_units, h)
        return self._num_units + h

    @property
    def output_size(self):
        return self._num_proj if self._num_proj else self._num_units

    def build(self, inputs_shape):
        depth = _input_depth(self, inputs_shape)
        h_depth = self._num_proj if self._num_proj else self._num_units
        partitioner = None
        if self._num_unit_shards is not None:
            partitioner = tf.fixed_size_partitioner(self._num_unit_shards)
        self._kernel = self.add_weight(WEIGHTS, shape=[depth + h_depth, 4 * self._num_units],
                                       initializer=self._initializer, partitioner=partitioner)
        self._bias = self.add_weight(BIAS, shape=[4 * self._num_units],
                                     initializer=tf.zeros_initializer(dtype=self.dtype))
        if self._use_peepholes:
            self._w_f_diag = self.add_weight('w_f_diag', shape=[self._num_units],
                                             initializer=self._initializer)
            self._w_i_diag = self.add_weight('w_i_diag', shape=[self._num_units],
                                             initializer=self._initializer)
            self._w_o_diag = self.add_weight('w_o_diag', shape=[self._num_units],
                                             initializer=self._initializer)
        if self._num_proj is not None:
            proj_partitioner = None
            if self._num_proj_shards is not None:
                proj_partitioner = tf.fixed_size_partitioner(self._num_proj_shards)
            self._proj_kernel = self.add_weight('projection/' + WEIGHTS,
                                                shape=[self._num_units, self._num_proj],
                                                initializer=self._initializer,
                                                partitioner=proj_partitioner)
        self.built = True

    def call(self, inputs, state):
        num_proj = self._num_proj if self._num_proj else self._num_units
        if self._state_is_tuple:
            c_prev, m_prev = state
        else:
            c_prev, m_prev = tf.split(state, [self._num_units, num_proj], axis=1)
        gates = tf.nn.bias_add(_dense(inputs, m_prev, self._kernel), self._bias)
        i, j, f, o = tf.split(gates, 4, axis=1)
        if self._use_peepholes:
            c = (tf.sigmoid(f + self._forget_bias + self._w_f_diag * c_prev) * c_prev
                 + tf.sigmoid(i + self._w_i_diag * c_prev) * self._activation(j))
        else:
            c = tf.sigmoid(f + self._forget_bias) * c_prev + tf.sigmoid(i) * self._activation(j)
        if self._cell_clip is not None:
            c = tf.minimum(tf.maximum(c, -self._cell_clip), self._cell_clip)
        if self._use_peepholes:
            m = tf.sigmoid(o + self._w_o_diag * c) * self._activation(c)
        else:
            m = tf.sigmoid(o) * self._activation(c)
        if self._num_proj is not None:
            kernel = self._proj_kernel
            if isinstance(kernel, tf.PartitionedVariable):
                kernel = tf.concat(list(kernel), 0)
            m = tf.matmul(m, kernel)
            if self._proj_clip is not None:
                m = tf.minimum(tf.maximum(m, -self._proj_clip), self._proj_clip)
        if self._state_is_tuple:
            return m, LSTMStateTuple(c, m)
        return m, tf.concat([c, m], 1)


class MultiRNNCell(RNNCell):
    def __init__(self, cells, state_is_tuple=True):
        super().__init__()
        if not cells:
            raise ValueError('Must specify at least one cell for MultiRNNCell.')
        if not isinstance(cells, (list, tuple)):
            raise TypeError('cells must be a list or tuple, but saw: %s.' % (cells,))
        self._cells = cells
        self._state_is_tuple = state_is_tuple

    @property
    def state_size(self):
        if self._state_is_tuple:
            return tuple([cell.state_size for cell in self._cells])
        total = 0
        for cell in self._cells:
            total += cell.state_size
        return total

    @property
    def output_size(self):
        return self._cells[len(self._cells) - 1].output_size

    def zero_state(self, batch_size, dtype):
        with tf.name_scope(_class_name(self) + 'ZeroState'):
            if self._state_is_tuple:
                return tuple([cell.zero_state(batch_size, dtype) for cell in self._cells])
            return _zeros_for(self.state_size, batch_size, dtype)

    def call(self, inputs, state):
        cur_inp = inputs
        new_states = []
        if not self._state_is_tuple:
            state = tf.split(state, [cell.state_size for cell in self._cells], axis=1)
        elif not isinstance(state, (list, tuple)):
            raise ValueError('Expected state to be a tuple of length %d, but received: %s'
                             % (len(self.state_size), state))
        for i, cell in enumerate(self._cells):
            with tf.variable_scope('cell_%d' % i):
                cur_inp, new_state = cell(cur_inp, state[i])
                new_states.append(new_state)
        if self._state_is_tuple:
            return cur_inp, tuple(new_states)
        return cur_inp, tf.concat(new_states, 1)


class _WrapperV1(RNNCell):
    """A cell around `cell`: calls it directly (no scope of its own) and transforms the
    result."""

    def __init__(self, cell, name=None):
        super().__init__(name=name)
        self.cell = cell

    @property
    def wrapped_cell(self):
        return self.cell

    @property
    def state_size(self):
        return self.cell.state_size

    @property
    def output_size(self):
        return self.cell.output_size

    def zero_state(self, batch_size, dtype):
        with tf.name_scope(_class_name(self) + 'ZeroState'):
            return self.cell.zero_state(batch_size, dtype)

    def __call__(self, inputs, state, scope=None):
        return self._wrap(inputs, state, scope)


def _should_dropout(keep_prob):
    return not isinstance(keep_prob, float) or keep_prob < 1


def _dropout_structure(values, keep_prob, seed):
    if isinstance(values, LSTMStateTuple):
        return LSTMStateTuple(_dropout_structure(values[0], keep_prob, seed),
                              _dropout_structure(values[1], keep_prob, seed))
    if isinstance(values, (list, tuple)):
        return tuple([_dropout_structure(v, keep_prob, seed) for v in values])
    return tf.nn.dropout(values, keep_prob=keep_prob, seed=seed)


class DropoutWrapper(_WrapperV1):
    def __init__(self, cell, input_keep_prob=1.0, output_keep_prob=1.0, state_keep_prob=1.0,
                 variational_recurrent=False, input_size=None, dtype=None, seed=None,
                 dropout_state_filter_visitor=None):
        super().__init__(cell)
        if variational_recurrent:
            raise NotImplementedError(
                'Scope Lens does not implement DropoutWrapper(variational_recurrent=True).')
        self._input_keep_prob = input_keep_prob
        self._output_keep_prob = output_keep_prob
        self._state_keep_prob = state_keep_prob
        self._seed = seed

    def _wrap(self, inputs, state, scope):
        if _should_dropout(self._input_keep_prob):
            inputs = _dropout_structure(inputs, self._input_keep_prob, self._seed)
        output, new_state = self.cell(inputs, state, scope=scope)
        if _should_dropout(self._state_keep_prob):
            new_state = _dropout_structure(new_state, self._state_keep_prob, self._seed)
        if _should_dropout(self._output_keep_prob):
            output = _dropout_structure(output, self._output_keep_prob, self._seed)
        return output, new_state


class ResidualWrapper(_WrapperV1):
    def __init__(self, cell, residual_fn=None):
        super().__init__(cell)
        self._residual_fn = residual_fn

    def _wrap(self, inputs, state, scope):
        output, new_state = self.cell(inputs, state, scope=scope)
        if self._residual_fn is not None:
            return self._residual_fn(inputs, output), new_state
        return inputs + output, new_state


class DeviceWrapper(_WrapperV1):
    """Runs the wrapped cell on `device`; Scope Lens has one device, so it only delegates."""

    def __init__(self, cell, device):
        super().__init__(cell)
        self._device = device

    def _wrap(self, inputs, state, scope):
        return self.cell(inputs, state, scope=scope)
