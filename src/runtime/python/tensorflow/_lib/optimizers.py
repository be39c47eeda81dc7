"""TF 1.15's graph-mode optimizers (`training/optimizer.py`, `gradient_descent.py`,
`momentum.py`, `adam.py`, `rmsprop.py`, `adagrad.py`, `adadelta.py`, `ftrl.py`).

What they create is TF's: `minimize` = `compute_gradients` (`tf.gradients` over the trainable
variables, or `var_list`) then `apply_gradients`, which makes the slots (`slot_creator`, in the
variable scope current at that call), Adam's `beta1_power`/`beta2_power` (`tf.Variable`s named
by the name scope, created before the slots and once per graph), then one update per variable
under name scope `<name>/update_<var op name>`, grouped as `<name>` (the returned op). With
`global_step` the returned op also increments it.

Slot names per optimizer: Momentum `Momentum`; Adam `Adam` (m), `Adam_1` (v); RMSProp `RMSProp`
(rms), [`RMSProp_1` (mg) when centered,] then momentum (always); Adagrad `Adagrad`; Adadelta
`Adadelta`, `Adadelta_1`; Ftrl `Ftrl` (accumulator), `Ftrl_1` (linear); GradientDescent none.

Each update is TF's training op (`tf.raw_ops.ApplyAdam`, ...) with its inputs cast as TF
casts them (`math_ops.cast` makes no op when the dtype is already the variable's), so the graph
has TF's ops and the runtime computes TF's kernel (src/runtime/python/tensorflow/_training_ops.py).
"""
import tensorflow as tf
from tensorflow._lib import _support, slot_creator


def _flatten(values):
    out = []
    for v in values:
        if isinstance(v, (list, tuple)):
            out.extend(_flatten(v))
        else:
            out.append(v)
    return out


def _same_variable(a, b):
    if a is b:
        return True
    if isinstance(a, tf.Variable) and isinstance(b, tf.Variable):
        return False  # one Python object per variable: another object is another variable
    return a.graph is b.graph and a.op.name == b.op.name


def _sorted(items, key):
    out = []
    for item in items:
        i = len(out)
        while i > 0 and key(out[i - 1]) > key(item):
            i -= 1
        out.insert(i, item)
    return out


def _call_if_callable(param):
    return param() if callable(param) else param


# `math_ops.cast`: the tensor itself when it already has the dtype; a resource variable of the
# dtype is returned as is too (the op it is given to reads it). Bound to the function itself: an
# update casts six values per variable, and a wrapper would be a call more for each.
_cast = _support.cast


def _as_op(update, var):
    """The op of `var`'s update: a ref variable's training op outputs the variable (its `.op`),
    a resource variable's (`ResourceApply*`) is an op without outputs."""
    if slot_creator.is_resource(var):
        return update
    return update.op


