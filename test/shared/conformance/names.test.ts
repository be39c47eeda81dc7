/**
 * Conformance mirrors: names. Variable names follow variable scopes only; op names follow name
 * scopes and are uniquified case-insensitively; the name scopes `variable_scope` opens (string,
 * scope object, default name, `auxiliary_name_scope=False`); argument validation; dtype names.
 *
 * TF ops such as `tf.constant(1.0, name='c')` are mirrored by `uniqueOpName('c')`, which reserves
 * the op name exactly as TF's `Graph.unique_name` does; the printed tensor name adds `:0`.
 */
import {
  DTypes,
  getVariable,
  getVariableScope,
  nameScope,
  ReuseArg,
  uniqueOpName,
  variableScope,
  Variable,
} from '../../../src/index';
import {
  describeConformance,
  exceptTypeError,
  exceptValueError,
  program,
  pyBool,
  pyRepr,
  single,
} from './harness';

/** `tf.constant(..., name=name).name`: the op is named in the current name scope. */
function constantName(name: string): string {
  return `${uniqueOpName(name)}:0`;
}

describeConformance('conformance: variable names, op names and name scopes', () => {
  program('055_case_insensitive_op_names', () => {
    const out: string[] = [];
    const a = getVariable('v', { shape: [1] });
    const b = getVariable('V', { shape: [1] });
    out.push(a.name);
    out.push(b.name);
    const c1 = variableScope('foo', () => constantName('c'));
    const [c2, w] = variableScope('Foo', () => {
      const c = constantName('c');
      return [c, getVariable('w', { shape: [1] })] as const;
    });
    out.push(c1);
    out.push(c2);
    out.push(w.name);
    return out;
  });

  program('058_name_scope_ignored_by_get_variable', () => {
    const out: string[] = [];
    const [v, c] = nameScope('ns', () => {
      const vv = getVariable('v', { shape: [1] });
      return [vv, constantName('c')] as const;
    });
    out.push(v.name);
    out.push(c);
    return out;
  });

  program('061_name_scope_inside_variable_scope', () => {
    const out: string[] = [];
    const [v, c] = variableScope('vs', () =>
      nameScope('ns', () => {
        const vv = getVariable('v', { shape: [1] });
        return [vv, constantName('c')] as const;
      }),
    );
    out.push(v.name);
    out.push(c);
    return out;
  });

  program('064_var_scope_name_scope', () => {
    const out: string[] = [];
    let tower!: ReturnType<typeof getVariableScope>;
    nameScope('ns1', () => {
      variableScope('tower', (t) => {
        tower = t;
        nameScope('scope2', (sc2) => out.push(sc2));
      });
      variableScope(tower, () => {
        nameScope('scope2', (sc2) => out.push(sc2));
      });
      variableScope('tower', () => {
        nameScope('scope2', (sc2) => out.push(sc2));
      });
    });
    nameScope('ns2', () => {
      variableScope('tower', () => {
        nameScope('scope2', (sc2) => out.push(sc2));
      });
      variableScope(tower, () => {
        nameScope('scope2', (sc2) => out.push(sc2));
      });
    });
    const rootVarScope = getVariableScope();
    nameScope('ns3', () => {
      variableScope(rootVarScope, () => {
        nameScope('scope2', (sc2) => out.push(sc2));
      });
    });
    return out;
  });

  program('067_auxiliary_name_scope_false', () => {
    const out: string[] = [];
    const scope = variableScope('scope', { auxiliaryNameScope: false }, (s) => {
      out.push(pyRepr(s.originalNameScope));
      out.push(getVariable('w', { shape: [] }).name);
      out.push(constantName('c'));
      return s;
    });
    variableScope(scope, { auxiliaryNameScope: false }, (scopeAgain) => {
      out.push(pyRepr(scopeAgain.originalNameScope));
      out.push(getVariable('w1', { shape: [] }).name);
      out.push(constantName('c1'));
    });
    nameScope('scope', () => {
      out.push(constantName('c'));
    });
    variableScope('outer', () => {
      const inner = variableScope('inner', { auxiliaryNameScope: false }, (s) => {
        out.push(s.originalNameScope);
        out.push(getVariable('w', { shape: [] }).name);
        out.push(constantName('c'));
        return s;
      });
      variableScope(inner, { auxiliaryNameScope: false }, (inner1) => {
        out.push(inner1.originalNameScope);
        out.push(getVariable('w1', { shape: [] }).name);
        out.push(constantName('c1'));
      });
      nameScope('inner', () => {
        out.push(constantName('c'));
      });
    });
    return out;
  });

  program('070_name_with_default_collides', () => {
    const out: string[] = [];
    nameScope('ns', () => {
      variableScope('tower', { defaultName: 'default' }, () => {
        out.push(getVariable('w', { shape: [] }).name);
        nameScope('x', (sc) => out.push(sc));
      });
      variableScope('tower', { defaultName: 'default' }, () => {
        exceptValueError(out, () => getVariable('w', { shape: [] }));
        nameScope('x', (sc) => out.push(sc));
      });
    });
    return out;
  });

  program('073_default_name_counter_reset_object_reentry', () => {
    const out: string[] = [];
    const vs = variableScope('foo', (s) => {
      variableScope(null, { defaultName: 'bar' }, () => {
        out.push(getVariable('a', { shape: [1] }).name);
      });
      variableScope(null, { defaultName: 'bar' }, () => {
        out.push(getVariable('b', { shape: [1] }).name);
      });
      return s;
    });
    variableScope(vs, () => {
      variableScope(null, { defaultName: 'bar' }, () => {
        out.push(getVariable('c', { shape: [1] }).name);
      });
    });
    return out;
  });

  program('076_default_name_diverges_from_name_scope', () => {
    const out: string[] = [];
    nameScope('s', () => undefined);
    const [vs, v, c] = variableScope(null, { defaultName: 's' }, (s) => {
      const vv = getVariable('v', { shape: [1] });
      return [s, vv, constantName('c')] as const;
    });
    out.push(vs.name);
    out.push(vs.originalNameScope);
    out.push(v.name);
    out.push(c);
    return out;
  });

  program('079_variable_scope_argument_errors', () => {
    const out: string[] = [];
    // Python raises these when the context manager is built, before the block runs: the bodies
    // below must never run.
    const body = () => {
      throw new Error('the scope body must not run');
    };
    exceptTypeError(out, () => variableScope(null, body));
    exceptValueError(out, () => variableScope('x', { reuse: 'yes' as unknown as ReuseArg }, body));
    exceptTypeError(out, () => variableScope(3 as unknown as string, () => undefined));
    exceptTypeError(out, () =>
      variableScope('y', { auxiliaryNameScope: 'invalid' as unknown as boolean }, () => undefined),
    );
    return out;
  });

  program('082_nested_outer_scope', () => {
    const out: string[] = [];
    variableScope('outer', (outer) => {
      variableScope(outer, () => {
        out.push(getVariable('w', { shape: [] }).name);
        nameScope('scope2', (sc2) => out.push(sc2));
      });
      variableScope('default', () => {
        out.push(getVariable('w', { shape: [] }).name);
        nameScope('scope2', (sc2) => out.push(sc2));
      });
      variableScope(outer, { reuse: true }, () => {
        out.push(getVariable('w', { shape: [] }).name);
        nameScope('scope2', (sc2) => out.push(sc2));
      });
      variableScope('default', { reuse: true }, () => {
        out.push(getVariable('w', { shape: [] }).name);
        nameScope('scope2', (sc2) => out.push(sc2));
      });
    });
    return out;
  });

  program('118_dtype_names', () => {
    const out: string[] = [];
    const v: Variable = single(getVariable('v', { shape: [1] }));
    const r: Variable = single(getVariable('r', { shape: [1], useResource: true }));
    out.push(v.dtype.toString());
    out.push(v.dtype.name);
    out.push(v.dtype.baseDType.name);
    out.push(r.dtype.name);
    out.push(pyBool(v.dtype.baseDType === DTypes.float32));
    return out;
  });
});
