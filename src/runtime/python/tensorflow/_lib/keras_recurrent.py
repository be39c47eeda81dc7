"""`tf.keras.layers`' recurrent layers as TF 1.15 builds them in graph mode (the V1 classes of
`python/keras/layers/recurrent.py` and `wrappers.py`).

* Cells: `SimpleRNNCell` `kernel (in, units)`, `recurrent_kernel (units, units)`, `bias
  (units,)`; `LSTMCell` the same with `4*units` columns (`bias` zeros with ones for the forget
  gate, `unit_forget_bias`); `GRUCell` `3*units` columns, `bias (3*units,)`, or `(2, 3*units)`
  with `reset_after=True` (False by default in 1.15's V1 `GRU`/`GRUCell`). Recurrent activation
  `hard_sigmoid` by default (the V1 classes).
* `RNN.build` builds its cell in the layer's own name scope (no scope of the cell's name, which
  later Keras adds): `lstm/kernel:0`. `StackedRNNCells` builds each cell there too, so a
  stack's second cell's variables are uniquified by `tf.Variable`: `rnn/kernel_1:0`.
* `RNN.call` is Keras's `K.rnn`: the inputs made time-major (`transpose`), a zero initial
  state per state size from `tf.shape(inputs)[0]` (`zeros`), the step run once on the first
  time step for the output's shape, then a `while` loop over an input `TensorArray` that calls
  the cell's `call` (not `__call__`: no name scope of the cell) and writes an output
  `TensorArray`, stacked and transposed back; the last output is its last row. `unroll=True`
  runs the step on each of `tf.unstack(inputs)`. `dropout` / `recurrent_dropout` masks are
  made at a call's first step, `in_train_phase` on `training` (the learning phase when None),
  and kept for its other steps. Where Scope Lens differs: the ops inside the loop are named by
  the runtime's `while_loop`; masking, `constants` and `stateful` are not implemented
  (NotImplementedError).
* `Bidirectional` makes a forward and a backward copy named `forward_<name>` /
  `backward_<name>` and builds each in a name scope of that name
  (`bidirectional/forward_lstm/kernel:0`); outputs merged by `concat` (default), `sum`, `mul`,
  `ave` or None (a list). `TimeDistributed` builds the inner layer in its own name scope
  (`time_distributed/kernel:0`) and applies it to the inputs reshaped to `(-1,) + rest`.
"""
import tensorflow as tf

from tensorflow._lib import _support, base, core, keras_layers, keras_nodes, keras_utils, rnn

Layer = keras_layers.Layer
get_activation = keras_utils.get_activation
get_initializer = keras_utils.get_initializer


def _is_multiple_state(state_size):
    return isinstance(state_size, (list, tuple))


def _pack_as(structure, flat):
    """`nest.pack_sequence_as` for lists and tuples of ints."""
    if not isinstance(structure, (list, tuple)):
        return flat[0]
    items = []
    at = 0
    for s in structure:
        n = len(rnn.flat_structure(s))
        items.append(_pack_as(s, flat[at:at + n]))
        at += n
    if isinstance(structure, tuple):
        return tuple(items)
    return items


def _last_dim(input_shape):
    dims = tf.TensorShape(input_shape).as_list()
    return dims[len(dims) - 1]


def _dropout_mask(ones, rate, training, count):
    """Keras's `_generate_dropout_mask`: `count` masks, each `in_train_phase(dropout(ones),
    ones)` on `training` (the learning phase when it is None)."""
    if training is None:
        training = keras_utils.learning_phase()

    def dropped():
        return tf.nn.dropout(ones, rate=rate)

    def kept():
        return ones

    if count > 1:
        return [core.smart_cond(training, dropped, kept) for _ in range(count)]
    return core.smart_cond(training, dropped, kept)


def _masked(x, masks, count):
    """`x` times each of `count` masks (`x` itself `count` times without masks)."""
    if masks is None:
        return [x for _ in range(count)]
    return [x * m for m in masks]


