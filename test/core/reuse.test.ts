import { strict as assert } from 'node:assert';
import {
  AUTO_REUSE,
  normalizeReuseArg,
  Reuse,
  ReuseArg,
  reuseForNamedScope,
  reuseForScopeObject,
} from '../../src/core/reuse';

const A = AUTO_REUSE;
// [requested, parent or captured reuse, entered by name, entered by scope object]
const TABLE: Array<[ReuseArg, Reuse, Reuse, Reuse]> = [
  [null, false, false, false],
  [null, true, true, true],
  [null, A, A, A],
  [true, false, true, true],
  [true, A, true, true], // reuse=True inside AUTO_REUSE is True (case 022)
  [A, true, A, A], // a nested AUTO_REUSE relaxes True
  [A, false, A, A],
];

describe('core/reuse: how reuse combines', () => {
  for (const [requested, outer, byName, byObject] of TABLE) {
    it(`requested ${String(requested)} under ${String(outer)}`, () => {
      assert.equal(reuseForNamedScope(requested, outer), byName);
      assert.equal(reuseForScopeObject(requested, outer), byObject);
    });
  }

  it('reuse=False is "inherit": it never switches reuse off', () => {
    assert.equal(normalizeReuseArg(false), null);
    assert.equal(reuseForNamedScope(normalizeReuseArg(false) as ReuseArg, true), true);
  });

  it("rejects anything but True, False, None and AUTO_REUSE with TF's message", () => {
    for (const bad of ['yes', 1, 0, {}]) {
      const r = normalizeReuseArg(bad);
      assert.ok(r && typeof r === 'object' && 'code' in r);
      assert.equal(r.message, 'The reuse parameter must be True or False or None.');
    }
  });
});
