/**
 * Dicts keyed by variables, as an optimizer keeps its slots: past `INDEXED_FROM` entries a
 * lookup by variable goes through an index (interpreter.ts, `entryIndex`). Each program here
 * runs with a dict large enough for the index and with one too small for it, and what the
 * lookups found (spelled into variable names) must be the same, and Python's.
 */
import { strict as assert } from 'node:assert';
import { analyzePython } from '../../src/analyzer/analyze';

/** The program's variables' names that start with `probe/`. */
function probes(source: string): string[] {
  const a = analyzePython(source);
  assert.equal(a.complete, true);
  return a.variables.map((v) => v.name).filter((n) => n.startsWith('probe/'));
}

/** A program making `n` variables, a dict from each to its index, then `body`. */
function program(n: number, body: string): string {
  return `import tensorflow as tf

vs = [tf.get_variable("v%d" % i, [2]) for i in range(${n})]
other = tf.get_variable("other", [2])
d = {v: "k%d" % i for i, v in enumerate(vs)}
with tf.variable_scope("probe"):
${body
  .trim()
  .split('\n')
  .map((l) => `    ${l}`)
  .join('\n')}
`;
}

describe('dicts keyed by variables', () => {
  for (const n of [40, 6]) {
    describe(`with ${n} entries (${n >= 16 ? 'indexed' : 'searched in order'})`, () => {
      it('finds each variable by subscript, get, in and setdefault', () => {
        const names = probes(
          program(
            n,
            `
tf.get_variable(d[vs[0]], [1])
tf.get_variable(d[vs[-1]], [1])
tf.get_variable(d.get(vs[3], "missing"), [1])
tf.get_variable(d.get(other, "missing"), [1])
tf.get_variable("has_first" if vs[0] in d else "lacks_first", [1])
tf.get_variable("has_other" if other in d else "lacks_other", [1])
tf.get_variable(d.setdefault(vs[2], "new"), [1])
tf.get_variable(d.setdefault(other, "set_other"), [1])
tf.get_variable(d[other] + "_again", [1])
`,
          ),
        );
        assert.deepEqual(names, [
          'probe/k0:0',
          `probe/k${n - 1}:0`,
          'probe/k3:0',
          'probe/missing:0',
          'probe/has_first:0',
          'probe/lacks_other:0',
          'probe/k2:0',
          'probe/set_other:0',
          'probe/set_other_again:0',
        ]);
      });

      it('joins what a branch on something unknown wrote', () => {
        const names = probes(
          program(
            n,
            `
import sys
if len(sys.argv) > 1:
    d[vs[5]] = "changed"
    d[other] = "added"
tf.get_variable(d[vs[5]], [1])
tf.get_variable(d[vs[4]] + "_kept", [1])
tf.get_variable(d.get(vs[0], "none") + "_first", [1])
`,
          ),
        );
        assert.deepEqual(names, ['probe/{item}:0', 'probe/k4_kept:0', 'probe/k0_first:0']);
      });

      it('replaces a value in place and sees what pop removed and what came after', () => {
        const names = probes(
          program(
            n,
            `
d[vs[1]] = "replaced"
tf.get_variable(d[vs[1]], [1])
tf.get_variable(d.pop(vs[0]), [1])
tf.get_variable("has_first" if vs[0] in d else "lacks_first", [1])
tf.get_variable(d[vs[4]] + "_after_pop", [1])
d[vs[0]] = "back"
d["a_string"] = "str_key"
tf.get_variable(d[vs[0]], [1])
tf.get_variable(d["a_string"], [1])
tf.get_variable(d[vs[5]] + "_after_str", [1])
tf.get_variable("n%d" % len(d), [1])
`,
          ),
        );
        assert.deepEqual(names, [
          'probe/replaced:0',
          'probe/k0:0',
          'probe/lacks_first:0',
          'probe/k4_after_pop:0',
          'probe/back:0',
          'probe/str_key:0',
          'probe/k5_after_str:0',
          `probe/n${n + 1}:0`,
        ]);
      });
    });
  }

  it('gives an optimizer a slot per variable of a large model, each found again', () => {
    const vars = Array.from({ length: 60 }, (_, i) => `w${i}`);
    const source = `import tensorflow as tf

ws = [tf.get_variable(n, [3]) for n in ${JSON.stringify(vars)}]
loss = tf.add_n([tf.reduce_sum(w) for w in ws])
opt = tf.train.AdamOptimizer(0.01)
train = opt.minimize(loss)
again = opt.minimize(loss)
`;
    const a = analyzePython(source);
    assert.equal(a.complete, true);
    const names = new Set(a.variables.map((v) => v.name));
    for (const v of vars) {
      assert.ok(names.has(`${v}/Adam:0`), `${v}/Adam:0`);
      assert.ok(names.has(`${v}/Adam_1:0`), `${v}/Adam_1:0`);
      // The second minimize finds the slots the first made (get_slot): no third slot.
      assert.ok(!names.has(`${v}/Adam_2:0`), `${v}/Adam_2:0`);
    }
  });
});