class Optimizer(object):
    """The base class: gradients, slots, non-slot variables and the update loop."""

    GATE_NONE = 0
    GATE_OP = 1
    GATE_GRAPH = 2

    def __init__(self, use_locking, name):
        if not name:
            raise ValueError('Must specify the optimizer name')
        self._use_locking = use_locking
        self._name = name
        # slot name -> list of [primary, slot], in creation order
        self._slots = {}
        # Slots of variables by the variable itself (variables hash and compare by identity),
        # beside the lists kept in creation order: looking a slot up is then one step, not a
        # walk over every variable the optimizer has seen.
        self._slots_by_variable = {}
        self._slots_by_other = {}
        # [name, graph, variable] of the non-slot variables, in creation order
        self._non_slots = []

    def get_name(self):
        return self._name

    def minimize(self, loss, global_step=None, var_list=None, gate_gradients=GATE_OP,
                 aggregation_method=None, colocate_gradients_with_ops=False, name=None,
                 grad_loss=None):
        grads_and_vars = self.compute_gradients(
            loss, var_list=var_list, gate_gradients=gate_gradients,
            aggregation_method=aggregation_method,
            colocate_gradients_with_ops=colocate_gradients_with_ops, grad_loss=grad_loss)
        with_grad = [v for g, v in grads_and_vars if g is not None]
        if not with_grad:
            raise ValueError(
                'No gradients provided for any variable, check your graph for ops that do not '
                'support gradients, between variables %s and loss %s.'
                % ([str(v) for _, v in grads_and_vars], loss))
        return self.apply_gradients(grads_and_vars, global_step=global_step, name=name)

    def compute_gradients(self, loss, var_list=None, gate_gradients=GATE_OP,
                          aggregation_method=None, colocate_gradients_with_ops=False,
                          grad_loss=None):
        if callable(loss):
            raise NotImplementedError(
                'Scope Lens runs graph mode only: a callable loss is for eager execution.')
        if gate_gradients not in [Optimizer.GATE_NONE, Optimizer.GATE_OP,
                                  Optimizer.GATE_GRAPH]:
            raise ValueError('gate_gradients must be one of: Optimizer.GATE_NONE, '
                             'Optimizer.GATE_OP, Optimizer.GATE_GRAPH.  Not %s'
                             % gate_gradients)
        self._assert_valid_dtypes([loss])
        if grad_loss is not None:
            self._assert_valid_dtypes([grad_loss])
        if var_list is None:
            var_list = (tf.trainable_variables()
                        + tf.get_collection(tf.GraphKeys.TRAINABLE_RESOURCE_VARIABLES))
        elif isinstance(var_list, (list, tuple)):
            var_list = _flatten(var_list)
        else:
            var_list = [var_list]
        if not var_list:
            raise ValueError('No variables to optimize.')
        grads = tf.gradients(loss, var_list, grad_ys=grad_loss,
                             gate_gradients=gate_gradients == Optimizer.GATE_OP,
                             aggregation_method=aggregation_method,
                             colocate_gradients_with_ops=colocate_gradients_with_ops)
        grads_and_vars = list(zip(grads, var_list))
        self._assert_valid_dtypes([v for g, v in grads_and_vars if g is not None])
        return grads_and_vars

    def apply_gradients(self, grads_and_vars, global_step=None, name=None):
        if not _support.known(grads_and_vars):
            # The analyzer only (what a function it does not model returned, `tfe`'s gradients):
            # which variables it updates is not known, nor the slots and ops it would make.
            return grads_and_vars
        grads_and_vars = tuple(grads_and_vars)
        if not grads_and_vars:
            raise ValueError('No variables provided.')
        for g, v in grads_and_vars:
            if g is not None and not isinstance(g, (tf.Tensor, tf.IndexedSlices)):
                raise TypeError('Gradient must be a Tensor, IndexedSlices, or None: %s' % g)
        var_list = [v for g, v in grads_and_vars if g is not None]
        if not var_list:
            raise ValueError('No gradients provided for any variable: %s.'
                             % ([str(v) for _, v in grads_and_vars],))
        self._create_slots(var_list)
        update_ops = []
        with tf.name_scope(name, self._name) as name:
            self._prepare()
            for grad, var in grads_and_vars:
                if grad is None:
                    continue
                with tf.name_scope('update_' + var.op.name):
                    if isinstance(grad, tf.Tensor):
                        update_ops.append(self._apply_dense(grad, var))
                    else:
                        update_ops.append(self._apply_sparse_duplicate_indices(grad, var))
            if global_step is None:
                apply_updates = self._finish(update_ops, name)
            else:
                # TF returns the global step's increment (its op), run after every update.
                with tf.control_dependencies([self._finish(update_ops, 'update')]):
                    if slot_creator.is_resource(global_step):
                        # optimizer.py (1.15): AssignAddVariableOp of the handle and 1.
                        apply_updates = global_step.assign_add(1, name=name, read_value=False)
                    else:
                        apply_updates = global_step.assign_add(1, name=name).op
            train_ops = tf.get_collection_ref(tf.GraphKeys.TRAIN_OP)
            if apply_updates not in train_ops:
                train_ops.append(apply_updates)
            return apply_updates

    # -- slots and other variables ----------------------------------------------------------
    def get_slot(self, var, name):
        by_variable = self._slots_by_variable.get(name)
        if by_variable is not None and isinstance(var, tf.Variable):
            found = by_variable.get(var)
            if found is not None:
                return found
        for primary, slot in self._slots_by_other.get(name, []):
            if _same_variable(primary, var):
                return slot
        return None

    def get_slot_names(self):
        return _sorted(list(self._slots.keys()), lambda k: k)

    def variables(self):
        graph = tf.get_default_graph()
        found = [v for n, g, v in self._non_slots if g is graph]
        for slot_name in self._slots:
            for primary, slot in self._slots[slot_name]:
                if slot.graph is graph:
                    found.append(slot)
        return _sorted(found, lambda v: v.name)

    def _add_slot(self, slot_name, var, slot):
        if slot_name not in self._slots:
            self._slots[slot_name] = []
            self._slots_by_variable[slot_name] = {}
            self._slots_by_other[slot_name] = []
        self._slots[slot_name].append([var, slot])
        if isinstance(var, tf.Variable):
            self._slots_by_variable[slot_name][var] = slot
        else:
            self._slots_by_other[slot_name].append([var, slot])

    def _zeros_slot(self, var, slot_name, op_name):
        found = self.get_slot(var, slot_name)
        if found is None:
            found = slot_creator.create_zeros_slot(var, op_name)
            self._add_slot(slot_name, var, found)
        return found

    def _get_or_make_slot(self, var, val, slot_name, op_name):
        found = self.get_slot(var, slot_name)
        if found is None:
            found = slot_creator.create_slot(var, val, op_name)
            self._add_slot(slot_name, var, found)
        return found

    def _get_or_make_slot_with_initializer(self, var, initializer, shape, dtype, slot_name,
                                           op_name):
        found = self.get_slot(var, slot_name)
        if found is None:
            found = slot_creator.create_slot_with_initializer(var, initializer, shape, dtype,
                                                              op_name)
            self._add_slot(slot_name, var, found)
        return found

    def _get_non_slot_variable(self, name, graph=None):
        for n, g, v in self._non_slots:
            if n == name and g is graph:
                return v
        return None

    def _create_non_slot_variable(self, initial_value, name, colocate_with):
        graph = colocate_with.graph
        found = self._get_non_slot_variable(name, graph)
        if found is None:
            found = tf.Variable(initial_value, name=name, trainable=False,
                                use_resource=slot_creator.is_resource(colocate_with))
            self._non_slots.append([name, graph, found])
        return found

    def _assert_valid_dtypes(self, tensors):
        valid = [tf.float16, tf.bfloat16, tf.float32, tf.float64]
        for t in tensors:
            dtype = t.dtype.base_dtype
            if dtype not in valid:
                raise ValueError('Invalid type %r for %s, expected: %s.' % (dtype, t.name, valid))

    # -- what subclasses implement ----------------------------------------------------------
    def _create_slots(self, var_list):
        pass

    def _prepare(self):
        pass

    def _apply_dense(self, grad, var):
        raise NotImplementedError()

    def _apply_sparse_duplicate_indices(self, grad, var):
        # Sums the values of duplicate indices first (`Unique`, `UnsortedSegmentSum`).
        summed_values, unique_indices = _deduplicate_indexed_slices(grad.values, grad.indices)
        return self._apply_sparse(
            tf.IndexedSlices(summed_values, unique_indices, grad.dense_shape), var)

    def _apply_sparse(self, grad, var):
        # An optimizer without TF's sparse update here updates the variable densely.
        return self._apply_dense(tf.convert_to_tensor(grad), var)

    def _finish(self, update_ops, name_scope):
        return tf.group(*update_ops, name=name_scope)

    def _cast_lr(self, var):
        return _cast(self._learning_rate_tensor, var.dtype.base_dtype)


