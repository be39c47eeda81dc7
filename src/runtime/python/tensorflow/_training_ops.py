"""TF 1.15's dense training ops (`tf.raw_ops.Apply*`, `core/kernels/training_ops.cc`).

Each is one op of TF's type (`ApplyAdam`, ...) that, when a Session runs it, checks that its
variables are initialized, computes the kernel's update with TensorFlow.js in the kernel's own
order of float32 operations (so the numbers are TF's up to the rounding of each operation), and
assigns the new values to the variable and its slots. The optimizers (`_lib/optimizers.py`)
call them as TF's optimizers call `training_ops`. Its output is the updated variable's value.
"""
from . import _engine
from .errors import FailedPreconditionError, InvalidArgumentError
from ._framework import Operation, Tensor, get_default_graph

T = _engine.tfjs


class _Kernel(object):
    """Float32 arithmetic on tfjs tensors that remembers every tensor it made, to dispose."""

    def __init__(self):
        self.made = []

    def _keep(self, t):
        self.made.append(t)
        return t

    def add(self, a, b):
        return self._keep(T.add(a, b))

    def sub(self, a, b):
        return self._keep(T.sub(a, b))

    def mul(self, a, b):
        return self._keep(T.mul(a, b))

    def div(self, a, b):
        return self._keep(T.div(a, b))

    def sqrt(self, a):
        return self._keep(T.sqrt(a))

    def rsqrt(self, a):
        return self._keep(T.rsqrt(a))

    def square(self, a):
        return self._keep(T.square(a))

    def pow(self, a, b):
        return self._keep(T.pow(a, b))

    def neg(self, a):
        return self._keep(T.neg(a))

    def sign(self, a):
        return self._keep(T.sign(a))

    def abs(self, a):
        return self._keep(T.abs(a))

    def greater(self, a, b):
        return self._keep(T.greater(a, b))

    def where(self, c, a, b):
        return self._keep(T.where(c, a, b))

    def zeros_like(self, a):
        return self._keep(T.zerosLike(a))

    def scalar(self, x):
        return self._keep(T.scalar(x, "float32"))

    def dispose(self):
        for t in self.made:
            if not t.isDisposed:
                t.dispose()


def _scalar_value(t):
    return float(t.dataSync()[0])


def _refs(variables):
    """The variables' own tensors (`w:0`, `w/Adam:0`, ...): a training op's first inputs, as
    TF's ops take the variable and its slots by reference."""
    return [v.op.outputs[0] for v in variables]


def _is_resource(v):
    return bool(getattr(v, "_is_resource_variable", False))


def _resource_op_type(op_type, variables):
    """A resource variable's update is the `Resource` op (`ResourceApplyAdam`, ...)."""
    return "Resource" + op_type if _is_resource(variables[0]) else op_type


def _converted(values, dt, op_name):
    """The op's scalar inputs: a resource variable among them (what `math_ops.cast` returns for
    one of the dtype) is read inside the op's scope (`<op>/ReadVariableOp`), as TF's op
    wrapper converts it."""
    from ._ops import convert_to_tensor

    out = []
    for v in values:
        if _is_resource(v):
            with get_default_graph().name_scope(op_name + "/"):
                out.append(v._read_op())
        else:
            out.append(convert_to_tensor(v, dtype=dt))
    return out


def _result(op, var):
    """A ref update outputs the variable (`ApplyAdam:0`); a resource one has no output."""
    if _is_resource(var):
        return op
    return Tensor(op, 0, var.dtype, var.shape)


def _in_tf_order(variables, internal, order):
    """The op's inputs as TF lists them: the variables, then `internal` (the scalars, the
    gradient and the indices) in TF's order, `order` giving each position's index in
    `internal` (None: as they are)."""
    order = list(range(len(internal))) if order is None else list(order)
    return _refs(variables) + [internal[i] for i in order], order


def _internal(ins, variables, order):
    """The inputs' values back in the kernel's order (scalars, gradient, indices)."""
    rest = ins[len(variables):]
    out = [None] * len(order)
    for pos, i in enumerate(order):
        out[i] = rest[pos]
    return out


