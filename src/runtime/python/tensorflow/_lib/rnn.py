"""TF 1.15's RNN drivers (`python/ops/rnn.py`) and `legacy_seq2seq`'s `rnn_decoder`,
`sequence_loss_by_example` and `sequence_loss`.

* `dynamic_rnn` / `static_rnn` open `variable_scope(scope or 'rnn')`; the bidirectional forms
  open `scope or 'bidirectional_rnn'`, then `fw` and `bw`, and run the one-directional form in
  each. `rnn_decoder` opens `scope or 'rnn_decoder'` and shares after the first step.
* `dynamic_rnn` is TF's `_dynamic_rnn_loop`, whether the number of time steps is known when the
  graph is built or not: the inputs made time-major (`rnn/transpose`), unstacked into a
  `TensorArray` (`rnn/TensorArrayUnstack`), a `while` loop (`rnn/while/...`) whose body reads a
  step, calls the cell once (so its variables are made once) and writes the output, with
  `_rnn_step`'s copy-through past each sequence's length (`Select`), then
  `rnn/TensorArrayStack/TensorArrayGatherV3` and `rnn/transpose_1`. Gradients flow through the
  loop (`_while_grad.py`). Where Scope Lens differs: a batch size unknown when the graph is
  built gets its zero state from a `[batch, 1]` column of zeros computed from the inputs
  (`ZeroColumn`), as `zero_state` here takes a Python int.
"""
import tensorflow as tf
from tensorflow._lib import _support
from tensorflow._lib import rnn_cell


def _check_cell(cell):
    if not callable(cell):
        raise TypeError("The argument 'cell' (%s) is not an RNNCell: is not callable."
                        % (cell,))


def _zeros_like_batch(size, column):
    """Zeros `[batch, size]` for each size of a (nested) state size, the batch taken from
    `column` (`[batch, 1]` zeros): for a batch unknown when the graph is built."""
    if isinstance(size, rnn_cell.LSTMStateTuple):
        return rnn_cell.LSTMStateTuple(_zeros_like_batch(size[0], column),
                                       _zeros_like_batch(size[1], column))
    if isinstance(size, (list, tuple)):
        return tuple([_zeros_like_batch(s, column) for s in size])
    return column + tf.zeros([size], dtype=column.dtype)


def _initial_state(cell, batch, first_step, dtype):
    if batch is not None:
        return cell.zero_state(batch, dtype)
    with tf.name_scope(_support.class_name(cell) + 'ZeroState'):
        column = tf.reduce_sum(tf.cast(first_step, dtype) * 0, axis=1, keepdims=True)
        return _zeros_like_batch(cell.state_size, column)


def _where_step(mask, new, old):
    """`new` where the step is inside the sequence (mask 1), else `old`, per structure."""
    if isinstance(new, rnn_cell.LSTMStateTuple):
        return rnn_cell.LSTMStateTuple(_where_step(mask, new[0], old[0]),
                                       _where_step(mask, new[1], old[1]))
    if isinstance(new, (list, tuple)):
        return tuple([_where_step(mask, new[i], old[i]) for i in range(len(new))])
    return new * mask + old * (1 - mask)


def _step_mask(sequence_length, step, dtype):
    inside = tf.cast(tf.less(step, sequence_length), dtype)
    return tf.reshape(inside, [-1, 1])


