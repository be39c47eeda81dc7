"""TF 1.15's dense training ops (`tf.raw_ops.Apply*`, `core/kernels/training_ops.cc`).

Each is one op of TF's type (`ApplyAdam`, ...) that, when a Session runs it, checks that its
variables are initialized, computes the kernel's update with TensorFlow.js in the kernel's own
order of float32 operations (so the numbers are TF's up to the rounding of each operation), and
assigns the new values to the variable and its slots. The optimizers (`_lib/optimizers.py`)
call them as TF's optimizers call `training_ops`. Its output is the updated variable's value.
"""
from . import _engine
from .errors import FailedPreconditionError
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


def _apply_op(op_type, name, variables, scalars, grad, kernel):
    """An `op_type` op updating `variables` (the variable first, then its slots) from the
    scalar tensors `scalars` and `grad`; `kernel(k, vals, scalars, grad)` returns the new
    values of the variables, in order."""
    from ._ops import _op_name, convert_to_tensor

    var = variables[0]
    dt = var.dtype.base_dtype
    inputs = [convert_to_tensor(s, dtype=dt) for s in scalars] + \
        [convert_to_tensor(grad, dtype=dt)]
    g = get_default_graph()
    op_name = _op_name(name, op_type)

    def compute(ins, session):
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
    return Tensor(op, 0, var.dtype, var.shape)


def ApplyGradientDescent(var, alpha, delta, use_locking=False, name=None):
    def kernel(k, vals, s, grad):
        # var -= grad * lr
        return [k.sub(vals[0], k.mul(grad, s[0]))]

    return _apply_op("ApplyGradientDescent", name, [var], [alpha], delta, kernel)


def ApplyMomentum(var, accum, lr, grad, momentum, use_locking=False, use_nesterov=False,
                  name=None):
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

    return _apply_op("ApplyMomentum", name, [var, accum], [lr, momentum], grad, kernel)


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


def ApplyAdadelta(var, accum, accum_update, lr, rho, epsilon, grad, use_locking=False,
                  name=None):
    def kernel(k, vals, s, g):
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

    return _apply_op("ApplyFtrl", name, [var, accum, linear], [lr, l1, l2, lr_power], grad,
                     kernel)


def ApplyFtrlV2(var, accum, linear, grad, lr, l1, l2, l2_shrinkage, lr_power, use_locking=False,
                multiply_linear_by_lr=False, name=None):
    def kernel(k, vals, s, g):
        lr_, l1_, l2_, shrink, power = s
        # grad_with_shrinkage = grad + 2 * l2_shrinkage * var
        g_shrunk = k.add(g, k.mul(k.mul(k.scalar(2.0), shrink), vals[0]))
        return _ftrl(k, vals, g, g_shrunk, lr_, l1_, l2_, power)

    return _apply_op("ApplyFtrlV2", name, [var, accum, linear], [lr, l1, l2, l2_shrinkage,
                                                                 lr_power], grad, kernel)


RAW_OPS = dict((n, globals()[n]) for n in (
    "ApplyGradientDescent", "ApplyMomentum", "ApplyAdam", "ApplyRMSProp",
    "ApplyCenteredRMSProp", "ApplyAdagrad", "ApplyAdadelta", "ApplyFtrl", "ApplyFtrlV2"))
