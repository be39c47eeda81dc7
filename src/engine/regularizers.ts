/**
 * TensorFlow 1.15's weight regularizers (`tensorflow/contrib/layers/python/layers/regularizers.py`,
 * exported as `tf.contrib.layers.*_regularizer`) and `tf.no_regularizer`, on TensorFlow.js.
 *
 * A regularizer maps the weights to a scalar loss tensor, or to null (TF's `None`: no loss).
 * `opName` is the name TF gives the loss op, under `<var>/Regularizer/` when `get_variable`
 * applies it: TF builds the result inside `ops.name_scope(scope, '<default>')` and names the
 * final op after that scope, so the loss is `<var>/Regularizer/l2_regularizer:0`.
 *
 * Python ints vs floats: TF rejects an integer `scale` ("scale cannot be an integer: 2") but
 * accepts `2.0`. JavaScript cannot tell `2` from `2.0`, so a plain number is always taken as a
 * Python float; callers that know the argument was a Python int (a source analyzer, a test of
 * TF's message) pass it as `pyInt(2)`.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { ERROR_CODES, raise } from '../core/errors';
import { pyFloatRepr } from './initializers';

/** A regularizer: TF's `regularizer(weights) -> Tensor or None`. */
export interface Regularizer {
  /** Default name of the loss op (`l1_regularizer`, `l2_regularizer`, `sum_regularizer`...). */
  readonly opName: string;
  /** The loss for `weights` (a new scalar tensor), or null. Leaves no other tensor behind. */
  apply(weights: tf.Tensor): tf.Tensor | null;
}

/** A number that was a Python `int` (see the module comment). */
export interface PyInt {
  readonly pyInt: number;
}

/** Marks `n` as a Python int: `l2Regularizer(pyInt(2))` fails as `l2_regularizer(2)` does. */
export function pyInt(n: number): PyInt {
  return { pyInt: n };
}

/** A scale argument: a number (a Python float) or a `pyInt`. */
export type Scale = number | PyInt;

/** `tf.no_regularizer`: prevents regularization of a variable (always None). */
export const noRegularizer: Regularizer = Object.freeze({
  opName: 'no_regularizer',
  apply: (): null => null,
});

/**
 * `tf.contrib.layers.l1_regularizer(scale, scope=None)`: `scale * sum(|w|)`. A scale of 0
 * disables it (TF logs "Scale of 0 disables regularizer." and returns `lambda _: None`).
 */
export function l1Regularizer(scale: Scale, scope?: string | null): Regularizer {
  const s = checkScale(scale, 'scale', '');
  const opName = scope || 'l1_regularizer';
  if (s === 0) return disabled(opName);
  return {
    opName,
    apply: (weights) => tf.tidy(() => tf.mul(scaleFor(s, weights), tf.sum(tf.abs(weights)))),
  };
}

/**
 * `tf.contrib.layers.l2_regularizer(scale, scope=None)`: `scale * nn.l2_loss(w)`, i.e.
 * `scale * sum(w ** 2) / 2`. A scale of 0 disables it.
 */
export function l2Regularizer(scale: Scale, scope?: string | null): Regularizer {
  // TF's l2 message ends with a period; l1's does not.
  const s = checkScale(scale, 'scale', '.');
  const opName = scope || 'l2_regularizer';
  if (s === 0) return disabled(opName);
  return {
    opName,
    apply: (weights) =>
      tf.tidy(() => tf.mul(scaleFor(s, weights), tf.div(tf.sum(tf.square(weights)), 2))),
  };
}

/**
 * `tf.contrib.layers.l1_l2_regularizer(scale_l1=1.0, scale_l2=1.0, scope=None)`. TF returns the
 * l2 regularizer when `scale_l1` is 0, the l1 one when `scale_l2` is 0, and otherwise
 * `sum_regularizer([l1, l2])` — all under the scope `l1_l2_regularizer`, which names the loss.
 */
