import { strict as assert } from 'node:assert';
import {
  AbstractShape,
  formatShape,
  isFullyDefined,
  mergeShapes,
  shapesCompatible,
  UNKNOWN,
} from '../../src/core/shape';
import { Tri } from '../../src/core/tri';

describe('core/shape: TF1 TensorShape', () => {
  const PRINTED: Array<[AbstractShape, string]> = [
    [null, '<unknown>'],
    [[], '()'],
    [[5], '(5,)'],
    [[null], '(?,)'],
    [[2, null], '(2, ?)'],
    [[10, 43], '(10, 43)'],
    [[3, 3, 32, 64], '(3, 3, 32, 64)'],
  ];
  for (const [shape, text] of PRINTED) {
    it(`prints ${JSON.stringify(shape)} as ${text}`, () => assert.equal(formatShape(shape), text));
  }

  // [a, b, compatible]; UNKNOWN is the analyzer's "not known statically".
  const COMPATIBLE: Array<[AbstractShape, AbstractShape, Tri]> = [
    [[1], [1], true],
    [[1], [2], false],
    [[1], [1, 1], false],
    [null, [4, 5], true],
    [[null, 3], [7, 3], true],
    [[null, 3], [7, 4], false],
    [[UNKNOWN], [1], 'maybe'],
    [[UNKNOWN, 3], [1, 4], false],
    [UNKNOWN, [1], 'maybe'],
    [UNKNOWN, null, true],
  ];
  for (const [a, b, expected] of COMPATIBLE) {
    it(`${formatShape(a)} vs ${formatShape(b)}: ${String(expected)}`, () => {
      assert.equal(shapesCompatible(a, b), expected);
      assert.equal(shapesCompatible(b, a), expected);
    });
  }

  it("fully defined: known dims only; unknown rank or dims are not; the analyzer's UNKNOWN is maybe", () => {
    assert.equal(isFullyDefined([2, 3]), true);
    assert.equal(isFullyDefined([]), true);
    assert.equal(isFullyDefined([2, null]), false);
    assert.equal(isFullyDefined(null), false);
    assert.equal(isFullyDefined([2, UNKNOWN]), 'maybe');
    assert.equal(isFullyDefined([null, UNKNOWN]), false);
  });

  it('merge fills unknown dimensions and rejects incompatible shapes', () => {
    assert.deepEqual(mergeShapes([null, 3], [2, null]), [2, 3]);
    assert.deepEqual(mergeShapes(null, [4]), [4]);
    assert.throws(() => mergeShapes([1], [2]), /Shapes \(1,\) and \(2,\) are not compatible/);
  });
});
