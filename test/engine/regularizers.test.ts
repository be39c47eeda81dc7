import * as assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { ERROR_CODES, TypeError as TFTypeError, ValueError } from '../../src/core/errors';
import {
  formatG,
  fromFunction,
  l1L2Regularizer,
  l1Regularizer,
  l2Regularizer,
  noRegularizer,
  pyInt,
  Regularizer,
  sumRegularizer,
} from '../../src/engine/regularizers';
import { throwsTF as throwsShared } from '../support';

/** Applies `reg` to `weights` and returns the loss as a number (or null), disposing tensors. */
function loss(reg: Regularizer, weights: number[] | number[][]): number | null {
  const w = tf.tensor(weights);
  const out = reg.apply(w);
  w.dispose();
  if (out === null) return null;
  assert.equal(out.rank, 0, 'a regularizer returns a scalar');
  const v = out.dataSync()[0];
  out.dispose();
  return v;
}

function near(actual: number | null, expected: number): void {
  assert.ok(actual !== null, 'expected a loss, got null');
  assert.ok(Math.abs(actual - expected) < 1e-5, `${actual} != ${expected}`);
}

function throwsTF(
  fn: () => unknown,
  cls: typeof ValueError | typeof TFTypeError,
  message: string,
): void {
  throwsShared(fn, cls, message, ERROR_CODES.initializerArgs);
}

