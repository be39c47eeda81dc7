/**
 * NumPy arrays in the analyzer (interpreter/numpy.ts): variables made from them get the array's
 * shape and dtype. The expectation is what TensorFlow printed for the fixture's program
 * (`v.name, v.shape, v.dtype` of every global variable); the runtime's output is the same (the
 * fixture is `differential`).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzePython } from '../../src/analyzer/analyze';
import { projectRoot } from '../support';

const FIXTURE = path.join(
  projectRoot(),
  'test',
  'analyzer',
  'fixtures',
  'cases',
  'numpy_arrays.py',
);

/** TensorFlow's output, recorded with the real package (TF 2.21 in compat.v1 graph mode). */
const TF = [
  'a:0 (3,) float64_ref',
  'Variable:0 (2, 4) float32_ref',
  'Variable_1:0 (5, 6) float64_ref',
  'emb:0 (100, 16) float32_ref',
  'm:0 (3, 3) float32_ref',
  'Variable_2:0 (7, 2) float32_ref',
  'Variable_3:0 (2, 2) int64_ref',
  'Variable_4:0 (6,) float32_ref',
  'Variable_5:0 (4, 3) int64_ref',
  'fc/w:0 (16, 8) float32_ref',
  'fc/b:0 (8,) float32_ref',
  'fc/out:0 (8, 2) float32_ref',
];

describe('analyzer: NumPy arrays', () => {
  it("variables made from arrays have TF's shapes and dtypes", () => {
    const a = analyzePython(fs.readFileSync(FIXTURE, 'utf8'), { path: FIXTURE });
    assert.deepEqual(
      a.variables.map((v) => `${v.name} ${v.shape} ${v.dtype}`),
      TF,
    );
    assert.ok(a.variables.every((v) => v.certain));
  });

  it('type promotion: a Python scalar keeps an array of its kind; `/` of ints is float64', () => {
    const a = analyzePython(
      [
        'import numpy as np',
        'import tensorflow as tf',
        'a = tf.Variable(np.ones([2], np.float32) * 2)',
        'b = tf.Variable(np.arange(4) / 2)',
        'c = tf.Variable(np.arange(4) * 2.5)',
        'd = tf.Variable(np.zeros([2, 1], np.float32) + np.zeros([3], np.float32))',
        'e = tf.Variable(np.arange(3) + np.ones(3, np.float32))',
        '',
      ].join('\n'),
    );
    assert.deepEqual(
      a.variables.map((v) => `${v.name} ${v.shape} ${v.dtype}`),
      [
        'Variable:0 (2,) float32_ref',
        'Variable_1:0 (4,) float64_ref',
        'Variable_2:0 (4,) float64_ref',
        'Variable_3:0 (2, 3) float32_ref',
        'Variable_4:0 (3,) float64_ref',
      ],
    );
  });
});