def dynamic_rnn(cell, inputs, sequence_length=None, initial_state=None, dtype=None,
                parallel_iterations=None, swap_memory=False, time_major=False, scope=None):
    _check_cell(cell)
    with tf.variable_scope(scope or 'rnn'):
        if isinstance(inputs, (list, tuple)):
            raise NotImplementedError('Scope Lens runs dynamic_rnn on one input tensor, not a '
                                      'nested structure of inputs.')
        inputs = tf.convert_to_tensor(inputs)
        if inputs.get_shape().ndims is None:
            raise NotImplementedError('Scope Lens runs dynamic_rnn on inputs of known rank.')
        dims = inputs.get_shape().as_list()
        if len(dims) < 2:
            raise ValueError('Expected input tensor %s to have rank at least 2' % inputs)
        if len(dims) > 3:
            raise NotImplementedError('Scope Lens runs dynamic_rnn on inputs of rank 3 '
                                      '(batch, time, depth); got shape %s.' % inputs.get_shape())
        if sequence_length is not None:
            sequence_length = tf.cast(sequence_length, tf.int32)
            if sequence_length.get_shape().ndims not in (None, 1):
                raise ValueError('sequence_length must be a vector of length batch_size, but '
                                 'saw shape: %s' % sequence_length.get_shape())
        if initial_state is None and not dtype:
            raise ValueError('If there is no initial_state, you must give a dtype.')
        if len(dims) < 3:
            # TF checks this rank after swapping batch and time
            if not time_major:
                dims = [dims[1], dims[0]]
            raise ValueError('Shape %s must have rank at least 3' % tf.TensorShape(dims))
        if dims[2] is None:
            raise ValueError('Input size (depth of inputs) must be accessible via shape '
                             'inference, but saw value None.')
        return _dynamic_rnn_while(cell, inputs, sequence_length, initial_state, dtype,
                                  parallel_iterations, time_major)


def _transpose_batch_time(x):
    """rnn.py's `_transpose_batch_time`: the first two dimensions swapped (`Rank`, `range`,
    `concat`, `transpose`), the static shape kept."""
    dims = x.get_shape().as_list()
    x_rank = tf.rank(x)
    x_t = tf.transpose(x, tf.concat(([1, 0], tf.range(2, x_rank)), axis=0))
    x_t.set_shape([dims[1], dims[0]] + dims[2:])
    return x_t


def flat_structure(structure):
    if isinstance(structure, (list, tuple)):
        out = []
        for s in structure:
            out.extend(flat_structure(s))
        return out
    return [structure]


def _pack(structure, flat):
    """`nest.pack_sequence_as` for tuples, lists and namedtuples (LSTMStateTuple)."""
    if isinstance(structure, rnn_cell.LSTMStateTuple):
        return rnn_cell.LSTMStateTuple(_pack(structure[0], [flat[0]]),
                                       _pack(structure[1], flat[1:]))
    if isinstance(structure, (list, tuple)):
        items = []
        at = 0
        for s in structure:
            n = len(flat_structure(s))
            items.append(_pack(s, flat[at:at + n]))
            at += n
        return tuple(items) if isinstance(structure, tuple) else items
    return flat[0]