describe('regularizers', () => {
  describe('values', () => {
    const cases: [string, () => Regularizer, number[] | number[][], number | null][] = [
      ['l1(0.5) of [1, -2]', () => l1Regularizer(0.5), [1, -2], 1.5],
      [
        'l1(0.1) of a matrix',
        () => l1Regularizer(0.1),
        [
          [1, -2],
          [3, -4],
        ],
        1.0,
      ],
      ['l2(0.5) of [1, 2]', () => l2Regularizer(0.5), [1, 2], (0.5 * (1 + 4)) / 2],
      [
        'l2(2.0) of a matrix',
        () => l2Regularizer(2.0),
        [
          [1, 2],
          [3, 4],
        ],
        (2 * 30) / 2,
      ],
      ['l1_l2 defaults (1.0, 1.0)', () => l1L2Regularizer(), [1, -2], 3 + 5 / 2],
      ['l1_l2(0.5, 0.2)', () => l1L2Regularizer(0.5, 0.2), [1, -2], 0.5 * 3 + (0.2 * 5) / 2],
      ['l1_l2 with scale_l1 0 is l2', () => l1L2Regularizer(0, 0.2), [1, -2], (0.2 * 5) / 2],
      ['l1_l2 with scale_l2 0 is l1', () => l1L2Regularizer(0.5, 0), [1, -2], 1.5],
      ['l1_l2 with both 0', () => l1L2Regularizer(0, 0), [1, -2], null],
      ['l1(0) disabled', () => l1Regularizer(0), [1, 2], null],
      ['l2(0) disabled', () => l2Regularizer(0), [1, 2], null],
      [
        'sum of l1 and l2',
        () => sumRegularizer([l1Regularizer(1.0), l2Regularizer(1.0)]) as Regularizer,
        [3],
        3 + 9 / 2,
      ],
      [
        'sum drops null entries and null results',
        () =>
          sumRegularizer([null, l2Regularizer(0), undefined, l1Regularizer(2.0)]) as Regularizer,
        [-1, 1],
        4,
      ],
      [
        'sum of only disabled regularizers',
        () => sumRegularizer([l1Regularizer(0), noRegularizer]) as Regularizer,
        [1],
        null,
      ],
      ['no_regularizer', () => noRegularizer, [1, 2], null],
      ['a plain function', () => fromFunction((w) => tf.max(w)), [1, 5, 2], 5],
      ['a plain function returning null', () => fromFunction(() => null), [1], null],
    ];
    for (const [name, make, weights, expected] of cases) {
      it(name, () => {
        const got = loss(make(), weights);
        if (expected === null) assert.equal(got, null);
        else near(got, expected);
      });
    }
  });

  describe('op names', () => {
    const cases: [string, () => Regularizer, string][] = [
      ['l1', () => l1Regularizer(0.1), 'l1_regularizer'],
      ['l2', () => l2Regularizer(0.1), 'l2_regularizer'],
      ['l1 with scope', () => l1Regularizer(0.1, 'my_reg'), 'my_reg'],
      ['l1_l2 (a sum under the l1_l2 scope)', () => l1L2Regularizer(), 'l1_l2_regularizer'],
      ['l1_l2 reduced to l2', () => l1L2Regularizer(0, 1.0), 'l1_l2_regularizer'],
      ['l1_l2 reduced to l1', () => l1L2Regularizer(1.0, 0), 'l1_l2_regularizer'],
      ['l1_l2 with scope', () => l1L2Regularizer(1.0, 1.0, 'x'), 'x'],
      ['sum', () => sumRegularizer([l2Regularizer(1.0)]) as Regularizer, 'sum_regularizer'],
      ['sum with scope', () => sumRegularizer([l2Regularizer(1.0)], 's') as Regularizer, 's'],
      ['no_regularizer', () => noRegularizer, 'no_regularizer'],
      ['function', () => fromFunction(() => null), 'Regularizer'],
      ['function with a name', () => fromFunction(() => null, 'L2Loss'), 'L2Loss'],
    ];
    for (const [name, make, opName] of cases) {
      it(`${name} → ${opName}`, () => assert.equal(make().opName, opName));
    }
  });

  it('sumRegularizer of nothing is null (TF returns None)', () => {
    assert.equal(sumRegularizer([]), null);
    assert.equal(sumRegularizer([null, undefined]), null);
  });

  describe('argument validation', () => {
    const errors: [string, () => unknown, typeof ValueError | typeof TFTypeError, string][] = [
      [
        'l1 integer scale',
        () => l1Regularizer(pyInt(2)),
        ValueError,
        'scale cannot be an integer: 2',
      ],
      [
        'l2 integer scale',
        () => l2Regularizer(pyInt(0)),
        ValueError,
        'scale cannot be an integer: 0',
      ],
      [
        'l1 negative scale',
        () => l1Regularizer(-1),
        ValueError,
        'Setting a scale less than 0 on a regularizer: -1',
      ],
      [
        'l2 negative scale (with a period)',
        () => l2Regularizer(-1),
        ValueError,
        'Setting a scale less than 0 on a regularizer: -1.',
      ],
      [
        '%g formatting',
        () => l1Regularizer(-0.0000123),
        ValueError,
        'Setting a scale less than 0 on a regularizer: -1.23e-05',
      ],
      [
        '%g rounding',
        () => l2Regularizer(-1234567.0),
        ValueError,
        'Setting a scale less than 0 on a regularizer: -1.23457e+06.',
      ],
      [
        'l1_l2 integer scale_l1',
        () => l1L2Regularizer(pyInt(1), 1.0),
        ValueError,
        'scale_l1 cannot be an integer: 1',
      ],
      [
        'l1_l2 integer scale_l2',
        () => l1L2Regularizer(1.0, pyInt(3)),
        ValueError,
        'scale_l2 cannot be an integer: 3',
      ],
      [
        'l1_l2 negative scale_l1',
        () => l1L2Regularizer(-0.5, 1.0),
        ValueError,
        'Setting a scale less than 0 on a regularizer: -0.5',
      ],
      [
        'l1_l2 negative scale_l2',
        () => l1L2Regularizer(1.0, -2.5),
        ValueError,
        'Setting a scale less than 0 on a regularizer: -2.5.',
      ],
      [
        'l1_l2 scale_l1 0, negative scale_l2',
        () => l1L2Regularizer(0, -1),
        ValueError,
        'Setting a scale less than 0 on a regularizer: -1.',
      ],
    ];
    for (const [name, fn, cls, message] of errors) {
      it(`rejects: ${name}`, () => throwsTF(fn, cls, message));
    }

    it('a float scale cannot convert to integer weights', () => {
      const w = tf.tensor([1, 2], [2], 'int32');
      throwsTF(
        () => l2Regularizer(0.5).apply(w),
        TFTypeError,
        "Expected int32, got 0.5 of type 'float' instead.",
      );
      throwsTF(
        () => l1Regularizer(1.0).apply(w),
        TFTypeError,
        "Expected int32, got 1.0 of type 'float' instead.",
      );
      w.dispose();
    });
  });

  describe('tensor hygiene: only the loss survives', () => {
    const regs: [string, () => Regularizer][] = [
      ['l1', () => l1Regularizer(0.5)],
      ['l2', () => l2Regularizer(0.5)],
      ['l1_l2', () => l1L2Regularizer(0.5, 0.5)],
      [
        'sum of three',
        () =>
          sumRegularizer([
            l1Regularizer(1.0),
            l2Regularizer(1.0),
            l1Regularizer(2.0),
          ]) as Regularizer,
      ],
      ['sum of one', () => sumRegularizer([l2Regularizer(1.0), l2Regularizer(0)]) as Regularizer],
      ['function', () => fromFunction((w) => tf.sum(tf.mul(tf.square(w), 3)))],
    ];
    for (const [name, make] of regs) {
      it(name, () => {
        const reg = make();
        const w = tf.tensor([
          [1, -2],
          [3, 4],
        ]);
        const before = tf.memory().numTensors;
        const out = reg.apply(w);
        assert.ok(out !== null);
        assert.equal(tf.memory().numTensors, before + 1);
        out.dispose();
        assert.equal(tf.memory().numTensors, before);
        w.dispose();
      });
    }

    it('null results leave nothing behind', () => {
      const w = tf.tensor([1, 2]);
      const before = tf.memory().numTensors;
      assert.equal((sumRegularizer([l1Regularizer(0)]) as Regularizer).apply(w), null);
      assert.equal(fromFunction((x) => (tf.sum(x), null)).apply(w), null);
      assert.equal(tf.memory().numTensors, before);
      w.dispose();
    });
  });

  describe("formatG (Python '%g')", () => {
    const table: [number, string][] = [
      [-1, '-1'],
      [0, '0'],
      [0.5, '0.5'],
      [-2.5, '-2.5'],
      [0.0001, '0.0001'],
      [0.00001, '1e-05'],
      [123456, '123456'],
      [1234567, '1.23457e+06'],
      [1 / 3, '0.333333'],
      [100, '100'],
      [1e100, '1e+100'],
      [-Infinity, '-inf'],
    ];
    for (const [x, text] of table) {
      it(`${x} → ${text}`, () => assert.equal(formatG(x), text));
    }
  });
});