def _deduplicate_indexed_slices(values, indices):
    unique_indices, new_index_positions = tf.unique(indices)
    summed_values = tf.unsorted_segment_sum(values, new_index_positions,
                                            tf.shape(unique_indices)[0])
    return summed_values, unique_indices


class GradientDescentOptimizer(Optimizer):
    def __init__(self, learning_rate, use_locking=False, name='GradientDescent'):
        super().__init__(use_locking, name)
        self._learning_rate = learning_rate

    def _prepare(self):
        self._learning_rate_tensor = tf.convert_to_tensor(
            _call_if_callable(self._learning_rate), name='learning_rate')

    def _apply_dense(self, grad, var):
        return _as_op(tf.raw_ops.ApplyGradientDescent(
            var=var, alpha=self._cast_lr(var), delta=grad, use_locking=self._use_locking), var)

    def _apply_sparse_duplicate_indices(self, grad, var):
        if slot_creator.is_resource(var):
            # gradient_descent.py (1.15) `_resource_apply_sparse_duplicate_indices`:
            # ResourceScatterAdd of -grad * learning_rate (the optimizer's own value).
            lr = _call_if_callable(self._learning_rate)
            return tf.raw_ops.ResourceScatterAdd(resource=var, indices=grad.indices,
                                                 updates=-grad.values * lr)
        # ScatterSub adds up duplicate indices itself.
        values = grad.values * self._cast_lr(var)
        return tf.scatter_sub(var, grad.indices, values, use_locking=self._use_locking)


