/**
 * Conformance mirrors: custom getters (the `reuse` keyword they see, the root name scope their
 * ops live in, non-callable getters) and scope regularizers (`set_regularizer`,
 * `tf.no_regularizer`, inheritance).
 */
import * as tf from '@tensorflow/tfjs-core';
import {
  CustomGetter,
  getCollection,
  getVariable,
  GraphKeys,
  initializers,
  NamedTensor,
  noRegularizer,
  uniqueOpName,
  variableScope,
  Variable,
} from '../../../src/index';
import { describeConformance, exceptValueError, program, pyFloat } from './harness';

describeConformance('conformance: custom getters and regularizers', () => {
  program('085_custom_getter_reuse_kwarg', () => {
    const out: string[] = [];
    // `tf.identity(var, name=...)`: a new tensor named in the current name scope. The getter
    // returns it instead of the variable, and `get_variable` hands it back as is.
    const identity = (v: Variable, name: string): Variable =>
      new NamedTensor(uniqueOpName(name), v.value, v.dtype.baseDType) as unknown as Variable;
    const customGetter: CustomGetter = (getter, args) => {
      const v = getter(args) as Variable;
      if (args.reuse) return identity(v, 'reused');
      return identity(v, 'not_reused');
    };
    const [scope, v] = variableScope('scope', { customGetter }, (s) => {
      return [s, getVariable('v', { shape: [1] })] as const;
    });
    const v2 = variableScope(scope, { reuse: true }, () => getVariable('v', { shape: [1] }));
    out.push(v.name);
    out.push(v2.name);
    return out;
  });

  program('088_custom_getter_not_callable', () => {
    const out: string[] = [];
    const three = 3 as unknown as CustomGetter;
    exceptValueError(out, () =>
      variableScope('scope0', { customGetter: three }, () => getVariable('name0')),
    );
    exceptValueError(out, () => getVariable('name0', { customGetter: three }));
    return out;
  });

  program('091_regularizer_set_and_disable', () => {
    const out: string[] = [];
    const init = initializers.constant(0.5);
    const reg1 = (v: tf.Tensor) => tf.add(tf.mean(v), 0.25);
    const reg2 = (v: tf.Tensor) => tf.add(tf.mean(v), 0.5);
    variableScope('tower3', { regularizer: reg1 }, (tower) => {
      variableScope('foo', { initializer: init }, () => {
        getVariable('v', { shape: [] });
      });
      out.push(String(getCollection(GraphKeys.REGULARIZATION_LOSSES).length));
      variableScope(tower, { initializer: init }, (vs) => {
        getVariable('u', { shape: [] });
        vs.regularizer = reg2;
        getVariable('w', { shape: [] });
        getVariable('x', { shape: [], regularizer: noRegularizer });
        variableScope('baz', { regularizer: noRegularizer }, () => {
          getVariable('y', { shape: [] });
        });
        vs.regularizer = noRegularizer;
        getVariable('z', { shape: [] });
      });
    });
    const losses = getCollection(GraphKeys.REGULARIZATION_LOSSES) as NamedTensor[];
    out.push(String(losses.length));
    out.push(`[${losses.map((l) => pyFloat(l.tensor.dataSync()[0])).join(', ')}]`);
    return out;
  });
});
