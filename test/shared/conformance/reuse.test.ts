/**
 * Conformance mirrors: creating, reusing and failing to reuse variables (the store's decision
 * table, `reuse=True`, `AUTO_REUSE`, `reuse_variables()`, scope-object re-entry, per-graph stores).
 * Each test re-states ../shared/conformance/NNN_name.py and compares with NNN_name.expected.
 */
import {
  AUTO_REUSE,
  getCollection,
  getVariable,
  getVariableScope,
  Graph,
  GraphKeys,
  initializers,
  ValueError,
  variable,
  variableScope,
  Variable,
  withGraph,
} from '../../../src/index';
import { formatShape } from '../../../src/core/shape';
import {
  describeConformance,
  exceptValueError,
  program,
  pyBool,
  pyRepr,
  pyReuse,
  single,
} from './harness';

describeConformance('conformance: reuse and the variable store', () => {
  program('001_seed_collection_shapes', () => {
    const out: string[] = [];
    const a = getVariable('a', { shape: [3, 3, 32, 64], initializer: initializers.randomNormal() });
    getVariable('b', { shape: [64], initializer: initializers.randomNormal() });
    const gv = getCollection(GraphKeys.GLOBAL_VARIABLES) as Variable[];
    for (const v of gv) {
      out.push(pyBool(v === a));
      out.push(formatShape(v.shape));
    }
    return out;
  });

  program('002_seed_reuse_fallback', () => {
    const out: string[] = [];
    const getScopeVariable = (scopeName: string, varName: string, shape?: number[]) =>
      variableScope(scopeName, (scope) => {
        try {
          return getVariable(varName, { shape });
        } catch (e) {
          if (!(e instanceof ValueError)) throw e;
          scope.reuseVariables();
          return getVariable(varName);
        }
      });
    const var1 = getScopeVariable('cur_scope', 'my_var', [100]);
    const var2 = getScopeVariable('cur_scope', 'my_var', [100]);
    out.push(pyBool(var1 === var2));
    out.push(var1.name);
    return out;
  });

  program('004_nested_scope_names', () => {
    const out: string[] = [];
    let v!: Variable;
    let w!: Variable;
    variableScope('foo', () => {
      variableScope('bar', () => {
        v = single(getVariable('v', { shape: [1] }));
        out.push(getVariableScope().name);
      });
      w = single(getVariable('w', { shape: [1] }));
    });
    out.push(v.name);
    out.push(w.name);
    out.push(pyRepr(getVariableScope().name));
    return out;
  });

  program('007_slash_in_names', () => {
    const out: string[] = [];
    const v = getVariable('a/b', { shape: [1] });
    out.push(v.name);
    const w = variableScope('a', { reuse: true }, () => getVariable('b', { shape: [1] }));
    out.push(pyBool(w === v));
    const [s, u] = variableScope(
      'x/y',
      (scope) => [scope, getVariable('u', { shape: [1] })] as const,
    );
    out.push(s.name);
    out.push(u.name);
    return out;
  });

  program('010_reuse_true_missing', () => {
    const out: string[] = [];
    exceptValueError(out, () =>
      variableScope('foo', { reuse: true }, () => getVariable('v', { shape: [1] })),
    );
    return out;
  });

  program('013_reuse_variables_method', () => {
    const out: string[] = [];
    let v!: Variable;
    let v1!: Variable;
    variableScope('foo', (scope) => {
      v = single(getVariable('v', { shape: [1] }));
      out.push(pyReuse(scope.reuse));
      scope.reuseVariables();
      out.push(pyReuse(scope.reuse));
      out.push(pyReuse(getVariableScope().reuse));
      v1 = single(getVariable('v', { shape: [1] }));
    });
    out.push(pyBool(v1 === v));
    out.push(pyReuse(getVariableScope().reuse));
    return out;
  });

  program('016_reuse_inherited_by_subscopes', () => {
    const out: string[] = [];
    const v = variableScope('a', () => variableScope('b', () => getVariable('v', { shape: [1] })));
    const v2 = variableScope('a', { reuse: true }, () =>
      variableScope('b', (b) => {
        out.push(pyReuse(b.reuse));
        return getVariable('v', { shape: [1] });
      }),
    );
    out.push(pyBool(v2 === v));
    out.push(v2.name);
    return out;
  });

  program('019_scope_object_ignores_outer_reuse', () => {
    const out: string[] = [];
    const aScope = variableScope('a', (scope) => {
      getVariable('v', { shape: [1] });
      return scope;
    });
    variableScope('b', { reuse: true }, () => {
      variableScope(aScope, (s) => {
        out.push(s.name);
        out.push(pyReuse(s.reuse));
        exceptValueError(out, () => getVariable('v', { shape: [1] }));
      });
    });
    return out;
  });

  program('022_reuse_true_inside_auto_reuse', () => {
    const out: string[] = [];
    variableScope('a', { reuse: AUTO_REUSE }, () => {
      variableScope('b', { reuse: true }, (b) => {
        out.push(pyReuse(b.reuse));
        exceptValueError(out, () => getVariable('w', { shape: [1] }));
      });
    });
    return out;
  });

  program('025_auto_reuse_shape_mismatch', () => {
    const out: string[] = [];
    variableScope('s', { reuse: AUTO_REUSE }, () => {
      getVariable('v', { shape: [1] });
      exceptValueError(out, () => getVariable('v', { shape: [2] }));
    });
    return out;
  });

  program('028_shape_mismatch_on_reuse', () => {
    const out: string[] = [];
    const towerA = variableScope('towerA', (scope) => {
      getVariable('v', { shape: [1] });
      return scope;
    });
    exceptValueError(out, () =>
      variableScope(towerA, { reuse: true }, () => getVariable('v', { shape: [2] })),
    );
    return out;
  });

  program('031_dtype_mismatch_resource', () => {
    const out: string[] = [];
    variableScope('t', () => getVariable('v', { shape: [1], useResource: true }));
    exceptValueError(out, () =>
      variableScope('t', { reuse: true }, () => getVariable('v', { shape: [1], dtype: 'int32' })),
    );
    return out;
  });

  program('052_tf_variable_invisible_to_reuse', () => {
    const out: string[] = [];
    const x = variableScope('foo', () => variable(1.0, { name: 'v' }));
    out.push(x.name);
    exceptValueError(out, () =>
      variableScope('foo', { reuse: true }, () => getVariable('v', { shape: [] })),
    );
    return out;
  });

  program('115_separate_graphs', () => {
    const out: string[] = [];
    const g1 = new Graph();
    const g2 = new Graph();
    try {
      const a = single(withGraph(g1, () => getVariable('v', { shape: [1] })));
      const b = single(withGraph(g2, () => getVariable('v', { shape: [1] })));
      withGraph(g1, () => {
        exceptValueError(out, () => getVariable('v', { shape: [1] }));
      });
      out.push(`${a.name} ${b.name}`);
      out.push(`${pyBool(a.graph === g1)} ${pyBool(b.graph === g2)}`);
    } finally {
      g1.dispose();
      g2.dispose();
    }
    return out;
  });
});