class MomentumOptimizer(Optimizer):
    def __init__(self, learning_rate, momentum, use_locking=False, name='Momentum',
                 use_nesterov=False):
        super().__init__(use_locking, name)
        self._learning_rate = learning_rate
        self._momentum = momentum
        self._use_nesterov = use_nesterov

    def _create_slots(self, var_list):
        for v in var_list:
            self._zeros_slot(v, 'momentum', self._name)

    def _prepare(self):
        self._learning_rate_tensor = tf.convert_to_tensor(
            _call_if_callable(self._learning_rate), name='learning_rate')
        self._momentum_tensor = tf.convert_to_tensor(
            _call_if_callable(self._momentum), name='momentum')

    def _apply_dense(self, grad, var):
        mom = self.get_slot(var, 'momentum')
        return _as_op(tf.raw_ops.ApplyMomentum(
            var=var, accum=mom, lr=self._cast_lr(var), grad=grad,
            momentum=_cast(self._momentum_tensor, var.dtype.base_dtype),
            use_locking=self._use_locking, use_nesterov=self._use_nesterov), var)

    def _apply_sparse(self, grad, var):
        mom = self.get_slot(var, 'momentum')
        return _as_op(tf.raw_ops.SparseApplyMomentum(
            var=var, accum=mom, lr=self._cast_lr(var), grad=grad.values, indices=grad.indices,
            momentum=_cast(self._momentum_tensor, var.dtype.base_dtype),
            use_locking=self._use_locking, use_nesterov=self._use_nesterov), var)