def _apply_op(op_type, name, variables, scalars, grad, kernel, order=None):
    """An `op_type` op updating `variables` (the variable first, then its slots) from the
    scalar tensors `scalars` and `grad`; `kernel(k, vals, scalars, grad)` returns the new
    values of the variables, in order."""
    from ._ops import _op_name, convert_to_tensor

    var = variables[0]
    dt = var.dtype.base_dtype
    op_type = _resource_op_type(op_type, variables)
    op_name = _op_name(name, op_type)
    internal = _converted(scalars, dt, op_name) + [convert_to_tensor(grad, dtype=dt)]
    inputs, order = _in_tf_order(variables, internal, order)
    g = get_default_graph()

    def compute(ins, session):
        ins = _internal(ins, variables, order)
        if session is not None:
            for v in variables:
                if int(v._v.uid) not in session._initialized:
                    raise FailedPreconditionError(
                        None, None, "Attempting to use uninitialized value %s" % str(v._v.opName))
        k = _Kernel()
        try:
            vals = [v._v.value for v in variables]
            new = kernel(k, vals, ins[:-1], ins[-1])
            for v, n in zip(variables, new):
                if n is not None:
                    v._v.value.assign(n)
            return T.clone(var._v.value)
        finally:
            k.dispose()

    op = Operation(g, op_name, op_type, inputs, compute,
                   control_inputs=g.control_inputs_for(inputs))
    op._applies = list(variables)
    return _result(op, var)


def _check_initialized(session, variables):
    if session is not None:
        for v in variables:
            if int(v._v.uid) not in session._initialized:
                raise FailedPreconditionError(
                    None, None, "Attempting to use uninitialized value %s" % str(v._v.opName))


def _index_input(indices):
    from ._ops import convert_to_tensor

    return convert_to_tensor(indices)


def scatter_update(op_type, ref, indices, updates, name=None):
    """`ScatterAdd` / `ScatterSub` of a ref variable: the rows `indices` of `ref` gain (lose)
    `updates`, duplicates adding up (summed per row, then added to the row)."""
    from ._ops import _op_name, convert_to_tensor

    indices = _index_input(indices)
    updates = convert_to_tensor(updates, dtype=ref.dtype.base_dtype)
    rows = ref.shape[0].value if ref.shape.dims else None
    if rows is None:
        raise NotImplementedError(
            "Scope Lens's tensorflow module does not implement tf.%s on a variable of unknown "
            "first dimension." % ("scatter_add" if op_type.endswith("ScatterAdd")
                                  else "scatter_sub"))
    g = get_default_graph()

    def compute(ins, session):
        ins = ins[1:]
        _check_initialized(session, [ref])
        k = _Kernel()
        try:
            flat = [int(i) for i in ins[0].dataSync()]
            for i in flat:
                if i < 0 or i >= rows:
                    raise InvalidArgumentError(
                        None, None, "indices[%d] = %d is not in [0, %d)"
                        % (flat.index(i), i, rows))
            width = _engine.tojs([-1] + [int(d) for d in ref.shape.as_list()[1:]])
            ups = k._keep(T.reshape(ins[1], width))
            shape = _engine.tojs(ref.shape.as_list())
            fn = k.add if op_type.endswith("ScatterAdd") else k.sub
            # TF's kernel updates the rows one index after another: the k-th occurrences of
            # the indices (all distinct) are applied together, round after round.
            rounds = []
            seen = {}
            for pos, i in enumerate(flat):
                r = seen.get(i, 0)
                seen[i] = r + 1
                if r == len(rounds):
                    rounds.append(([], []))
                rounds[r][0].append(i)
                rounds[r][1].append(pos)
            value = ref._v.value
            for idx, positions in rounds:
                part = k._keep(T.gather(ups, k._keep(T.tensor1d(_engine.tojs(positions),
                                                                "int32"))))
                where = k._keep(T.tensor2d(_engine.tojs([[i] for i in idx]),
                                           _engine.tojs([len(idx), 1]), "int32"))
                value = fn(value, k._keep(T.scatterND(where, part, shape)))
            ref._v.value.assign(value)
            return T.clone(ref._v.value)
        finally:
            k.dispose()

    inputs = _refs([ref]) + [indices, updates]
    op = Operation(g, _op_name(name, op_type), op_type, inputs, compute,
                   control_inputs=g.control_inputs_for(inputs))
    op._applies = [ref]
    return _result(op, ref)