def _dynamic_rnn_while(cell, inputs, sequence_length, initial_state, dtype,
                       parallel_iterations, time_major):
    """rnn.py (1.15) `dynamic_rnn` and `_dynamic_rnn_loop` over a time dimension unknown when
    the graph is built: time-major inputs (`transpose`), `sequence_length`'s `CheckSeqLen`,
    the input and output `TensorArray`s (`dynamic_rnn/input_0`, `output_0`), a `while` loop
    whose body reads a step, calls the cell once and writes its output (with `_rnn_step`'s
    copy-through past each sequence's length), then `TensorArrayStack` and `transpose_1`."""
    if not time_major:
        inputs = _transpose_batch_time(inputs)
    parallel_iterations = parallel_iterations or 32
    if sequence_length is not None:
        sequence_length = tf.identity(sequence_length, name='sequence_length')
    in_dims = inputs.get_shape().as_list()
    const_time_steps = in_dims[0]
    const_batch_size = in_dims[1]
    input_shape = tf.shape(inputs)
    time_steps = input_shape[0]
    if const_batch_size is not None:
        batch_size = const_batch_size
    else:
        batch_size = tf.shape(inputs)[1]
    # The zero state and zero output of a batch unknown when the graph is built: zeros
    # broadcast from a [batch, 1] column (Scope Lens's zero_state takes a Python int only).
    column = None
    if const_batch_size is None:
        with tf.name_scope('ZeroColumn'):
            first = tf.reduce_sum(inputs, axis=0)
            column = tf.reduce_sum(first * 0, axis=1, keepdims=True)
    if initial_state is not None:
        state = initial_state
    elif const_batch_size is not None:
        state = cell.zero_state(batch_size, dtype)
    else:
        with tf.name_scope(_support.class_name(cell) + 'ZeroState'):
            state = _zeros_like_batch(cell.state_size, tf.cast(column, dtype))
    if sequence_length is not None:
        with tf.control_dependencies([_assert_has_shape(sequence_length, batch_size)]):
            sequence_length = tf.identity(sequence_length, name='CheckSeqLen')
    out_dtype = dtype
    if out_dtype is None:
        out_dtype = flat_structure(state)[0].dtype
    output_size = cell.output_size
    flat_output_size = flat_structure(output_size)
    zero_output = None
    if sequence_length is not None:
        if const_batch_size is not None:
            zero_output = [tf.zeros(tf.stack([batch_size, size]), out_dtype)
                           for size in flat_output_size]
        else:
            zero_output = [_zeros_like_batch(size, tf.cast(column, out_dtype))
                           for size in flat_output_size]
        min_sequence_length = tf.reduce_min(sequence_length)
        max_sequence_length = tf.reduce_max(sequence_length)
    else:
        max_sequence_length = time_steps
    time = tf.constant(0, dtype=tf.int32, name='time')
    with tf.name_scope('dynamic_rnn') as base_name:
        pass
    output_ta = tuple([tf.TensorArray(dtype=out_dtype, size=time_steps,
                                      element_shape=[const_batch_size, size],
                                      tensor_array_name=base_name + 'output_%d' % i)
                       for i, size in enumerate(flat_output_size)])
    input_ta = tf.TensorArray(dtype=inputs.dtype, size=time_steps,
                              element_shape=in_dims[1:],
                              tensor_array_name=base_name + 'input_0')
    input_ta = input_ta.unstack(inputs)

    def _time_step(time, output_ta_t, state):
        input_t = input_ta.read(time)
        input_t.set_shape(in_dims[1:])
        output, new_state = cell(input_t, state)
        flat_new_output = flat_structure(output)
        flat_new_state = flat_structure(new_state)
        if sequence_length is not None:
            copy_cond = time >= sequence_length
            flat_new_output = [tf.where(copy_cond, z, o)
                               for z, o in zip(zero_output, flat_new_output)]
            flat_state = flat_structure(state)
            flat_new_state = [n if len(s.get_shape().as_list()) == 0
                              else tf.where(copy_cond, s, n)
                              for s, n in zip(flat_state, flat_new_state)]
            new_state = _pack(state, flat_new_state)
        output_ta_t = tuple([ta.write(time, out)
                             for ta, out in zip(output_ta_t, flat_new_output)])
        return (time + 1, output_ta_t, new_state)

    loop_bound = tf.minimum(time_steps, tf.maximum(1, max_sequence_length))
    _, output_final_ta, final_state = tf.while_loop(
        cond=lambda time, *_: time < loop_bound,
        body=_time_step,
        loop_vars=(time, output_ta, state),
        parallel_iterations=parallel_iterations,
        maximum_iterations=time_steps)
    final_outputs = []
    for ta, size in zip(output_final_ta, flat_output_size):
        out = ta.stack()
        out.set_shape([const_time_steps, const_batch_size, size])
        final_outputs.append(out)
    outputs = _pack(output_size, final_outputs)
    if not time_major:
        outputs = _pack(output_size, [_transpose_batch_time(o) for o in final_outputs])
    return outputs, final_state