class AdamOptimizer(Optimizer):
    def __init__(self, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8,
                 use_locking=False, name='Adam'):
        super().__init__(use_locking, name)
        self._lr = learning_rate
        self._beta1 = beta1
        self._beta2 = beta2
        self._epsilon = epsilon

    def _get_beta_accumulators(self):
        graph = tf.get_default_graph()
        return (self._get_non_slot_variable('beta1_power', graph=graph),
                self._get_non_slot_variable('beta2_power', graph=graph))

    def _create_slots(self, var_list):
        # TF colocates them with the variable first by name; what that choice decides here is
        # only whether they are resource variables, so the names are compared only when the
        # variables are of both kinds.
        first = var_list[0]
        kinds = [slot_creator.is_resource(v) for v in var_list]
        if any(k != kinds[0] for k in kinds):
            for v in var_list:
                if v.name < first.name:
                    first = v
        self._create_non_slot_variable(self._beta1, 'beta1_power', first)
        self._create_non_slot_variable(self._beta2, 'beta2_power', first)
        for v in var_list:
            self._zeros_slot(v, 'm', self._name)
            self._zeros_slot(v, 'v', self._name)

    def _prepare(self):
        self._lr_t = tf.convert_to_tensor(_call_if_callable(self._lr), name='learning_rate')
        self._beta1_t = tf.convert_to_tensor(_call_if_callable(self._beta1), name='beta1')
        self._beta2_t = tf.convert_to_tensor(_call_if_callable(self._beta2), name='beta2')
        self._epsilon_t = tf.convert_to_tensor(_call_if_callable(self._epsilon), name='epsilon')

    def _apply_dense(self, grad, var):
        dt = var.dtype.base_dtype
        m = self.get_slot(var, 'm')
        v = self.get_slot(var, 'v')
        beta1_power, beta2_power = self._get_beta_accumulators()
        return _as_op(tf.raw_ops.ApplyAdam(
            var=var, m=m, v=v, beta1_power=_cast(beta1_power, dt),
            beta2_power=_cast(beta2_power, dt), lr=_cast(self._lr_t, dt),
            beta1=_cast(self._beta1_t, dt), beta2=_cast(self._beta2_t, dt),
            epsilon=_cast(self._epsilon_t, dt), grad=grad, use_locking=self._use_locking), var)

    def _apply_sparse(self, grad, var):
        dt = var.dtype.base_dtype
        indices = grad.indices
        grad = grad.values
        beta1_power, beta2_power = self._get_beta_accumulators()
        beta1_power = _cast(beta1_power, dt)
        beta2_power = _cast(beta2_power, dt)
        lr_t = _cast(self._lr_t, dt)
        beta1_t = _cast(self._beta1_t, dt)
        beta2_t = _cast(self._beta2_t, dt)
        epsilon_t = _cast(self._epsilon_t, dt)
        lr = lr_t * tf.sqrt(1 - beta2_power) / (1 - beta1_power)
        # m_t = beta1 * m + (1 - beta1) * g_t
        m = self.get_slot(var, 'm')
        m_scaled_g_values = grad * (1 - beta1_t)
        m_t = tf.assign(m, m * beta1_t, use_locking=self._use_locking)
        with tf.control_dependencies([m_t]):
            m_t = tf.scatter_add(m, indices, m_scaled_g_values, use_locking=self._use_locking)
        # v_t = beta2 * v + (1 - beta2) * (g_t * g_t)
        v = self.get_slot(var, 'v')
        v_scaled_g_values = (grad * grad) * (1 - beta2_t)
        v_t = tf.assign(v, v * beta2_t, use_locking=self._use_locking)
        with tf.control_dependencies([v_t]):
            v_t = tf.scatter_add(v, indices, v_scaled_g_values, use_locking=self._use_locking)
        v_sqrt = tf.sqrt(v_t)
        var_update = tf.assign_sub(var, lr * m_t / (v_sqrt + epsilon_t),
                                   use_locking=self._use_locking)
        return tf.group(*[var_update, m_t, v_t])

    def _finish(self, update_ops, name_scope):
        # The powers advance after every update has read them.
        with tf.control_dependencies(update_ops):
            beta1_power, beta2_power = self._get_beta_accumulators()
            update_beta1 = beta1_power.assign(beta1_power * self._beta1_t)
            update_beta2 = beta2_power.assign(beta2_power * self._beta2_t)
        return tf.group(*(update_ops + [update_beta1, update_beta2]), name=name_scope)


