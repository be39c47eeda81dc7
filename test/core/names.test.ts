import { strict as assert } from 'node:assert';
import { NameRegistry } from '../../src/core/names';
import { ValueError } from '../../src/core/errors';

// Each row: a sequence of operations on one graph and the names TF 1.15 hands out
// (ops.py::Graph.unique_name / Graph.name_scope).
type Op = ['op', string] | ['enter', string | null] | ['exit'];
const CASES: Array<{ title: string; ops: Op[]; expect: string[] }> = [
  {
    title: 'first use keeps the name, later ones count up',
    ops: [
      ['op', 'c'],
      ['op', 'c'],
      ['op', 'c'],
    ],
    expect: ['c', 'c_1', 'c_2'],
  },
  {
    title: 'case-insensitive, original capitalisation kept',
    ops: [
      ['op', 'v'],
      ['op', 'V'],
    ],
    expect: ['v', 'V_1'],
  },
  {
    title: 'skips composed names already used',
    ops: [
      ['op', 'a_1'],
      ['op', 'a'],
      ['op', 'a'],
    ],
    expect: ['a_1', 'a', 'a_2'],
  },
  {
    title: 'name scope prefixes and uniquifies',
    ops: [['enter', 'ns'], ['op', 'c'], ['exit'], ['enter', 'ns'], ['op', 'c'], ['exit']],
    expect: ['ns/', 'ns/c', 'ns_1/', 'ns_1/c'],
  },
  {
    title: 'trailing slash re-enters as is',
    ops: [['enter', 'ns'], ['exit'], ['enter', 'ns/'], ['op', 'c'], ['exit']],
    expect: ['ns/', 'ns/', 'ns/c'],
  },
  {
    title: 'null and empty reset to the root',
    ops: [
      ['enter', 'a'],
      ['enter', null],
      ['op', 'c'],
      ['exit'],
      ['enter', ''],
      ['op', 'c'],
      ['exit'],
      ['exit'],
    ],
    expect: ['a/', '', 'c', '', 'c_1'],
  },
  {
    title: 'nested scopes compose',
    ops: [['enter', 'a'], ['enter', 'b'], ['op', 'c'], ['exit'], ['exit']],
    expect: ['a/', 'a/b/', 'a/b/c'],
  },
];

describe('core/names: Graph.unique_name and name_scope', () => {
  for (const c of CASES) {
    it(c.title, () => {
      const names = new NameRegistry();
      const restores: string[] = [];
      const got: string[] = [];
      for (const op of c.ops) {
        if (op[0] === 'op') got.push(names.uniqueName(op[1]));
        else if (op[0] === 'enter') {
          const { scope, restore } = names.enterNameScope(op[1]);
          restores.push(restore);
          got.push(scope);
        } else names.exitNameScope(restores.pop() as string);
      }
      assert.deepEqual(got, c.expect);
    });
  }

  const INVALID: Array<[string, boolean, string]> = [
    ['_', false, "'_' is not a valid scope name"],
    ['-a', false, "'-a' is not a valid scope name"],
    ['a b', false, "'a b' is not a valid scope name"],
    ['a b', true, "'a b' is not a valid scope name"],
  ];
  for (const [name, nested, message] of INVALID) {
    it(`rejects ${JSON.stringify(name)} ${nested ? 'nested' : 'at the root'}`, () => {
      const names = new NameRegistry();
      if (nested) names.enterNameScope('outer');
      assert.throws(
        () => names.enterNameScope(name),
        (e: unknown) => e instanceof ValueError && e.message === message,
      );
    });
  }

  it('the ops TF creates under a variable count as used', () => {
    const names = new NameRegistry();
    assert.equal(names.uniqueVariableName('s/v'), 's/v');
    assert.equal(names.uniqueName('s/v/read'), 's/v/read_1');
    assert.equal(names.uniqueName('s/V/Assign'), 's/V/Assign_1');
    assert.equal(
      names.uniqueName('s/v/Initializer/random_uniform'),
      's/v/Initializer/random_uniform_1',
    );
    assert.equal(names.uniqueName('s/v/other'), 's/v/other');
    assert.equal(names.uniqueVariableName('s/v'), 's/v_1');
    assert.equal(names.uniqueName('s/v_1/read'), 's/v_1/read_1');
  });

  it('a variable name ending in / is taken as is (slots: get_variable in scope w/Adam)', () => {
    const names = new NameRegistry();
    names.enterNameScope('ignored');
    assert.equal(names.uniqueVariableName('w/Adam/'), 'w/Adam');
    assert.equal(names.uniqueVariableName('w/Adam/'), 'w/Adam');
    names.exitNameScope('');
    assert.equal(names.uniqueName('w/Adam/read'), 'w/Adam/read_1');
  });

  it('accepts a leading underscore when nested', () => {
    const names = new NameRegistry();
    names.enterNameScope('outer');
    assert.equal(names.enterNameScope('_x').scope, 'outer/_x/');
  });
});
