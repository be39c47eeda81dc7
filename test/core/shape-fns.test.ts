/**
 * The core's shape functions (src/core/shape-fns.ts) against the shape table recorded from real
 * TensorFlow's shape functions by scripts/oracle/ops/record.py (test/core/op-shapes.json): every
 * output shape, and for invalid inputs TF's message (the table holds TF 1.15's full text; the core
 * function's message is its part before the op is named). Then the analyzer's contract: `UNKNOWN`
 * stays unknown and errors never escape `inferShapes`.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  Attrs,
  inferShapes,
  SHAPE_FNS,
  ShapeError,
  shapeErrorMessage,
} from '../../src/core/shape-fns';
import { AbstractShape, UNKNOWN } from '../../src/core/shape';
import { projectRoot } from '../support';

interface Case {
  fn: string;
  op: string;
  inputs: unknown[];
  attrs: Attrs;
  outputs?: { shape: (number | null)[] | null; dtype: string }[];
  error?: string;
}

const table = JSON.parse(
  fs.readFileSync(path.join(projectRoot(), 'test', 'core', 'op-shapes.json'), 'utf8'),
) as { cases: Case[] };

/** An input of the table: a shape, or [dtype, shape]. */
function inputShape(x: unknown): AbstractShape {
  if (Array.isArray(x) && typeof x[0] === 'string') return x[1] as AbstractShape;
  return x as AbstractShape;
}

function label(c: Case): string {
  return `${c.fn} ${JSON.stringify(c.inputs)} ${JSON.stringify(c.attrs)}`;
}

describe('core/shape-fns: TF 1.15 shape functions against the recorded table', () => {
  it('has a case for every shape function the table names, and errors among them', () => {
    assert.ok(table.cases.length >= 100);
    assert.ok(table.cases.filter((c) => c.error).length >= 12);
    for (const c of table.cases) assert.ok(SHAPE_FNS[c.fn], `no shape function ${c.fn}`);
  });

  for (const c of table.cases) {
    it(label(c), () => {
      const fn = SHAPE_FNS[c.fn];
      const inputs = c.inputs.map(inputShape);
      if (c.error !== undefined) {
        assert.throws(
          () => fn(inputs, c.attrs),
          (e: unknown) => {
            assert.ok(e instanceof ShapeError, String(e));
            assert.ok(
              c.error!.startsWith(`${e.message} for '`),
              `core: ${JSON.stringify(e.message)}\nTF:   ${JSON.stringify(c.error)}`,
            );
            return true;
          },
        );
        return;
      }
      const out = fn(inputs, c.attrs);
      assert.deepEqual(
        out,
        c.outputs!.map((o) => o.shape),
      );
    });
  }

  it('prints the error as TF 1.15 does, with the op and its input shapes', () => {
    const c = table.cases.find((x) => x.fn === 'matmul' && x.error)!;
    let message = '';
    try {
      SHAPE_FNS.matmul(c.inputs.map(inputShape), c.attrs);
    } catch (e) {
      message = (e as Error).message;
    }
    assert.equal(
      shapeErrorMessage(message, 'MatMul', 'MatMul', ['[2,3]', '[4,5]']),
      "Dimensions must be equal, but are 3 and 4 for 'MatMul' (op: 'MatMul') with input shapes: [2,3], [4,5].",
    );
    assert.equal(c.error, shapeErrorMessage(message, 'MatMul', 'MatMul', ['[2,3]', '[4,5]']));
  });
});

describe('core/shape-fns: what the analyzer does not know stays unknown', () => {
  const U: typeof UNKNOWN = UNKNOWN;
  it('propagates UNKNOWN dimensions and shapes, never a guess', () => {
    assert.deepEqual(
      SHAPE_FNS.broadcast(
        [
          [U, 3],
          [2, 1],
        ],
        {},
      ),
      [[2, 3]],
    );
    assert.deepEqual(SHAPE_FNS.broadcast([[U], [null]], {}), [[U]]);
    assert.deepEqual(SHAPE_FNS.broadcast([U, [3]], {}), [U]);
    assert.deepEqual(
      SHAPE_FNS.matmul(
        [
          [2, U],
          [U, 4],
        ],
        {},
      ),
      [[2, 4]],
    );
    assert.deepEqual(SHAPE_FNS.matmul([U, [3, 4]], {}), [U]);
    assert.deepEqual(SHAPE_FNS.reduce([[2, 3]], { axis: U }), [U]);
    assert.deepEqual(SHAPE_FNS.reshape([[U, 3]], { shape: [-1, 3] }), [[U, 3]]);
    assert.deepEqual(SHAPE_FNS.reshape([[2, 3]], { shape: [U, -1] }), [[U, U]]);
    assert.deepEqual(
      SHAPE_FNS.concat(
        [
          [2, 3],
          [U, 3],
        ],
        { axis: 0 },
      ),
      [[U, 3]],
    );
    assert.deepEqual(
      SHAPE_FNS.conv2d([[1, 8, 8, 3], U], { strides: [1, 1, 1, 1], padding: 'SAME' }),
      [[1, 8, 8, U]],
    );
    assert.deepEqual(SHAPE_FNS.tile([[2, 3]], { multiples: U }), [[U, U]]);
    // A shape not computed keeps its dimensions UNKNOWN where an attribute fixes the rank (a
    // padded input's channels feed a convolution, which TF's unknown `?` would make raise).
    const rows = [
      [0, 0],
      [3, 3],
      [3, 3],
      [0, 0],
    ];
    assert.deepEqual(SHAPE_FNS.pad([U], { paddings: rows }), [[U, U, U, U]]);
    assert.deepEqual(SHAPE_FNS.pad([null], { paddings: rows }), [[null, null, null, null]]);
    assert.deepEqual(SHAPE_FNS.tile([U], { multiples: [1, 2] }), [[U, U]]);
    assert.deepEqual(SHAPE_FNS.slice([U], { begin: [0, 1], size: [2, -1] }), [[2, U]]);
  });

  it('inferShapes never throws: TF-rejected inputs give UNKNOWN for each output', () => {
    assert.deepEqual(
      inferShapes(
        'matmul',
        [
          [2, 3],
          [4, 5],
        ],
        {},
      ),
      [U],
    );
    assert.deepEqual(inferShapes('top_k', [[4, 2]], { k: 3 }, 2), [U, U]);
    assert.deepEqual(inferShapes('no such function', [[2]], {}), [U]);
  });
});
