/**
 * Conformance mirrors: `tf.make_template` (scope names of the first call, reuse on later calls,
 * a fresh op name scope per call, the error for a trainable variable created after the first
 * call).
 */
import * as tf from '@tensorflow/tfjs-core';
import {
  DTypes,
  getVariable,
  initializers,
  makeTemplate,
  NamedTensor,
  uniqueOpName,
  variable,
} from '../../../src/index';
import { describeConformance, exceptValueError, keep, program, pyBool, single } from './harness';

describeConformance('conformance: templates', () => {
  program('106_template_names', () => {
    const out: string[] = [];
    const variableScopedFunction = () =>
      getVariable('dummy', { shape: [1], initializer: initializers.zeros() });
    const tmpl1 = makeTemplate('s1', variableScopedFunction);
    const tmpl2 = makeTemplate('s1', variableScopedFunction);
    const v1 = tmpl1();
    const v2 = tmpl1();
    const v3 = tmpl2();
    out.push(pyBool(v1 === v2));
    out.push(pyBool(v1 === v3));
    out.push(v1.name);
    out.push(v3.name);
    return out;
  });

  program('109_template_op_name_scopes', () => {
    const out: string[] = [];
    // `tf.add(x, w)`: an op named `Add` in the current name scope.
    const linear = (x: tf.Tensor) => {
      const w = single(getVariable('w', { shape: [1], initializer: initializers.zeros() }));
      const sum = new NamedTensor(uniqueOpName('Add'), keep(tf.add(x, w.value)), DTypes.float32);
      return [sum, w] as const;
    };
    uniqueOpName('Const'); // x = tf.constant([1.0])
    const x = keep(tf.tensor1d([1.0]));
    const t1 = makeTemplate('foo', linear, { createScopeNow: true });
    const [a, w1] = t1(x);
    const [b] = t1(x);
    const t2 = makeTemplate('foo', linear, { createScopeNow: true });
    const [c, w2] = t2(x);
    const [d] = t2(x);
    out.push([t1.template.variableScope?.name, w1.name, a.name, b.name].join(' '));
    out.push([t2.template.variableScope?.name, w2.name, c.name, d.name].join(' '));
    return out;
  });

  program('112_template_extra_trainable_variable', () => {
    const out: string[] = [];
    const functionWithCreate = () => {
      // `tf.Variable(0)`: Python's 0 is an int, so int32. (A plain JS 0 would be float32.)
      variable(0, { dtype: 'int32' });
      return getVariable('dummy', { shape: [1], initializer: initializers.zeros() });
    };
    const tmpl = makeTemplate('s', functionWithCreate);
    tmpl();
    exceptValueError(out, () => tmpl());
    return out;
  });
});