class RMSPropOptimizer(Optimizer):
    def __init__(self, learning_rate, decay=0.9, momentum=0.0, epsilon=1e-10,
                 use_locking=False, centered=False, name='RMSProp'):
        super().__init__(use_locking, name)
        self._learning_rate = learning_rate
        self._decay = decay
        self._momentum = momentum
        self._epsilon = epsilon
        self._centered = centered

    def _create_slots(self, var_list):
        for v in var_list:
            dt = v.dtype.base_dtype
            self._get_or_make_slot_with_initializer(v, tf.ones_initializer(dtype=dt),
                                                    v.get_shape(), dt, 'rms', self._name)
            if self._centered:
                self._zeros_slot(v, 'mg', self._name)
            self._zeros_slot(v, 'momentum', self._name)

    def _prepare(self):
        self._learning_rate_tensor = tf.convert_to_tensor(
            _call_if_callable(self._learning_rate), name='learning_rate')
        self._decay_tensor = tf.convert_to_tensor(_call_if_callable(self._decay), name='decay')
        self._momentum_tensor = tf.convert_to_tensor(
            _call_if_callable(self._momentum), name='momentum')
        self._epsilon_tensor = tf.convert_to_tensor(
            _call_if_callable(self._epsilon), name='epsilon')

    def _apply_dense(self, grad, var):
        dt = var.dtype.base_dtype
        rms = self.get_slot(var, 'rms')
        mom = self.get_slot(var, 'momentum')
        lr = self._cast_lr(var)
        rho = _cast(self._decay_tensor, dt)
        mu = _cast(self._momentum_tensor, dt)
        eps = _cast(self._epsilon_tensor, dt)
        if self._centered:
            mg = self.get_slot(var, 'mg')
            return _as_op(tf.raw_ops.ApplyCenteredRMSProp(
                var=var, mg=mg, ms=rms, mom=mom, lr=lr, rho=rho, momentum=mu, epsilon=eps,
                grad=grad, use_locking=self._use_locking), var)
        return _as_op(tf.raw_ops.ApplyRMSProp(
            var=var, ms=rms, mom=mom, lr=lr, rho=rho, momentum=mu, epsilon=eps, grad=grad,
            use_locking=self._use_locking), var)

    def _apply_sparse(self, grad, var):
        dt = var.dtype.base_dtype
        rms = self.get_slot(var, 'rms')
        mom = self.get_slot(var, 'momentum')
        lr = self._cast_lr(var)
        rho = _cast(self._decay_tensor, dt)
        mu = _cast(self._momentum_tensor, dt)
        eps = _cast(self._epsilon_tensor, dt)
        if self._centered:
            mg = self.get_slot(var, 'mg')
            return tf.raw_ops.SparseApplyCenteredRMSProp(
                var=var, mg=mg, ms=rms, mom=mom, lr=lr, rho=rho, momentum=mu, epsilon=eps,
                grad=grad.values, indices=grad.indices, use_locking=self._use_locking)
        return tf.raw_ops.SparseApplyRMSProp(
            var=var, ms=rms, mom=mom, lr=lr, rho=rho, momentum=mu, epsilon=eps,
            grad=grad.values, indices=grad.indices, use_locking=self._use_locking)