class _Cell(Layer):
    """What Keras's three cells share: the weights' options and `get_initial_state`."""

    def __init__(self, units, activation, use_bias, kernel_initializer, recurrent_initializer,
                 bias_initializer, kernel_regularizer, recurrent_regularizer, bias_regularizer,
                 kernel_constraint, recurrent_constraint, bias_constraint, dropout,
                 recurrent_dropout, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.activation = get_activation(activation)
        self.use_bias = use_bias
        self.kernel_initializer = get_initializer(kernel_initializer)
        self.recurrent_initializer = get_initializer(recurrent_initializer)
        self.bias_initializer = get_initializer(bias_initializer)
        self.kernel_regularizer = kernel_regularizer
        self.recurrent_regularizer = recurrent_regularizer
        self.bias_regularizer = bias_regularizer
        self.kernel_constraint = kernel_constraint
        self.recurrent_constraint = recurrent_constraint
        self.bias_constraint = bias_constraint
        self.dropout = min(1.0, max(0.0, dropout))
        self.recurrent_dropout = min(1.0, max(0.0, recurrent_dropout))
        self._dropout_mask = None
        self._recurrent_dropout_mask = None
        self._options = {
            "activation": activation, "use_bias": use_bias,
            "kernel_initializer": kernel_initializer,
            "recurrent_initializer": recurrent_initializer,
            "bias_initializer": bias_initializer, "kernel_regularizer": kernel_regularizer,
            "recurrent_regularizer": recurrent_regularizer,
            "bias_regularizer": bias_regularizer, "kernel_constraint": kernel_constraint,
            "recurrent_constraint": recurrent_constraint, "bias_constraint": bias_constraint,
            "dropout": dropout, "recurrent_dropout": recurrent_dropout,
            "dtype": kwargs.get("dtype", None)}

    def _kernels(self, input_shape, columns):
        input_dim = _last_dim(input_shape)
        self.kernel = self.add_weight(shape=(input_dim, columns), name="kernel",
                                      initializer=self.kernel_initializer,
                                      regularizer=self.kernel_regularizer,
                                      constraint=self.kernel_constraint)
        self.recurrent_kernel = self.add_weight(shape=(self.units, columns),
                                                name="recurrent_kernel",
                                                initializer=self.recurrent_initializer,
                                                regularizer=self.recurrent_regularizer,
                                                constraint=self.recurrent_constraint)

    def _add_bias(self, shape, initializer):
        self.bias = self.add_weight(shape=shape, name="bias", initializer=initializer,
                                    regularizer=self.bias_regularizer,
                                    constraint=self.bias_constraint)

    def get_initial_state(self, inputs=None, batch_size=None, dtype=None):
        return zero_state_for(self.state_size, inputs, batch_size, dtype)

    def reset_dropout_mask(self):
        self._dropout_mask = None

    def reset_recurrent_dropout_mask(self):
        self._recurrent_dropout_mask = None

    def get_dropout_mask_for_cell(self, inputs, training, count=1):
        """`DropoutRNNCellMixin`: the inputs' masks made at the cell's first step of a call
        (Keras's `K.rnn` runs it once before its loop) and kept for the other steps."""
        if self.dropout == 0:
            return None
        if self._dropout_mask is None:
            self._dropout_mask = _dropout_mask(tf.ones_like(inputs), self.dropout, training,
                                               count)
        return self._dropout_mask

    def get_recurrent_dropout_mask_for_cell(self, state, training, count=1):
        if self.recurrent_dropout == 0:
            return None
        if self._recurrent_dropout_mask is None:
            self._recurrent_dropout_mask = _dropout_mask(tf.ones_like(state),
                                                         self.recurrent_dropout, training,
                                                         count)
        return self._recurrent_dropout_mask


def zero_state_for(state_size, inputs, batch_size, dtype):
    """Keras's `_generate_zero_filled_state_for_cell`: zeros `[batch] + size` per state size
    (one tensor for a single size, a list for several)."""
    if inputs is not None:
        batch_size = tf.shape(inputs)[0]
        dtype = inputs.dtype
    if _is_multiple_state(state_size):
        sizes = rnn.flat_structure(state_size)
        return [tf.zeros([batch_size, size], dtype=dtype) for size in sizes]
    return tf.zeros([batch_size, state_size], dtype=dtype)


class SimpleRNNCell(_Cell):
    def __init__(self, units, activation="tanh", use_bias=True,
                 kernel_initializer="glorot_uniform", recurrent_initializer="orthogonal",
                 bias_initializer="zeros", kernel_regularizer=None, recurrent_regularizer=None,
                 bias_regularizer=None, kernel_constraint=None, recurrent_constraint=None,
                 bias_constraint=None, dropout=0.0, recurrent_dropout=0.0, **kwargs):
        super().__init__(units, activation, use_bias, kernel_initializer,
                         recurrent_initializer, bias_initializer, kernel_regularizer,
                         recurrent_regularizer, bias_regularizer, kernel_constraint,
                         recurrent_constraint, bias_constraint, dropout, recurrent_dropout,
                         **kwargs)
        self.state_size = units
        self.output_size = units

    def build(self, input_shape):
        self._kernels(input_shape, self.units)
        if self.use_bias:
            self._add_bias((self.units,), self.bias_initializer)
        else:
            self.bias = None
        self.built = True

    def call(self, inputs, states, training=None):
        prev_output = states[0]
        dp_mask = self.get_dropout_mask_for_cell(inputs, training)
        rec_dp_mask = self.get_recurrent_dropout_mask_for_cell(prev_output, training)
        if dp_mask is not None:
            h = tf.matmul(inputs * dp_mask, self.kernel)
        else:
            h = tf.matmul(inputs, self.kernel)
        if self.bias is not None:
            h = tf.nn.bias_add(h, self.bias)
        if rec_dp_mask is not None:
            prev_output = prev_output * rec_dp_mask
        output = self.activation(h + tf.matmul(prev_output, self.recurrent_kernel))
        return output, [output]

    def _copy(self):
        return SimpleRNNCell(self.units, **self._options)


class _LSTMBias(object):
    """LSTMCell's `unit_forget_bias` initializer: the bias initializer's values, with ones for
    the forget gate (`concat` of three parts)."""

    def __init__(self, units, initializer):
        self.units = units
        self.initializer = initializer

    def __call__(self, shape, dtype=None, partition_info=None):
        u = self.units
        return tf.concat([self.initializer([u], dtype=dtype),
                          tf.ones_initializer()([u], dtype=dtype),
                          self.initializer([2 * u], dtype=dtype)], 0)


class LSTMCell(_Cell):
    def __init__(self, units, activation="tanh", recurrent_activation="hard_sigmoid",
                 use_bias=True, kernel_initializer="glorot_uniform",
                 recurrent_initializer="orthogonal", bias_initializer="zeros",
                 unit_forget_bias=True, kernel_regularizer=None, recurrent_regularizer=None,
                 bias_regularizer=None, kernel_constraint=None, recurrent_constraint=None,
                 bias_constraint=None, dropout=0.0, recurrent_dropout=0.0, implementation=1,
                 **kwargs):
        super().__init__(units, activation, use_bias, kernel_initializer,
                         recurrent_initializer, bias_initializer, kernel_regularizer,
                         recurrent_regularizer, bias_regularizer, kernel_constraint,
                         recurrent_constraint, bias_constraint, dropout, recurrent_dropout,
                         **kwargs)
        self.recurrent_activation = get_activation(recurrent_activation)
        self.unit_forget_bias = unit_forget_bias
        self.implementation = implementation
        self.state_size = [units, units]
        self.output_size = units
        self._options["recurrent_activation"] = recurrent_activation
        self._options["unit_forget_bias"] = unit_forget_bias
        self._options["implementation"] = implementation

    def build(self, input_shape):
        self._kernels(input_shape, 4 * self.units)
        if self.use_bias:
            initializer = self.bias_initializer
            if self.unit_forget_bias:
                initializer = _LSTMBias(self.units, self.bias_initializer)
            self._add_bias((4 * self.units,), initializer)
        else:
            self.bias = None
        self.built = True

    def call(self, inputs, states, training=None):
        h_tm1 = states[0]
        c_tm1 = states[1]
        u = self.units
        act = self.recurrent_activation
        rk = self.recurrent_kernel
        dp_mask = self.get_dropout_mask_for_cell(inputs, training, count=4)
        rec_dp_mask = self.get_recurrent_dropout_mask_for_cell(h_tm1, training, count=4)
        if self.implementation == 1:
            x = _masked(inputs, dp_mask, 4)
            h = _masked(h_tm1, rec_dp_mask, 4)
            k = tf.split(self.kernel, num_or_size_splits=4, axis=1)
            x_i = tf.matmul(x[0], k[0])
            x_f = tf.matmul(x[1], k[1])
            x_c = tf.matmul(x[2], k[2])
            x_o = tf.matmul(x[3], k[3])
            if self.use_bias:
                b = tf.split(self.bias, num_or_size_splits=4, axis=0)
                x_i = tf.nn.bias_add(x_i, b[0])
                x_f = tf.nn.bias_add(x_f, b[1])
                x_c = tf.nn.bias_add(x_c, b[2])
                x_o = tf.nn.bias_add(x_o, b[3])
            i = act(x_i + tf.matmul(h[0], rk[:, :u]))
            f = act(x_f + tf.matmul(h[1], rk[:, u:2 * u]))
            c = f * c_tm1 + i * self.activation(x_c + tf.matmul(h[2], rk[:, 2 * u:3 * u]))
            o = act(x_o + tf.matmul(h[3], rk[:, 3 * u:]))
        else:
            if dp_mask is not None:
                inputs = inputs * dp_mask[0]
            if rec_dp_mask is not None:
                h_tm1 = h_tm1 * rec_dp_mask[0]
            z = tf.matmul(inputs, self.kernel) + tf.matmul(h_tm1, rk)
            if self.use_bias:
                z = tf.nn.bias_add(z, self.bias)
            zs = tf.split(z, num_or_size_splits=4, axis=1)
            i = act(zs[0])
            f = act(zs[1])
            c = f * c_tm1 + i * self.activation(zs[2])
            o = act(zs[3])
        output = o * self.activation(c)
        return output, [output, c]

    def _copy(self):
        return LSTMCell(self.units, **self._options)


class GRUCell(_Cell):
    def __init__(self, units, activation="tanh", recurrent_activation="hard_sigmoid",
                 use_bias=True, kernel_initializer="glorot_uniform",
                 recurrent_initializer="orthogonal", bias_initializer="zeros",
                 kernel_regularizer=None, recurrent_regularizer=None, bias_regularizer=None,
                 kernel_constraint=None, recurrent_constraint=None, bias_constraint=None,
                 dropout=0.0, recurrent_dropout=0.0, implementation=1, reset_after=False,
                 **kwargs):
        super().__init__(units, activation, use_bias, kernel_initializer,
                         recurrent_initializer, bias_initializer, kernel_regularizer,
                         recurrent_regularizer, bias_regularizer, kernel_constraint,
                         recurrent_constraint, bias_constraint, dropout, recurrent_dropout,
                         **kwargs)
        self.recurrent_activation = get_activation(recurrent_activation)
        self.implementation = implementation
        self.reset_after = reset_after
        self.state_size = units
        self.output_size = units
        self._options["recurrent_activation"] = recurrent_activation
        self._options["implementation"] = implementation
        self._options["reset_after"] = reset_after

    def build(self, input_shape):
        self._kernels(input_shape, 3 * self.units)
        if self.use_bias:
            if self.reset_after:
                shape = (2, 3 * self.units)
            else:
                shape = (3 * self.units,)
            self._add_bias(shape, self.bias_initializer)
        else:
            self.bias = None
        self.built = True

    def call(self, inputs, states, training=None):
        h_tm1 = states[0]
        u = self.units
        dp_mask = self.get_dropout_mask_for_cell(inputs, training, count=3)
        rec_dp_mask = self.get_recurrent_dropout_mask_for_cell(h_tm1, training, count=3)
        x = _masked(inputs, dp_mask, 3)
        h = _masked(h_tm1, rec_dp_mask, 3)
        act = self.recurrent_activation
        k = self.kernel
        rk = self.recurrent_kernel
        input_bias = None
        recurrent_bias = None
        if self.use_bias:
            if self.reset_after:
                biases = tf.unstack(self.bias)
                input_bias = biases[0]
                recurrent_bias = biases[1]
            else:
                input_bias = self.bias
        x_z = tf.matmul(x[0], k[:, :u])
        x_r = tf.matmul(x[1], k[:, u:2 * u])
        x_h = tf.matmul(x[2], k[:, 2 * u:])
        if input_bias is not None:
            x_z = tf.nn.bias_add(x_z, input_bias[:u])
            x_r = tf.nn.bias_add(x_r, input_bias[u:2 * u])
            x_h = tf.nn.bias_add(x_h, input_bias[2 * u:])
        recurrent_z = tf.matmul(h[0], rk[:, :u])
        recurrent_r = tf.matmul(h[1], rk[:, u:2 * u])
        if recurrent_bias is not None:
            recurrent_z = tf.nn.bias_add(recurrent_z, recurrent_bias[:u])
            recurrent_r = tf.nn.bias_add(recurrent_r, recurrent_bias[u:2 * u])
        z = act(x_z + recurrent_z)
        r = act(x_r + recurrent_r)
        if self.reset_after:
            recurrent_h = tf.matmul(h[2], rk[:, 2 * u:])
            if recurrent_bias is not None:
                recurrent_h = tf.nn.bias_add(recurrent_h, recurrent_bias[2 * u:])
            recurrent_h = r * recurrent_h
        else:
            recurrent_h = tf.matmul(r * h[2], rk[:, 2 * u:])
        hh = self.activation(x_h + recurrent_h)
        output = z * h_tm1 + (1 - z) * hh
        return output, [output]

    def _copy(self):
        return GRUCell(self.units, **self._options)


class StackedRNNCells(Layer):
    """Cells called one after the other as one cell; `state_size` is the tuple of the cells'
    state sizes (TF 1.15 keeps them in the cells' order)."""

    def __init__(self, cells, **kwargs):
        for cell in cells:
            if not hasattr(cell, "call"):
                raise ValueError("All cells must have a `call` method. received cells:",
                                 cells)
            if not hasattr(cell, "state_size"):
                raise ValueError("All cells must have a `state_size` attribute. received "
                                 "cells:", cells)
        self.cells = list(cells)
        super().__init__(**kwargs)

    @property
    def state_size(self):
        return tuple([c.state_size for c in self.cells])

    @property
    def output_size(self):
        last = self.cells[len(self.cells) - 1]
        if getattr(last, "output_size", None) is not None:
            return last.output_size
        if _is_multiple_state(last.state_size):
            return last.state_size[0]
        return last.state_size

    def get_initial_state(self, inputs=None, batch_size=None, dtype=None):
        states = []
        for cell in self.cells:
            states.append(_initial_state_of(cell, inputs, batch_size, dtype))
        return tuple(states)

    def call(self, inputs, states, training=None):
        new_states = []
        for i in range(len(self.cells)):
            cell_states = states[i]
            if not isinstance(cell_states, (list, tuple)):
                cell_states = [cell_states]
            if isinstance(self.cells[i], _Cell):
                inputs, cell_states = self.cells[i].call(inputs, cell_states, training=training)
            else:
                inputs, cell_states = self.cells[i].call(inputs, cell_states)
            new_states.append(cell_states)
        return inputs, tuple(new_states)

    def build(self, input_shape):
        dims = tf.TensorShape(input_shape).as_list()
        for cell in self.cells:
            if isinstance(cell, base.Layer):
                cell.build(tf.TensorShape(dims))
                cell.built = True
            output_dim = getattr(cell, "output_size", None)
            if output_dim is None:
                output_dim = cell.state_size
                if _is_multiple_state(output_dim):
                    output_dim = output_dim[0]
            dims = [dims[0], output_dim]
        self.built = True

    @property
    def trainable_weights(self):
        if not self.trainable:
            return []
        weights = []
        for cell in self.cells:
            weights = weights + cell.trainable_weights
        return weights

    @property
    def non_trainable_weights(self):
        weights = []
        for cell in self.cells:
            weights = weights + cell.non_trainable_weights
        if not self.trainable:
            trainable = []
            for cell in self.cells:
                trainable = trainable + cell.trainable_weights
            return trainable + weights
        return weights

    def _copy(self):
        return StackedRNNCells([_copy_cell(c) for c in self.cells])


def _reset_dropout_masks(cell):
    """RNN's `_maybe_reset_cell_dropout_mask`: each call makes its cells' masks anew."""
    cells = [cell]
    if isinstance(cell, StackedRNNCells):
        cells = cell.cells
    for c in cells:
        if isinstance(c, _Cell):
            c.reset_dropout_mask()
            c.reset_recurrent_dropout_mask()


def _copy_cell(cell):
    if not hasattr(cell, "_copy"):
        raise NotImplementedError("Scope Lens copies only Keras's own cells for "
                                  "Bidirectional, not %s." % _support.class_name(cell))
    return cell._copy()


def _initial_state_of(cell, inputs, batch_size, dtype):
    if hasattr(cell, "get_initial_state"):
        return cell.get_initial_state(inputs=inputs, batch_size=batch_size, dtype=dtype)
    return zero_state_for(cell.state_size, inputs, batch_size, dtype)


def _time_major(x):
    dims = x.get_shape().as_list()
    return tf.transpose(x, [1, 0] + list(range(2, len(dims))))


def keras_rnn(step, inputs, initial_states, go_backwards=False, unroll=False,
              input_length=None, time_major=False):
    """Keras's `backend.rnn` without masks or constants: `(last_output, outputs,
    new_states)`, `initial_states` a flat list, `step(x_t, states) -> (output, new_states)`
    on flat lists."""
    if not time_major:
        inputs = _time_major(inputs)
    in_dims = inputs.get_shape().as_list()
    if unroll:
        steps = tf.unstack(inputs)
        if go_backwards:
            steps.reverse()
        states = list(initial_states)
        successive = []
        for x_t in steps:
            output, states = step(x_t, states)
            successive.append(output)
        last_output = successive[len(successive) - 1]
        outputs = tf.stack(successive)
    else:
        states = tuple(initial_states)
        time_steps_t = tf.shape(inputs)[0]
        input_ta = tf.TensorArray(dtype=inputs.dtype, size=time_steps_t,
                                  tensor_array_name="input_ta_0")
        if go_backwards:
            input_ta = input_ta.unstack(tf.reverse(inputs, [0]))
        else:
            input_ta = input_ta.unstack(inputs)
        output_time_zero, _ = step(inputs[0], list(states))
        output_ta = tf.TensorArray(dtype=output_time_zero.dtype, size=time_steps_t,
                                   element_shape=output_time_zero.get_shape(),
                                   tensor_array_name="output_ta_0")
        time = tf.constant(0, dtype=tf.int32, name="time")

        def _step(time, output_ta_t, *states):
            current_input = input_ta.read(time)
            current_input.set_shape(in_dims[1:])
            output, new_states = step(current_input, list(states))
            for i in range(len(states)):
                new_states[i].set_shape(states[i].get_shape())
            output_ta_t = output_ta_t.write(time, output)
            return (time + 1, output_ta_t) + tuple(new_states)

        final = tf.while_loop(cond=lambda time, *_: time < time_steps_t, body=_step,
                              loop_vars=(time, output_ta) + states,
                              maximum_iterations=input_length, parallel_iterations=32,
                              swap_memory=True)
        states = list(final[2:])
        outputs = final[1].stack()
        last_output = outputs[-1]
        out_dims = outputs.get_shape().as_list()
        outputs.set_shape([in_dims[0], in_dims[1]] + out_dims[2:])
    if not time_major:
        outputs = _time_major(outputs)
    return last_output, outputs, states


class RNN(Layer):
    """Keras's `RNN` layer over a cell (a list of cells is a `StackedRNNCells`)."""

    def __init__(self, cell, return_sequences=False, return_state=False, go_backwards=False,
                 stateful=False, unroll=False, time_major=False, **kwargs):
        if isinstance(cell, (list, tuple)):
            cell = StackedRNNCells(cell)
        if not hasattr(cell, "call"):
            raise ValueError("`cell` should have a `call` method. The RNN was passed:", cell)
        if not hasattr(cell, "state_size"):
            raise ValueError("The RNN cell should have an attribute `state_size` (tuple of "
                             "integers, one integer per RNN state).")
        kwargs.pop("zero_output_for_mask", None)
        if "input_shape" not in kwargs and ("input_dim" in kwargs
                                            or "input_length" in kwargs):
            kwargs["input_shape"] = (kwargs.pop("input_length", None),
                                     kwargs.pop("input_dim", None))
        super().__init__(**kwargs)
        self.cell = cell
        self.return_sequences = return_sequences
        self.return_state = return_state
        self.go_backwards = go_backwards
        self.stateful = stateful
        self.unroll = unroll
        self.time_major = time_major
        self.supports_masking = True
        # SimpleRNN, LSTM and GRU (the V1 classes) set `input_spec = [InputSpec(ndim=3)]`.
        self._input_ndim = None

    def _copy(self, go_backwards):
        """A new layer of the same options and name over a copy of the cell, running the other
        way when `go_backwards` (Bidirectional's copies)."""
        return RNN(_copy_cell(self.cell), return_sequences=self.return_sequences,
                   return_state=self.return_state, go_backwards=go_backwards,
                   stateful=self.stateful, unroll=self.unroll, time_major=self.time_major,
                   name=self.name)

    @property
    def states(self):
        return [None for _ in rnn.flat_structure(self.cell.state_size)]

    def build(self, input_shape):
        if isinstance(input_shape, (list, tuple)) and len(input_shape) > 0 \
                and isinstance(input_shape[0], tf.TensorShape):
            input_shape = input_shape[0]
        dims = tf.TensorShape(input_shape).as_list()
        if self.time_major:
            step_dims = dims[1:]
        else:
            step_dims = [dims[0]] + dims[2:]
        if isinstance(self.cell, base.Layer):
            self.cell.build(tf.TensorShape(step_dims))
            self.cell.built = True
        self.built = True

    def compute_output_shape(self, input_shape):
        dims = tf.TensorShape(input_shape).as_list()
        batch = dims[0]
        time_step = dims[1]
        if self.time_major:
            batch = dims[1]
            time_step = dims[0]
        output_dim = getattr(self.cell, "output_size", None)
        if output_dim is None:
            output_dim = rnn.flat_structure(self.cell.state_size)[0]
        if self.return_sequences:
            if self.time_major:
                output = tf.TensorShape([time_step, batch, output_dim])
            else:
                output = tf.TensorShape([batch, time_step, output_dim])
        else:
            output = tf.TensorShape([batch, output_dim])
        if self.return_state:
            sizes = rnn.flat_structure(self.cell.state_size)
            return [output] + [tf.TensorShape([batch, s]) for s in sizes]
        return output

    def _state_structure(self):
        """The nesting of the states `call` returns: one entry per state of the cell, or for
        a stack one per cell (a list for a cell of several states), as TF packs them."""
        if isinstance(self.cell, StackedRNNCells):
            structure = []
            for cell in self.cell.cells:
                if _is_multiple_state(cell.state_size):
                    structure.append([0 for _ in cell.state_size])
                else:
                    structure.append(0)
            return structure
        return [0 for _ in rnn.flat_structure(self.cell.state_size)]

    def get_initial_state(self, inputs):
        input_shape = tf.shape(inputs)
        if self.time_major:
            batch_size = input_shape[1]
        else:
            batch_size = input_shape[0]
        state = _initial_state_of(self.cell, None, batch_size, inputs.dtype)
        if not isinstance(state, (list, tuple)):
            return [state]
        return list(state)

    def __call__(self, inputs, initial_state=None, constants=None, **kwargs):
        if isinstance(inputs, list) and initial_state is None and constants is None \
                and len(inputs) > 1:
            initial_state = inputs[1:]
            inputs = inputs[0]
        if constants is not None:
            raise NotImplementedError("Scope Lens does not pass `constants` to Keras RNN cells "
                                      "yet.")
        if self._input_ndim is not None:
            _check_ndim(self, inputs, self._input_ndim)
        if initial_state is not None:
            if not isinstance(initial_state, (list, tuple)):
                initial_state = [initial_state]
            initial_state = list(initial_state)
            if _all_keras_tensors([inputs] + initial_state):
                # Keras tensors as initial states are inputs of the call (of its node).
                return super().__call__([inputs] + initial_state, **kwargs)
            kwargs["initial_state"] = initial_state
        return super().__call__(inputs, **kwargs)

    def call(self, inputs, mask=None, training=None, initial_state=None, constants=None):
        if isinstance(inputs, list):
            initial_state = inputs[1:]
            inputs = inputs[0]
        if mask is not None:
            raise NotImplementedError("Scope Lens does not run masked Keras RNNs yet.")
        if self.stateful:
            raise NotImplementedError("Scope Lens does not run stateful Keras RNNs yet.")
        dims = inputs.get_shape().as_list()
        timesteps = dims[1]
        if self.time_major:
            timesteps = dims[0]
        if self.unroll and timesteps in [None, 1]:
            raise ValueError("Cannot unroll a RNN if the time dimension is undefined or equal "
                             "to 1. \n- If using a Sequential model, specify the time "
                             "dimension by passing an `input_shape` or `batch_input_shape` "
                             "argument to your first layer. If your first layer is an "
                             "Embedding, you can also use the `input_length` argument.\n- "
                             "If using the functional API, specify the time dimension by "
                             "passing a `shape` or `batch_shape` argument to your Input "
                             "layer.")
        if initial_state is None:
            initial_state = self.get_initial_state(inputs)
        elif len(rnn.flat_structure(initial_state)) != len(self.states):
            raise ValueError("Layer has " + str(len(self.states)) + " states but was passed "
                             + str(len(initial_state)) + " initial states.")
        cell = self.cell
        state_size = cell.state_size
        _reset_dropout_masks(cell)
        takes_training = isinstance(cell, (_Cell, StackedRNNCells))

        def step(x_t, states):
            nested = states
            if isinstance(cell, StackedRNNCells):
                nested = _pack_as(state_size, states)
            if takes_training:
                output, new_states = cell.call(x_t, nested, training=training)
            else:
                output, new_states = cell.call(x_t, nested)
            return output, rnn.flat_structure(new_states)

        last_output, outputs, states = keras_rnn(step, inputs, rnn.flat_structure(initial_state),
                                                 go_backwards=self.go_backwards,
                                                 unroll=self.unroll, input_length=timesteps,
                                                 time_major=self.time_major)
        states = _pack_as(self._state_structure(), states)
        output = last_output
        if self.return_sequences:
            output = outputs
        if self.return_state:
            return [output] + list(states)
        return output

    @property
    def trainable_weights(self):
        if not self.trainable:
            return []
        return self.cell.trainable_weights

    @property
    def non_trainable_weights(self):
        if not self.trainable:
            return self.cell.weights
        return self.cell.non_trainable_weights


def _all_keras_tensors(tensors):
    for t in tensors:
        if not keras_nodes.is_keras_tensor(t):
            return False
    return True


def _check_ndim(layer, inputs, ndim):
    """Keras's `assert_input_compatibility` for an `InputSpec(ndim=...)` (TF 1.15's words)."""
    shape = inputs.get_shape()
    if shape.ndims is not None and shape.ndims != ndim:
        raise ValueError("Input 0 of layer " + layer.name + " is incompatible with the layer: "
                         "expected ndim=" + str(ndim) + ", found ndim=" + str(shape.ndims)
                         + ". Full shape received: " + str(shape.as_list()))


class SimpleRNN(RNN):
    def __init__(self, units, activation="tanh", use_bias=True,
                 kernel_initializer="glorot_uniform", recurrent_initializer="orthogonal",
                 bias_initializer="zeros", kernel_regularizer=None, recurrent_regularizer=None,
                 bias_regularizer=None, activity_regularizer=None, kernel_constraint=None,
                 recurrent_constraint=None, bias_constraint=None, dropout=0.0,
                 recurrent_dropout=0.0, return_sequences=False, return_state=False,
                 go_backwards=False, stateful=False, unroll=False, **kwargs):
        kwargs.pop("implementation", None)
        cell = SimpleRNNCell(units, activation=activation, use_bias=use_bias,
                             kernel_initializer=kernel_initializer,
                             recurrent_initializer=recurrent_initializer,
                             bias_initializer=bias_initializer,
                             kernel_regularizer=kernel_regularizer,
                             recurrent_regularizer=recurrent_regularizer,
                             bias_regularizer=bias_regularizer,
                             kernel_constraint=kernel_constraint,
                             recurrent_constraint=recurrent_constraint,
                             bias_constraint=bias_constraint, dropout=dropout,
                             recurrent_dropout=recurrent_dropout,
                             dtype=kwargs.get("dtype", None))
        super().__init__(cell, return_sequences=return_sequences, return_state=return_state,
                         go_backwards=go_backwards, stateful=stateful, unroll=unroll,
                         activity_regularizer=activity_regularizer, **kwargs)
        self.units = units
        self._input_ndim = 3


class LSTM(RNN):
    def __init__(self, units, activation="tanh", recurrent_activation="hard_sigmoid",
                 use_bias=True, kernel_initializer="glorot_uniform",
                 recurrent_initializer="orthogonal", bias_initializer="zeros",
                 unit_forget_bias=True, kernel_regularizer=None, recurrent_regularizer=None,
                 bias_regularizer=None, activity_regularizer=None, kernel_constraint=None,
                 recurrent_constraint=None, bias_constraint=None, dropout=0.0,
                 recurrent_dropout=0.0, implementation=1, return_sequences=False,
                 return_state=False, go_backwards=False, stateful=False, unroll=False,
                 **kwargs):
        cell = LSTMCell(units, activation=activation,
                        recurrent_activation=recurrent_activation, use_bias=use_bias,
                        kernel_initializer=kernel_initializer,
                        recurrent_initializer=recurrent_initializer,
                        unit_forget_bias=unit_forget_bias, bias_initializer=bias_initializer,
                        kernel_regularizer=kernel_regularizer,
                        recurrent_regularizer=recurrent_regularizer,
                        bias_regularizer=bias_regularizer, kernel_constraint=kernel_constraint,
                        recurrent_constraint=recurrent_constraint,
                        bias_constraint=bias_constraint, dropout=dropout,
                        recurrent_dropout=recurrent_dropout, implementation=implementation,
                        dtype=kwargs.get("dtype", None))
        super().__init__(cell, return_sequences=return_sequences, return_state=return_state,
                         go_backwards=go_backwards, stateful=stateful, unroll=unroll,
                         activity_regularizer=activity_regularizer, **kwargs)
        self.units = units
        self._input_ndim = 3


class GRU(RNN):
    def __init__(self, units, activation="tanh", recurrent_activation="hard_sigmoid",
                 use_bias=True, kernel_initializer="glorot_uniform",
                 recurrent_initializer="orthogonal", bias_initializer="zeros",
                 kernel_regularizer=None, recurrent_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, kernel_constraint=None, recurrent_constraint=None,
                 bias_constraint=None, dropout=0.0, recurrent_dropout=0.0, implementation=1,
                 return_sequences=False, return_state=False, go_backwards=False,
                 stateful=False, unroll=False, reset_after=False, **kwargs):
        cell = GRUCell(units, activation=activation, recurrent_activation=recurrent_activation,
                       use_bias=use_bias, kernel_initializer=kernel_initializer,
                       recurrent_initializer=recurrent_initializer,
                       bias_initializer=bias_initializer, kernel_regularizer=kernel_regularizer,
                       recurrent_regularizer=recurrent_regularizer,
                       bias_regularizer=bias_regularizer, kernel_constraint=kernel_constraint,
                       recurrent_constraint=recurrent_constraint,
                       bias_constraint=bias_constraint, dropout=dropout,
                       recurrent_dropout=recurrent_dropout, implementation=implementation,
                       reset_after=reset_after, dtype=kwargs.get("dtype", None))
        super().__init__(cell, return_sequences=return_sequences, return_state=return_state,
                         go_backwards=go_backwards, stateful=stateful, unroll=unroll,
                         activity_regularizer=activity_regularizer, **kwargs)
        self.units = units
        self._input_ndim = 3


class Wrapper(Layer):
    """Keras's `Wrapper`: a layer around another one."""

    def __init__(self, layer, **kwargs):
        self.layer = layer
        super().__init__(**kwargs)

    def build(self, input_shape=None):
        if not self.layer.built:
            self.layer.build(input_shape)
            self.layer.built = True
        self.built = True

    @property
    def trainable_weights(self):
        if not self.trainable:
            return []
        return self.layer.trainable_weights

    @property
    def non_trainable_weights(self):
        if not self.trainable:
            return self.layer.weights
        return self.layer.non_trainable_weights


class TimeDistributed(Wrapper):
    """The inner layer on every time step: built on `(batch,) + shape[2:]`, applied to the
    inputs reshaped to `(-1,) + shape[2:]` and reshaped back to `(-1, time) + its output`."""

    def __init__(self, layer, **kwargs):
        if not isinstance(layer, base.Layer):
            raise ValueError("Please initialize `TimeDistributed` layer with a `Layer` "
                             "instance. You passed: {input}".format(input=layer))
        super().__init__(layer, **kwargs)
        self.supports_masking = True

    def build(self, input_shape):
        dims = tf.TensorShape(input_shape).as_list()
        if len(dims) < 3:
            raise ValueError("`TimeDistributed` Layer should be passed an `input_shape ` "
                             "with at least 3 dimensions, received: " + str(dims))
        super().build(tf.TensorShape([dims[0]] + dims[2:]))
        self.built = True

    def call(self, inputs, training=None, mask=None):
        dims = inputs.get_shape().as_list()
        input_length = dims[1]
        if input_length is None:
            input_length = tf.shape(inputs)[1]
        flat = tf.reshape(inputs, [-1] + dims[2:])
        y = self.layer(flat)
        y_dims = y.get_shape().as_list()
        output = tf.reshape(y, [-1, input_length] + y_dims[1:])
        output.set_shape([dims[0], dims[1]] + y_dims[1:])
        return output


class Bidirectional(Wrapper):
    """A forward and a backward copy of an RNN layer, merged."""

    def __init__(self, layer, merge_mode="concat", weights=None, backward_layer=None,
                 **kwargs):
        if not isinstance(layer, base.Layer):
            raise ValueError("Please initialize `Bidirectional` layer with a `Layer` "
                             "instance. You passed: {input}".format(input=layer))
        if merge_mode not in ["sum", "mul", "ave", "concat", None]:
            raise ValueError("Invalid merge mode. Merge mode should be one of "
                             '{"sum", "mul", "ave", "concat", None}')
        super().__init__(layer, **kwargs)
        self.forward_layer = layer._copy(layer.go_backwards)
        if backward_layer is None:
            self.backward_layer = layer._copy(not layer.go_backwards)
        else:
            self.backward_layer = backward_layer
        self.forward_layer._name = "forward_" + self.forward_layer.name
        self.backward_layer._name = "backward_" + self.backward_layer.name
        self.merge_mode = merge_mode
        self.return_sequences = layer.return_sequences
        self.return_state = layer.return_state
        self.stateful = layer.stateful
        self.supports_masking = True

    def build(self, input_shape):
        with tf.name_scope(self.forward_layer.name):
            self.forward_layer.build(input_shape)
            self.forward_layer.built = True
        with tf.name_scope(self.backward_layer.name):
            self.backward_layer.build(input_shape)
            self.backward_layer.built = True
        self.built = True

    def call(self, inputs, training=None, mask=None, initial_state=None, constants=None):
        if initial_state is not None:
            half = len(initial_state) // 2
            y = self.forward_layer(inputs, initial_state=initial_state[:half])
            y_rev = self.backward_layer(inputs, initial_state=initial_state[half:])
        else:
            y = self.forward_layer(inputs)
            y_rev = self.backward_layer(inputs)
        states = []
        if self.return_state:
            states = y[1:] + y_rev[1:]
            y = y[0]
            y_rev = y_rev[0]
        if self.return_sequences:
            y_rev = tf.reverse(y_rev, [1])
        if self.merge_mode == "concat":
            output = tf.concat([y, y_rev], axis=-1)
        elif self.merge_mode == "sum":
            output = y + y_rev
        elif self.merge_mode == "ave":
            output = (y + y_rev) / 2
        elif self.merge_mode == "mul":
            output = y * y_rev
        else:
            output = [y, y_rev]
        if self.return_state:
            if self.merge_mode is None:
                return output + states
            return [output] + states
        return output

    @property
    def trainable_weights(self):
        if not self.trainable:
            return []
        return self.forward_layer.trainable_weights + self.backward_layer.trainable_weights

    @property
    def non_trainable_weights(self):
        if not self.trainable:
            return self.forward_layer.weights + self.backward_layer.weights
        return (self.forward_layer.non_trainable_weights
                + self.backward_layer.non_trainable_weights)