def _assert_has_shape(x, batch_size):
    """rnn.py `dynamic_rnn`'s `_assert_has_shape(sequence_length, [batch_size])`."""
    x_shape = tf.shape(x)
    packed_shape = tf.stack([batch_size])
    return tf.Assert(tf.reduce_all(tf.equal(x_shape, packed_shape)),
                     ['Expected shape for Tensor %s is ' % x.name, packed_shape,
                      ' but saw shape: ', x_shape])


def static_rnn(cell, inputs, initial_state=None, dtype=None, sequence_length=None,
               scope=None):
    _check_cell(cell)
    if not isinstance(inputs, (list, tuple)):
        raise TypeError('inputs must be a sequence')
    if not inputs:
        raise ValueError('inputs must not be empty')
    with tf.variable_scope(scope or 'rnn') as varscope:
        for x in inputs:
            dims = x.get_shape().as_list()
            for i, size in enumerate(dims[1:]):
                if size is None:
                    raise ValueError('Input size (dimension %d of inputs) must be accessible via '
                                     'shape inference, but saw value None.' % i)
        if initial_state is not None:
            state = initial_state
        else:
            if not dtype:
                raise ValueError('If no initial_state is provided, dtype must be specified')
            state = _initial_state(cell, inputs[0].get_shape().as_list()[0], inputs[0], dtype)
        if sequence_length is not None:
            sequence_length = tf.convert_to_tensor(sequence_length, name='sequence_length')
            if sequence_length.get_shape().ndims not in (None, 1):
                raise ValueError('sequence_length must be a vector of length batch_size')
            sequence_length = tf.cast(sequence_length, tf.int32)
        outputs = []
        for t, x in enumerate(inputs):
            if t > 0:
                varscope.reuse_variables()
            output, new_state = cell(x, state)
            if sequence_length is not None:
                mask = _step_mask(sequence_length, t, output.dtype)
                output = output * mask
                new_state = _where_step(mask, new_state, state)
            outputs.append(output)
            state = new_state
        return outputs, state


def _reverse_time(inputs, time_axis, sequence_length):
    """rnn.py (1.15) `bidirectional_dynamic_rnn`'s `_reverse`: `ReverseSequence` along the time
    axis when there are sequence lengths, else `ReverseV2`."""
    if sequence_length is not None:
        return tf.reverse_sequence(inputs, sequence_length, seq_axis=time_axis,
                                   batch_axis=1 - time_axis)
    return tf.reverse(inputs, axis=[time_axis])


def bidirectional_dynamic_rnn(cell_fw, cell_bw, inputs, sequence_length=None,
                              initial_state_fw=None, initial_state_bw=None, dtype=None,
                              parallel_iterations=None, swap_memory=False, time_major=False,
                              scope=None):
    _check_cell(cell_fw)
    _check_cell(cell_bw)
    time_axis = 0 if time_major else 1
    with tf.variable_scope(scope or 'bidirectional_rnn'):
        with tf.variable_scope('fw') as fw_scope:
            output_fw, state_fw = dynamic_rnn(
                cell_fw, inputs, sequence_length=sequence_length,
                initial_state=initial_state_fw, dtype=dtype, time_major=time_major,
                scope=fw_scope)
        with tf.variable_scope('bw') as bw_scope:
            reversed_inputs = _reverse_time(tf.convert_to_tensor(inputs), time_axis,
                                            sequence_length)
            tmp, state_bw = dynamic_rnn(
                cell_bw, reversed_inputs, sequence_length=sequence_length,
                initial_state=initial_state_bw, dtype=dtype, time_major=time_major,
                scope=bw_scope)
    output_bw = _reverse_time(tmp, time_axis, sequence_length)
    return (output_fw, output_bw), (state_fw, state_bw)