class AdagradOptimizer(Optimizer):
    def __init__(self, learning_rate, initial_accumulator_value=0.1, use_locking=False,
                 name='Adagrad'):
        if initial_accumulator_value <= 0.0:
            raise ValueError('initial_accumulator_value must be positive: %s'
                             % initial_accumulator_value)
        super().__init__(use_locking, name)
        self._learning_rate = learning_rate
        self._initial_accumulator_value = initial_accumulator_value

    def _create_slots(self, var_list):
        for v in var_list:
            dt = v.dtype.base_dtype
            init = tf.constant_initializer(self._initial_accumulator_value, dtype=dt)
            self._get_or_make_slot_with_initializer(v, init, v.get_shape(), dt, 'accumulator',
                                                    self._name)

    def _prepare(self):
        self._learning_rate_tensor = tf.convert_to_tensor(
            _call_if_callable(self._learning_rate), name='learning_rate')

    def _apply_dense(self, grad, var):
        acc = self.get_slot(var, 'accumulator')
        return tf.raw_ops.ApplyAdagrad(var=var, accum=acc, lr=self._cast_lr(var), grad=grad,
                                       use_locking=self._use_locking)

    def _apply_sparse(self, grad, var):
        acc = self.get_slot(var, 'accumulator')
        return tf.raw_ops.SparseApplyAdagrad(var=var, accum=acc, lr=self._cast_lr(var),
                                             grad=grad.values, indices=grad.indices,
                                             use_locking=self._use_locking)


class AdadeltaOptimizer(Optimizer):
    def __init__(self, learning_rate=0.001, rho=0.95, epsilon=1e-8, use_locking=False,
                 name='Adadelta'):
        super().__init__(use_locking, name)
        self._lr = learning_rate
        self._rho = rho
        self._epsilon = epsilon

    def _create_slots(self, var_list):
        for v in var_list:
            self._zeros_slot(v, 'accum', self._name)
            self._zeros_slot(v, 'accum_update', self._name)

    def _prepare(self):
        self._lr_t = tf.convert_to_tensor(_call_if_callable(self._lr), name='lr')
        self._rho_t = tf.convert_to_tensor(_call_if_callable(self._rho), name='rho')
        self._epsilon_t = tf.convert_to_tensor(_call_if_callable(self._epsilon), name='epsilon')

    def _apply_dense(self, grad, var):
        dt = var.dtype.base_dtype
        accum = self.get_slot(var, 'accum')
        accum_update = self.get_slot(var, 'accum_update')
        return tf.raw_ops.ApplyAdadelta(
            var=var, accum=accum, accum_update=accum_update, lr=_cast(self._lr_t, dt),
            rho=_cast(self._rho_t, dt), epsilon=_cast(self._epsilon_t, dt), grad=grad,
            use_locking=self._use_locking)

    def _apply_sparse(self, grad, var):
        # adadelta.py (1.15): training_ops.sparse_apply_adadelta of the values and indices.
        dt = var.dtype.base_dtype
        accum = self.get_slot(var, 'accum')
        accum_update = self.get_slot(var, 'accum_update')
        return tf.raw_ops.SparseApplyAdadelta(
            var=var, accum=accum, accum_update=accum_update, lr=_cast(self._lr_t, dt),
            rho=_cast(self._rho_t, dt), epsilon=_cast(self._epsilon_t, dt), grad=grad.values,
            indices=grad.indices, use_locking=self._use_locking)


