/**
 * Conformance mirrors: initializers (the shape requirement for new variables, value and tensor
 * initializers, zero-argument callables, scope initializers and their inheritance) and local
 * variables.
 *
 * Python literals have their own dtypes (`1` is int32, `2.0` float32) where JS has one number
 * type, so `tf.constant` of Python ints is written with an explicit `'int32'` tfjs dtype.
 */
import * as tf from '@tensorflow/tfjs-core';
import {
  getCollection,
  getLocalVariable,
  getVariable,
  getVariableScope,
  globalVariables,
  GraphKeys,
  initializers,
  trainableVariables,
  uniqueOpName,
  variableScope,
  Variable,
} from '../../../src/index';
import { formatShapeList } from '../../../src/core/shape';
import {
  describeConformance,
  exceptValueError,
  keep,
  program,
  pyBool,
  runToList,
  single,
} from './harness';

/** `tf.constant(value)`: reserves the op name `Const` as TF does, returns the tensor. */
function constant(t: tf.Tensor): tf.Tensor {
  uniqueOpName('Const');
  return keep(t);
}

describeConformance('conformance: initializers and local variables', () => {
  program('034_shape_required_for_new_variable', () => {
    const out: string[] = [];
    const attempts = [
      () => getVariable('a'),
      () => getVariable('b', { shape: [null, 3] }),
      () => getVariable('c', { initializer: (_x: number[]) => [2] }),
    ];
    for (const attempt of attempts) exceptValueError(out, attempt);
    out.push(String(globalVariables().length));
    return out;
  });

  program('037_initializer_dtype_mismatch', () => {
    const out: string[] = [];
    const init = constant(tf.scalar(1, 'int32'));
    exceptValueError(out, () => getVariable('s', { initializer: init, dtype: 'float64' }));
    return out;
  });

  program('040_initializer_inherited_and_overridden', () => {
    const out: string[] = [];
    const init = initializers.constant(2.0);
    let v!: Variable;
    let w!: Variable;
    const a = variableScope('a', { initializer: init }, (s) => {
      variableScope('b', () => {
        v = single(getVariable('v', { shape: [2] }));
        w = single(getVariable('w', { shape: [2], initializer: initializers.zeros() }));
      });
      return s;
    });
    variableScope('a', () => {
      out.push(pyBool(getVariableScope().initializer === null));
    });
    variableScope(a, () => {
      out.push(pyBool(getVariableScope().initializer === init));
    });
    out.push(runToList(v));
    out.push(runToList(w));
    return out;
  });

  program('043_initializer_from_tensor', () => {
    const out: string[] = [];
    const t = single(getVariable('t', { initializer: constant(tf.tensor1d([1, 2, 3], 'int32')) }));
    out.push(t.dtype.baseDType.name);
    out.push(formatShapeList(t.shape));
    const f = single(getVariable('f', { initializer: constant(tf.scalar(0.5)) }));
    out.push(formatShapeList(f.shape));
    out.push(runToList(t));
    out.push(runToList(f));
    return out;
  });

  program('046_lambda_initializer_no_args', () => {
    const out: string[] = [];
    // `lambda: [2.0]`: JS numbers are float32 in the TS API (TensorFlow.js's convention), which
    // is what TF makes of the Python float 2.0.
    const v = single(getVariable('foo', { initializer: () => [2.0] }));
    out.push(v.name);
    out.push(formatShapeList(v.shape));
    out.push(runToList(v));
    return out;
  });

  program('049_local_variable', () => {
    const out: string[] = [];
    const has = (coll: unknown[], v: unknown) => coll.some((x) => x === v);
    let lv!: Variable;
    const outer = variableScope('outer', (o) => {
      variableScope(o, { defaultName: 'default' }, () => {
        lv = single(getLocalVariable('w', { shape: [], collections: ['foo'] }));
      });
      return o;
    });
    out.push(lv.name);
    out.push(pyBool(has(getCollection(GraphKeys.LOCAL_VARIABLES), lv)));
    out.push(pyBool(has(getCollection('foo'), lv)));
    out.push(pyBool(has(trainableVariables(), lv)));
    out.push(pyBool(has(globalVariables(), lv)));
    variableScope(outer, { defaultName: 'default', reuse: true }, () => {
      out.push(pyBool(getLocalVariable('w', { shape: [] }) === lv));
    });
    return out;
  });
});