export function l1L2Regularizer(
  scaleL1: Scale = 1.0,
  scaleL2: Scale = 1.0,
  scope?: string | null,
): Regularizer {
  if (isPyInt(scaleL1)) {
    raise(
      ERROR_CODES.initializerArgs,
      'ValueError',
      `scale_l1 cannot be an integer: ${scaleL1.pyInt}`,
    );
  }
  if (isPyInt(scaleL2)) {
    raise(
      ERROR_CODES.initializerArgs,
      'ValueError',
      `scale_l2 cannot be an integer: ${scaleL2.pyInt}`,
    );
  }
  const name = scope || 'l1_l2_regularizer';
  if (scaleL1 === 0) return l2Regularizer(scaleL2, name);
  if (scaleL2 === 0) return l1Regularizer(scaleL1, name);
  return sumRegularizer([l1Regularizer(scaleL1), l2Regularizer(scaleL2)], name) as Regularizer;
}

/**
 * `tf.contrib.layers.sum_regularizer(regularizer_list, scope=None)`: the sum of the non-None
 * losses (None when all are None). Null entries are dropped; an empty list gives null, as TF
 * returns None.
 */
export function sumRegularizer(
  regularizers: readonly (Regularizer | null | undefined)[],
  scope?: string | null,
): Regularizer | null {
  const list = regularizers.filter((r): r is Regularizer => r !== null && r !== undefined);
  if (list.length === 0) return null;
  const opName = scope || 'sum_regularizer';
  return {
    opName,
    apply: (weights) => {
      const out = tf.tidy(() => {
        const losses: tf.Tensor[] = [];
        for (const reg of list) {
          const loss = reg.apply(weights);
          if (loss !== null) losses.push(loss);
        }
        if (losses.length === 0) return undefined;
        return losses.length === 1 ? tf.clone(losses[0]) : tf.addN(losses);
      });
      return out ?? null;
    },
  };
}

/**
 * Wraps a user function `(weights) => loss | null` as a Regularizer. TF names such a loss after
 * whatever op the function builds last, which Scope Lens cannot see: `opName` defaults to
 * `'Regularizer'` and can be given.
 */
export function fromFunction(
  fn: (weights: tf.Tensor) => tf.Tensor | null | undefined,
  opName = 'Regularizer',
): Regularizer {
  return {
    opName,
    apply: (weights) => {
      const out = tf.tidy(() => fn(weights) ?? undefined);
      return out ?? null;
    },
  };
}

function disabled(opName: string): Regularizer {
  return { opName, apply: () => null };
}

function isPyInt(x: Scale): x is PyInt {
  return typeof x === 'object' && x !== null && 'pyInt' in x;
}

/** TF's checks on `scale`; returns it as a number. */
function checkScale(scale: Scale, argName: string, suffix: string): number {
  if (isPyInt(scale)) {
    raise(
      ERROR_CODES.initializerArgs,
      'ValueError',
      `${argName} cannot be an integer: ${scale.pyInt}`,
    );
  }
  if (scale < 0) {
    raise(
      ERROR_CODES.initializerArgs,
      'ValueError',
      `Setting a scale less than 0 on a regularizer: ${formatG(scale)}${suffix}`,
    );
  }
  return scale;
}

/**
 * `ops.convert_to_tensor(scale, dtype=weights.dtype.base_dtype)`: a Python float only converts to
 * a floating (or complex) dtype.
 */
function scaleFor(scale: number, weights: tf.Tensor): tf.Tensor {
  if (weights.dtype !== 'float32' && weights.dtype !== 'complex64') {
    raise(
      ERROR_CODES.initializerArgs,
      'TypeError',
      `Expected ${weights.dtype}, got ${pyFloatRepr(scale)} of type 'float' instead.`,
    );
  }
  return weights.dtype === 'complex64'
    ? tf.cast(tf.scalar(scale), 'complex64')
    : tf.scalar(scale, 'float32');
}

/** Python's `'%g' % x`: 6 significant digits, trailing zeros dropped, exponent as `e-07`. */
export function formatG(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const [mantissa, expText] = x.toExponential(5).split('e');
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) {
    const e = String(Math.abs(exp)).padStart(2, '0');
    return `${stripZeros(mantissa)}e${exp < 0 ? '-' : '+'}${e}`;
  }
  return stripZeros(x.toFixed(5 - exp));
}

function stripZeros(s: string): string {
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}