def _sparse_apply_op(op_type, name, variables, scalars, grad, indices, kernel, order=None):
    """A `SparseApply*` op: the dense kernel `kernel` applied to the rows `indices` (unique:
    the optimizers de-duplicate them first) of the variable and its slots, with `grad` the
    rows' gradient; the other rows keep their values."""
    from ._ops import _op_name, convert_to_tensor

    var = variables[0]
    dt = var.dtype.base_dtype
    op_type = _resource_op_type(op_type, variables)
    op_name = _op_name(name, op_type)
    internal = _converted(scalars, dt, op_name) + \
        [convert_to_tensor(grad, dtype=dt), _index_input(indices)]
    inputs, order = _in_tf_order(variables, internal, order)
    g = get_default_graph()

    def compute(ins, session):
        ins = _internal(ins, variables, order)
        _check_initialized(session, variables)
        k = _Kernel()
        try:
            idx = k._keep(T.reshape(T.cast(ins[-1], "int32"), _engine.tojs([-1, 1])))
            flat = k._keep(T.reshape(idx, _engine.tojs([-1])))
            rows = [k._keep(T.gather(v._v.value, flat)) for v in variables]
            new = kernel(k, rows, ins[:-2], ins[-2])
            shape = _engine.tojs([int(d) for d in var._v.value.shape])
            mask = k._keep(T.greater(
                k._keep(T.scatterND(idx, k._keep(T.onesLike(rows[0])), shape)),
                k._keep(T.scalar(0.0, "float32"))))
            for v, n in zip(variables, new):
                if n is not None:
                    full = k._keep(T.scatterND(idx, n, shape))
                    v._v.value.assign(k._keep(T.where(mask, full, v._v.value)))
            return T.clone(var._v.value)
        finally:
            k.dispose()

    op = Operation(g, op_name, op_type, inputs, compute,
                   control_inputs=g.control_inputs_for(inputs))
    op._applies = list(variables)
    return _result(op, var)


def _momentum_kernel(use_nesterov):
    def kernel(k, vals, s, g):
        v, a = vals
        lr_, mu = s
        # accum = accum * momentum + grad
        a_t = k.add(k.mul(a, mu), g)
        if use_nesterov:
            # var -= grad * lr + accum * momentum * lr
            step = k.add(k.mul(g, lr_), k.mul(k.mul(a_t, mu), lr_))
        else:
            # var -= accum * lr
            step = k.mul(a_t, lr_)
        return [k.sub(v, step), a_t]

    return kernel


def SparseApplyMomentum(var, accum, lr, grad, indices, momentum, use_locking=False,
                        use_nesterov=False, name=None):
    # TF's inputs: var, accum, lr, grad, indices, momentum.
    return _sparse_apply_op("SparseApplyMomentum", name, [var, accum], [lr, momentum], grad,
                            indices, _momentum_kernel(use_nesterov), order=[0, 2, 3, 1])


def SparseApplyAdagrad(var, accum, lr, grad, indices, use_locking=False, update_slots=True,
                       name=None):
    def kernel(k, vals, s, g):
        w, acc = vals
        # accum += g^2; var -= lr * g * rsqrt(accum)
        acc_t = k.add(acc, k.square(g)) if update_slots else acc
        return [k.sub(w, k.mul(k.mul(s[0], g), k.rsqrt(acc_t))),
                acc_t if update_slots else None]

    return _sparse_apply_op("SparseApplyAdagrad", name, [var, accum], [lr], grad, indices,
                            kernel)


def SparseApplyRMSProp(var, ms, mom, lr, rho, momentum, epsilon, grad, indices,
                       use_locking=False, name=None):
    def kernel(k, vals, s, g):
        w, ms_, mom_ = vals
        lr_, rho_, mu, eps = s
        one = k.scalar(1.0)
        # ms = ms * rho + g^2 * (1 - rho)
        ms_t = k.add(k.mul(ms_, rho_), k.mul(k.square(g), k.sub(one, rho_)))
        # mom = mom * momentum + rsqrt(ms + epsilon) * lr * g; var -= mom
        mom_t = k.add(k.mul(mom_, mu), k.mul(k.mul(k.rsqrt(k.add(ms_t, eps)), lr_), g))
        return [k.sub(w, mom_t), ms_t, mom_t]

    return _sparse_apply_op("SparseApplyRMSProp", name, [var, ms, mom],
                            [lr, rho, momentum, epsilon], grad, indices, kernel)