def static_bidirectional_rnn(cell_fw, cell_bw, inputs, initial_state_fw=None,
                             initial_state_bw=None, dtype=None, sequence_length=None,
                             scope=None):
    _check_cell(cell_fw)
    _check_cell(cell_bw)
    if not isinstance(inputs, (list, tuple)):
        raise TypeError('inputs must be a sequence')
    if not inputs:
        raise ValueError('inputs must not be empty')
    if sequence_length is not None:
        raise NotImplementedError('Scope Lens does not implement static_bidirectional_rnn '
                                  'with sequence_length (a per-example reversal).')
    with tf.variable_scope(scope or 'bidirectional_rnn'):
        with tf.variable_scope('fw') as fw_scope:
            output_fw, state_fw = static_rnn(cell_fw, inputs, initial_state=initial_state_fw,
                                             dtype=dtype, scope=fw_scope)
        with tf.variable_scope('bw') as bw_scope:
            reversed_inputs = list(inputs)
            reversed_inputs.reverse()
            tmp, state_bw = static_rnn(cell_bw, reversed_inputs,
                                       initial_state=initial_state_bw, dtype=dtype,
                                       scope=bw_scope)
    tmp = list(tmp)
    tmp.reverse()
    outputs = [tf.concat([fw, bw], 1) for fw, bw in zip(output_fw, tmp)]
    return outputs, state_fw, state_bw


def rnn_decoder(decoder_inputs, initial_state, cell, loop_function=None, scope=None):
    """`tf.contrib.legacy_seq2seq.rnn_decoder`: the cell over the inputs in one scope,
    `loop_function(prev, i)` feeding back the previous output when given."""
    with tf.variable_scope(scope or 'rnn_decoder'):
        state = initial_state
        outputs = []
        prev = None
        for i, inp in enumerate(decoder_inputs):
            if loop_function is not None and prev is not None:
                with tf.variable_scope('loop_function', reuse=True):
                    inp = loop_function(prev, i)
            if i > 0:
                tf.get_variable_scope().reuse_variables()
            output, state = cell(inp, state)
            outputs.append(output)
            if loop_function is not None:
                prev = output
    return outputs, state


def sequence_loss_by_example(logits, targets, weights, average_across_timesteps=True,
                             softmax_loss_function=None, name=None):
    """`legacy_seq2seq.sequence_loss_by_example`: under `name` or 'sequence_loss_by_example',
    the weighted per-step cross-entropies (targets reshaped to [-1] for the default sparse
    softmax loss) summed by `add_n`, divided by the summed weights plus 1e-12 when averaging
    across time steps."""
    if len(targets) != len(logits) or len(weights) != len(logits):
        raise ValueError('Lengths of logits, weights, and targets must be the same %d, %d, %d.'
                         % (len(logits), len(weights), len(targets)))
    with tf.name_scope(name, 'sequence_loss_by_example', logits + targets + weights):
        log_perp_list = []
        for logit, target, weight in zip(logits, targets, weights):
            if softmax_loss_function is None:
                target = tf.reshape(target, [-1])
                crossent = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=target,
                                                                          logits=logit)
            else:
                crossent = softmax_loss_function(labels=target, logits=logit)
            log_perp_list.append(crossent * weight)
        log_perps = tf.add_n(log_perp_list)
        if average_across_timesteps:
            total_size = tf.add_n(weights)
            total_size += 1e-12
            log_perps /= total_size
    return log_perps


def sequence_loss(logits, targets, weights, average_across_timesteps=True,
                  average_across_batch=True, softmax_loss_function=None, name=None):
    """`legacy_seq2seq.sequence_loss`: under `name` or 'sequence_loss', the sum of
    `sequence_loss_by_example`, divided by the batch size (`tf.shape(targets[0])[0]`) when
    averaging across the batch."""
    with tf.name_scope(name, 'sequence_loss', logits + targets + weights):
        cost = tf.reduce_sum(sequence_loss_by_example(
            logits, targets, weights, average_across_timesteps=average_across_timesteps,
            softmax_loss_function=softmax_loss_function))
        if average_across_batch:
            batch_size = tf.shape(targets[0])[0]
            return cost / tf.cast(batch_size, cost.dtype)
        return cost