class FtrlOptimizer(Optimizer):
    def __init__(self, learning_rate, learning_rate_power=-0.5, initial_accumulator_value=0.1,
                 l1_regularization_strength=0.0, l2_regularization_strength=0.0,
                 use_locking=False, name='Ftrl', accum_name=None, linear_name=None,
                 l2_shrinkage_regularization_strength=0.0):
        super().__init__(use_locking, name)
        if initial_accumulator_value < 0.0:
            raise ValueError('initial_accumulator_value %f needs to be positive or zero'
                             % initial_accumulator_value)
        if learning_rate_power > 0.0:
            raise ValueError('learning_rate_power %f needs to be negative or zero'
                             % learning_rate_power)
        if l1_regularization_strength < 0.0:
            raise ValueError('l1_regularization_strength %f needs to be positive or zero'
                             % l1_regularization_strength)
        if l2_regularization_strength < 0.0:
            raise ValueError('l2_regularization_strength %f needs to be positive or zero'
                             % l2_regularization_strength)
        if l2_shrinkage_regularization_strength < 0.0:
            raise ValueError('l2_shrinkage_regularization_strength %f needs to be positive or '
                             'zero' % l2_shrinkage_regularization_strength)
        self._learning_rate = learning_rate
        self._learning_rate_power = learning_rate_power
        self._initial_accumulator_value = initial_accumulator_value
        self._l1 = l1_regularization_strength
        self._l2 = l2_regularization_strength
        self._l2_shrinkage = l2_shrinkage_regularization_strength
        self._accum_name = accum_name
        self._linear_name = linear_name

    def _create_slots(self, var_list):
        # ftrl.py (1.15) _create_slots: the accumulator's initial value is a `constant` made in
        # the name scope apply_gradients is called in (`Const`, `Const_1`, ...), the slot's
        # initial value as it is (no `Initializer` ops of its own).
        for v in var_list:
            val = tf.constant(self._initial_accumulator_value, dtype=v.dtype.base_dtype,
                              shape=v.get_shape())
            self._get_or_make_slot(v, val, 'accum', self._accum_name or self._name)
            self._zeros_slot(v, 'linear', self._linear_name or self._name)

    def _prepare(self):
        self._learning_rate_tensor = tf.convert_to_tensor(
            _call_if_callable(self._learning_rate), name='learning_rate')
        self._l1_tensor = tf.convert_to_tensor(self._l1, name='l1_regularization_strength')
        self._l2_tensor = tf.convert_to_tensor(self._l2, name='l2_regularization_strength')
        self._l2_shrinkage_tensor = tf.convert_to_tensor(
            self._l2_shrinkage, name='l2_shrinkage_regularization_strength')
        self._power_tensor = tf.convert_to_tensor(self._learning_rate_power,
                                                  name='learning_rate_power')

    def _apply_dense(self, grad, var):
        dt = var.dtype.base_dtype
        accum = self.get_slot(var, 'accum')
        linear = self.get_slot(var, 'linear')
        if self._l2_shrinkage <= 0.0:
            return tf.raw_ops.ApplyFtrl(
                var=var, accum=accum, linear=linear, grad=grad, lr=self._cast_lr(var),
                l1=_cast(self._l1_tensor, dt), l2=_cast(self._l2_tensor, dt),
                lr_power=_cast(self._power_tensor, dt), use_locking=self._use_locking)
        return tf.raw_ops.ApplyFtrlV2(
            var=var, accum=accum, linear=linear, grad=grad, lr=self._cast_lr(var),
            l1=_cast(self._l1_tensor, dt), l2=_cast(self._l2_tensor, dt),
            l2_shrinkage=_cast(self._l2_shrinkage_tensor, dt),
            lr_power=_cast(self._power_tensor, dt), use_locking=self._use_locking)

    def _apply_sparse(self, grad, var):
        # ftrl.py (1.15): training_ops.sparse_apply_ftrl (_v2 with l2 shrinkage) of the values
        # and indices.
        dt = var.dtype.base_dtype
        accum = self.get_slot(var, 'accum')
        linear = self.get_slot(var, 'linear')
        if self._l2_shrinkage <= 0.0:
            return tf.raw_ops.SparseApplyFtrl(
                var=var, accum=accum, linear=linear, grad=grad.values, indices=grad.indices,
                lr=self._cast_lr(var), l1=_cast(self._l1_tensor, dt),
                l2=_cast(self._l2_tensor, dt), lr_power=_cast(self._power_tensor, dt),
                use_locking=self._use_locking)
        return tf.raw_ops.SparseApplyFtrlV2(
            var=var, accum=accum, linear=linear, grad=grad.values, indices=grad.indices,
            lr=self._cast_lr(var), l1=_cast(self._l1_tensor, dt), l2=_cast(self._l2_tensor, dt),
            l2_shrinkage=_cast(self._l2_shrinkage_tensor, grad.dtype.base_dtype),
            lr_power=_cast(self._power_tensor, dt), use_locking=self._use_locking)