def SparseApplyCenteredRMSProp(var, mg, ms, mom, lr, rho, momentum, epsilon, grad, indices,
                               use_locking=False, name=None):
    def kernel(k, vals, s, g):
        w, mg_, ms_, mom_ = vals
        lr_, rho_, mu, eps = s
        one = k.scalar(1.0)
        # ms = ms * rho + g^2 * (1 - rho); mg = mg * rho + g * (1 - rho)
        ms_t = k.add(k.mul(ms_, rho_), k.mul(k.square(g), k.sub(one, rho_)))
        mg_t = k.add(k.mul(mg_, rho_), k.mul(g, k.sub(one, rho_)))
        # mom = mom * momentum + rsqrt(ms - mg^2 + epsilon) * lr * g; var -= mom
        denom = k.add(k.sub(ms_t, k.square(mg_t)), eps)
        mom_t = k.add(k.mul(mom_, mu), k.mul(k.mul(k.rsqrt(denom), lr_), g))
        return [k.sub(w, mom_t), mg_t, ms_t, mom_t]

    return _sparse_apply_op("SparseApplyCenteredRMSProp", name, [var, mg, ms, mom],
                            [lr, rho, momentum, epsilon], grad, indices, kernel)


def ApplyGradientDescent(var, alpha, delta, use_locking=False, name=None):
    def kernel(k, vals, s, grad):
        # var -= grad * lr
        return [k.sub(vals[0], k.mul(grad, s[0]))]

    return _apply_op("ApplyGradientDescent", name, [var], [alpha], delta, kernel)


def ApplyMomentum(var, accum, lr, grad, momentum, use_locking=False, use_nesterov=False,
                  name=None):
    # TF's inputs: var, accum, lr, grad, momentum.
    return _apply_op("ApplyMomentum", name, [var, accum], [lr, momentum], grad,
                     _momentum_kernel(use_nesterov), order=[0, 2, 1])


def ApplyAdam(var, m, v, beta1_power, beta2_power, lr, beta1, beta2, epsilon, grad,
              use_locking=False, use_nesterov=False, name=None):
    def kernel(k, vals, s, g):
        w, m_, v_ = vals
        b1p, b2p, lr_, b1, b2, eps = s
        one = k.scalar(1.0)
        # alpha = lr * sqrt(1 - beta2_power) / (1 - beta1_power)
        alpha = k.div(k.mul(lr_, k.sqrt(k.sub(one, b2p))), k.sub(one, b1p))
        # m += (g - m) * (1 - beta1); v += (g^2 - v) * (1 - beta2)
        m_t = k.add(m_, k.mul(k.sub(g, m_), k.sub(one, b1)))
        v_t = k.add(v_, k.mul(k.sub(k.square(g), v_), k.sub(one, b2)))
        denom = k.add(k.sqrt(v_t), eps)
        if use_nesterov:
            # var -= ((g * (1 - beta1) + beta1 * m) * alpha) / (sqrt(v) + epsilon)
            num = k.mul(k.add(k.mul(g, k.sub(one, b1)), k.mul(b1, m_t)), alpha)
        else:
            # var -= (m * alpha) / (sqrt(v) + epsilon)
            num = k.mul(m_t, alpha)
        return [k.sub(w, k.div(num, denom)), m_t, v_t]

    return _apply_op("ApplyAdam", name, [var, m, v],
                     [beta1_power, beta2_power, lr, beta1, beta2, epsilon], grad, kernel)


def ApplyRMSProp(var, ms, mom, lr, rho, momentum, epsilon, grad, use_locking=False, name=None):
    def kernel(k, vals, s, g):
        w, ms_, mom_ = vals
        lr_, rho_, mu, eps = s
        one = k.scalar(1.0)
        # ms += (g^2 - ms) * (1 - rho)
        ms_t = k.add(ms_, k.mul(k.sub(k.square(g), ms_), k.sub(one, rho_)))
        # mom = mom * momentum + (g * lr) / sqrt(ms + epsilon)
        mom_t = k.add(k.mul(mom_, mu), k.div(k.mul(g, lr_), k.sqrt(k.add(ms_t, eps))))
        return [k.sub(w, mom_t), ms_t, mom_t]

    return _apply_op("ApplyRMSProp", name, [var, ms, mom], [lr, rho, momentum, epsilon], grad,
                     kernel)


