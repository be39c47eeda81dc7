/**
 * Shared test fixture for engine tests: a fresh default graph per test, and a check that every
 * tensor the test's graph made is disposed by `resetDefaultGraph()`.
 */
import { strict as assert } from 'node:assert';
import * as tf from '@tensorflow/tfjs-core';
import { resetDefaultGraph } from '../../src/index';

export function useFreshGraph(): void {
  let baseline = 0;
  beforeEach(() => {
    resetDefaultGraph();
    baseline = tf.memory().numTensors;
  });
  afterEach(() => {
    resetDefaultGraph();
    assert.equal(tf.memory().numTensors, baseline, 'tensors leaked past resetDefaultGraph()');
  });
}

export { catchError, firstLineOf } from '../support';
