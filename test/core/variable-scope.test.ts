import { strict as assert } from 'node:assert';
import { NameRegistry } from '../../src/core/names';
import { ScopeMachine, ScopeSlots, VariableScope } from '../../src/core/variable-scope';
import { AUTO_REUSE } from '../../src/core/reuse';
import { DTypes } from '../../src/core/dtypes';
import { TypeError as TFTypeError, ValueError } from '../../src/core/errors';

type Getter = (tag: string) => string;
interface Slots extends ScopeSlots {
  customGetter: Getter;
}

function machine() {
  const names = new NameRegistry();
  const scopes = new ScopeMachine<Slots>(names, (inner, outer) => (t) => inner(outer(t)));
  return { names, scopes };
}

describe('core/variable-scope: names, name scopes and counters', () => {
  it('nested names join with "/"; the root is ""', () => {
    const { scopes } = machine();
    assert.equal(scopes.current.name, '');
    scopes.run({ nameOrScope: 'foo' }, () =>
      scopes.run({ nameOrScope: 'bar' }, (s) => {
        assert.equal(s.name, 'foo/bar');
        assert.equal(s.originalNameScope, 'foo/bar/');
      }),
    );
    assert.equal(scopes.current, scopes.root);
  });

  it('string re-entry opens a uniquified name scope; the variable scope name stays', () => {
    const { scopes, names } = machine();
    scopes.run({ nameOrScope: 'tower' }, () => undefined);
    scopes.run({ nameOrScope: 'tower' }, (s) => {
      assert.equal(s.name, 'tower');
      assert.equal(s.originalNameScope, 'tower_1/');
      assert.equal(names.currentScope, 'tower_1');
    });
  });

  it('object re-entry nests the last name component in the current name scope', () => {
    const { scopes, names } = machine();
    const outer = scopes.run({ nameOrScope: 'outer' }, (s) => {
      scopes.run({ nameOrScope: s }, (again) => {
        assert.equal(names.currentScope, 'outer/outer');
        assert.equal(again.originalNameScope, 'outer/'); // kept from the captured scope
      });
      return s;
    });
    scopes.run({ nameOrScope: outer }, () => assert.equal(names.currentScope, 'outer_1'));
  });

  it('re-entering the root scope object opens no name scope', () => {
    const { scopes, names } = machine();
    names.withNameScope('ns3', () => {
      scopes.run({ nameOrScope: scopes.root }, (s) => {
        assert.equal(s.name, '');
        assert.equal(names.currentScope, 'ns3');
      });
    });
  });

  it('default_name counters: unique per parent, reset when the parent string scope exits', () => {
    const { scopes } = machine();
    const got: string[] = [];
    const vs = scopes.run({ nameOrScope: 'foo' }, (foo) => {
      scopes.run({ nameOrScope: null, defaultName: 'bar' }, (s) => got.push(s.name));
      scopes.run({ nameOrScope: null, defaultName: 'bar' }, (s) => got.push(s.name));
      return foo;
    });
    scopes.run({ nameOrScope: vs }, () =>
      scopes.run({ nameOrScope: null, defaultName: 'bar' }, (s) => got.push(s.name)),
    );
    scopes.run({ nameOrScope: 'foo' }, () =>
      scopes.run({ nameOrScope: null, defaultName: 'bar' }, (s) => got.push(s.name)),
    );
    assert.deepEqual(got, ['foo/bar', 'foo/bar_1', 'foo/bar', 'foo/bar']);
  });

  it('every entered scope counts: a named "layer" makes the default "layer" become "layer_1"', () => {
    const { scopes } = machine();
    scopes.run({ nameOrScope: 'layer' }, () => undefined);
    scopes.run({ nameOrScope: null, defaultName: 'layer' }, (s) => assert.equal(s.name, 'layer_1'));
  });

  it('a default-named variable scope and its name scope are uniquified independently', () => {
    const { scopes, names } = machine();
    names.withNameScope('s', () => undefined);
    scopes.run({ nameOrScope: null, defaultName: 's' }, (s) => {
      assert.equal(s.name, 's');
      assert.equal(s.originalNameScope, 's_1/');
    });
  });

  it('auxiliary_name_scope=False keeps the enclosing name scope', () => {
    const { scopes, names } = machine();
    scopes.run({ nameOrScope: 'scope', auxiliaryNameScope: false }, (s) => {
      assert.equal(s.originalNameScope, '');
      assert.equal(names.currentScope, '');
    });
    scopes.run({ nameOrScope: 'outer' }, () =>
      scopes.run({ nameOrScope: 'inner', auxiliaryNameScope: false }, (s) => {
        assert.equal(s.name, 'outer/inner');
        assert.equal(s.originalNameScope, 'outer/');
        assert.equal(names.currentScope, 'outer');
      }),
    );
  });

  it('reuse is inherited by name, taken from the captured object on re-entry', () => {
    const { scopes } = machine();
    const a = scopes.run({ nameOrScope: 'a' }, (s) => s);
    scopes.run({ nameOrScope: 'b', reuse: true }, () => {
      scopes.run({ nameOrScope: 'c' }, (s) => assert.equal(s.reuse, true));
      scopes.run({ nameOrScope: a }, (s) => assert.equal(s.reuse, false));
      scopes.run({ nameOrScope: 'd', reuse: AUTO_REUSE }, (s) => assert.equal(s.reuse, AUTO_REUSE));
    });
  });

  it('reuse_variables() changes only that object, the root one for good', () => {
    const { scopes } = machine();
    scopes.run({ nameOrScope: 'foo' }, (s) => {
      s.reuseVariables();
      assert.equal(scopes.current.reuse, true);
    });
    assert.equal(scopes.current.reuse, false);
    scopes.root.reuseVariables();
    scopes.run({ nameOrScope: 'later' }, (s) => assert.equal(s.reuse, true));
  });

  it('defaults are inherited by name, kept by object, overridden by arguments', () => {
    const { scopes } = machine();
    const a = scopes.run(
      { nameOrScope: 'a', initializer: 'init-a', dtype: DTypes.float64 },
      (s) => {
        scopes.run({ nameOrScope: 'b' }, (b) => {
          assert.equal(b.initializer, 'init-a');
          assert.equal(b.dtype, DTypes.float64);
        });
        scopes.run({ nameOrScope: 'c', initializer: 'init-c' }, (c) =>
          assert.equal(c.initializer, 'init-c'),
        );
        return s;
      },
    );
    scopes.run({ nameOrScope: 'a' }, (s) => assert.equal(s.initializer, null));
    scopes.run({ nameOrScope: a }, (s) => assert.equal(s.initializer, 'init-a'));
  });

  it('custom getters compose, the innermost running first', () => {
    const { scopes } = machine();
    scopes.run({ nameOrScope: 'a', customGetter: (t) => `${t}_o` }, () =>
      scopes.run({ nameOrScope: 'b', customGetter: (t) => `${t}_i` }, (s) => {
        assert.equal((s.customGetter as Getter)('v'), 'v_o_i');
      }),
    );
  });

  const ARG_ERRORS: Array<[string, () => void, new (...a: never[]) => Error, string]> = [
    [
      'no name and no default',
      () => machine().scopes.enter({ nameOrScope: null }),
      TFTypeError,
      'If default_name is None then name_or_scope is required',
    ],
    [
      'bad reuse',
      () => machine().scopes.enter({ nameOrScope: 'x', reuse: 'yes' as never }),
      ValueError,
      'The reuse parameter must be True or False or None.',
    ],
    [
      'name of the wrong type',
      () => machine().scopes.enter({ nameOrScope: 3 as never }),
      TFTypeError,
      'VariableScope: name_or_scope must be a string or VariableScope.',
    ],
    [
      'bad auxiliary_name_scope',
      () => machine().scopes.enter({ nameOrScope: 'y', auxiliaryNameScope: 'invalid' as never }),
      TFTypeError,
      'The auxiliary_name_scope must be `True` or `False`, while get invalid',
    ],
    [
      'reuse with a default name',
      () => machine().scopes.enter({ nameOrScope: null, defaultName: 'd', reuse: true }),
      ValueError,
      'reuse=True cannot be used without a name_or_scope',
    ],
  ];
  for (const [title, fn, cls, message] of ARG_ERRORS) {
    it(`argument error: ${title}`, () => {
      assert.throws(fn, (e: unknown) => e instanceof cls && (e as Error).message === message);
    });
  }

  it('a failed enter leaves no name scope or variable scope behind', () => {
    const { scopes, names } = machine();
    assert.throws(() => scopes.enter({ nameOrScope: null, defaultName: 'd', reuse: true }));
    assert.equal(names.currentScope, '');
    assert.equal(scopes.current, scopes.root);
  });

  it('improper nesting is detected', () => {
    const { scopes } = machine();
    const outer = scopes.enter({ nameOrScope: 'a' });
    scopes.enter({ nameOrScope: 'b' });
    assert.throws(() => scopes.exit(outer), /Improper nesting of variable_scope/);
  });

  it('VariableScope objects are what `instanceof` sees', () => {
    const { scopes } = machine();
    assert.ok(scopes.root instanceof VariableScope);
  });
});