def ApplyCenteredRMSProp(var, mg, ms, mom, lr, rho, momentum, epsilon, grad, use_locking=False,
                         name=None):
    def kernel(k, vals, s, g):
        w, mg_, ms_, mom_ = vals
        lr_, rho_, mu, eps = s
        one = k.scalar(1.0)
        # ms += (g^2 - ms) * (1 - rho); mg += (g - mg) * (1 - rho)
        ms_t = k.add(ms_, k.mul(k.sub(k.square(g), ms_), k.sub(one, rho_)))
        mg_t = k.add(mg_, k.mul(k.sub(g, mg_), k.sub(one, rho_)))
        # denom = (ms - mg^2) + epsilon; mom = mom * momentum + (g * lr) / sqrt(denom)
        denom = k.add(k.sub(ms_t, k.square(mg_t)), eps)
        mom_t = k.add(k.mul(mom_, mu), k.div(k.mul(g, lr_), k.sqrt(denom)))
        return [k.sub(w, mom_t), mg_t, ms_t, mom_t]

    return _apply_op("ApplyCenteredRMSProp", name, [var, mg, ms, mom],
                     [lr, rho, momentum, epsilon], grad, kernel)


def ApplyAdagrad(var, accum, lr, grad, use_locking=False, update_slots=True, name=None):
    def kernel(k, vals, s, g):
        w, acc = vals
        # accum += g^2; var -= g * lr * rsqrt(accum)
        acc_t = k.add(acc, k.square(g)) if update_slots else acc
        return [k.sub(w, k.mul(k.mul(g, s[0]), k.rsqrt(acc_t))),
                acc_t if update_slots else None]

    return _apply_op("ApplyAdagrad", name, [var, accum], [lr], grad, kernel)


def _adadelta_kernel(k, vals, s, g):
    w, acc, acc_up = vals
    lr_, rho_, eps = s
    one = k.scalar(1.0)
    # accum = accum * rho + g^2 * (1 - rho)
    acc_t = k.add(k.mul(acc, rho_), k.mul(k.square(g), k.sub(one, rho_)))
    # update = sqrt(accum_update + eps) * rsqrt(accum + eps) * g
    update = k.mul(k.mul(k.sqrt(k.add(acc_up, eps)), k.rsqrt(k.add(acc_t, eps))), g)
    # var -= update * lr; accum_update = accum_update * rho + update^2 * (1 - rho)
    w_t = k.sub(w, k.mul(update, lr_))
    acc_up_t = k.add(k.mul(acc_up, rho_), k.mul(k.square(update), k.sub(one, rho_)))
    return [w_t, acc_t, acc_up_t]


def ApplyAdadelta(var, accum, accum_update, lr, rho, epsilon, grad, use_locking=False,
                  name=None):
    kernel = _adadelta_kernel

    return _apply_op("ApplyAdadelta", name, [var, accum, accum_update], [lr, rho, epsilon], grad,
                     kernel)


def _ftrl(k, vals, g, g_shrunk, lr_, l1, l2, power):
    w, acc, lin = vals
    new_acc = k.add(acc, k.square(g))
    if _scalar_value(power) == -0.5:
        # linear += g' - (sqrt(new_accum) - sqrt(accum)) / lr * var
        sigma = k.div(k.sub(k.sqrt(new_acc), k.sqrt(acc)), lr_)
        y_pow = k.sqrt(new_acc)
    else:
        neg_power = k.neg(power)
        sigma = k.div(k.sub(k.pow(new_acc, neg_power), k.pow(acc, neg_power)), lr_)
        y_pow = k.pow(new_acc, neg_power)
    lin_t = k.add(lin, k.sub(g_shrunk, k.mul(sigma, w)))
    # x = l1 * sign(linear) - linear; y = new_accum^(-power) / lr + 2 * l2
    x = k.sub(k.mul(l1, k.sign(lin_t)), lin_t)
    y = k.add(k.div(y_pow, lr_), k.mul(k.scalar(2.0), l2))
    # var = |linear| > l1 ? x / y : 0
    w_t = k.where(k.greater(k.abs(lin_t), l1), k.div(x, y), k.zeros_like(w))
    return [w_t, new_acc, lin_t]


def ApplyFtrl(var, accum, linear, grad, lr, l1, l2, lr_power, use_locking=False,
              multiply_linear_by_lr=False, name=None):
    def kernel(k, vals, s, g):
        lr_, l1_, l2_, power = s
        return _ftrl(k, vals, g, g, lr_, l1_, l2_, power)

    # TF's inputs: var, accum, linear, grad, lr, l1, l2, lr_power.
    return _apply_op("ApplyFtrl", name, [var, accum, linear], [lr, l1, l2, lr_power], grad,
                     kernel, order=[4, 0, 1, 2, 3])


def ApplyFtrlV2(var, accum, linear, grad, lr, l1, l2, l2_shrinkage, lr_power, use_locking=False,
                multiply_linear_by_lr=False, name=None):
    def kernel(k, vals, s, g):
        lr_, l1_, l2_, shrink, power = s
        # grad_with_shrinkage = grad + 2 * l2_shrinkage * var
        g_shrunk = k.add(g, k.mul(k.mul(k.scalar(2.0), shrink), vals[0]))
        return _ftrl(k, vals, g, g_shrunk, lr_, l1_, l2_, power)

    # TF's inputs: var, accum, linear, grad, lr, l1, l2, l2_shrinkage, lr_power.
    return _apply_op("ApplyFtrlV2", name, [var, accum, linear], [lr, l1, l2, l2_shrinkage,
                                                                 lr_power], grad, kernel,
                     order=[5, 0, 1, 2, 3, 4])


def SparseApplyAdadelta(var, accum, accum_update, lr, rho, epsilon, grad, indices,
                        use_locking=False, name=None):
    """Adadelta's kernel on the rows `indices` (TF's inputs: var, accum, accum_update, lr, rho,
    epsilon, grad, indices)."""
    return _sparse_apply_op("SparseApplyAdadelta", name, [var, accum, accum_update],
                            [lr, rho, epsilon], grad, indices, _adadelta_kernel)


def SparseApplyFtrl(var, accum, linear, grad, indices, lr, l1, l2, lr_power, use_locking=False,
                    multiply_linear_by_lr=False, name=None):
    """Ftrl's kernel on the rows `indices` (TF's inputs: var, accum, linear, grad, indices, lr,
    l1, l2, lr_power)."""
    def kernel(k, vals, s, g):
        lr_, l1_, l2_, power = s
        return _ftrl(k, vals, g, g, lr_, l1_, l2_, power)

    return _sparse_apply_op("SparseApplyFtrl", name, [var, accum, linear],
                            [lr, l1, l2, lr_power], grad, indices, kernel,
                            order=[4, 5, 0, 1, 2, 3])


def SparseApplyFtrlV2(var, accum, linear, grad, indices, lr, l1, l2, l2_shrinkage, lr_power,
                      use_locking=False, multiply_linear_by_lr=False, name=None):
    """FtrlV2's kernel on the rows `indices` (TF's inputs: var, accum, linear, grad, indices,
    lr, l1, l2, l2_shrinkage, lr_power)."""
    def kernel(k, vals, s, g):
        lr_, l1_, l2_, shrink, power = s
        g_shrunk = k.add(g, k.mul(k.mul(k.scalar(2.0), shrink), vals[0]))
        return _ftrl(k, vals, g, g_shrunk, lr_, l1_, l2_, power)

    return _sparse_apply_op("SparseApplyFtrlV2", name, [var, accum, linear],
                            [lr, l1, l2, l2_shrinkage, lr_power], grad, indices, kernel,
                            order=[5, 6, 0, 1, 2, 3, 4])


def ResourceScatterAdd(resource, indices, updates, name=None):
    """`tf.raw_ops.ResourceScatterAdd`: the rows `indices` of the resource variable gain
    `updates` (an op without outputs)."""
    return scatter_update("ResourceScatterAdd", resource, indices, updates, name)


RAW_OPS = dict((n, globals()[n]) for n in (
    "ApplyGradientDescent", "ApplyMomentum", "ApplyAdam", "ApplyRMSProp",
    "ApplyCenteredRMSProp", "ApplyAdagrad", "ApplyAdadelta", "ApplyFtrl", "ApplyFtrlV2",
    "SparseApplyMomentum", "SparseApplyAdagrad", "SparseApplyRMSProp",
    "SparseApplyCenteredRMSProp", "SparseApplyAdadelta", "SparseApplyFtrl", "SparseApplyFtrlV2",
    "ResourceScatterAdd"))
