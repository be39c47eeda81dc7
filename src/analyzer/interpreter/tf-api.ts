/**
 * The APIs the interpreter knows by name: TensorFlow 1.x's Python API (`tf.variable_scope`,
 * `tf.get_variable`, ... in every import form) and this package's TypeScript engine API
 * (`variableScope`, `getVariable`, ... from 'scope-lens'). Both reach the same rules: the
 * engine API's options objects become the keyword arguments of the Python API.
 */
import { ERROR_CODES } from '../../core/errors';
import type { Expr } from '../ir';
import { builtin, exprLabel, Interpreter } from './interpreter';
import type { VariableScopeArgs } from '../../core/variable-scope';
import { partitionerValue, TfState } from './tf-model';
import type { AnalyzerSlots } from './tf-model';
import {
  BuiltinFn,
  hasHoles,
  NONE,
  pyStr,
  PyRaise,
  UNKNOWN_DTYPE,
  UNKNOWN_VALUE,
  Value,
} from './values';
import {
  anyAssumed,
  depsOf,
  dtypeOf,
  dtypeValue,
  isOpNamespace,
  isTensorLike,
  shapeFromValue,
  tensor,
  tensorInfo,
  tensorOp,
  unionDeps,
  withDeps,
} from './tensors';
import { DTypes } from '../../core/dtypes';
import { UNKNOWN, type AbstractShape, type Shape } from '../../core/shape';
import { dataMember, experimentalMember } from './datasets';
import { tensorArray } from './tensor-array';
import { TF1_TOP_LEVEL_NAMES } from './tf-names';

type Scope = Extract<Value, { k: 'scope' }>['scope'];

const DTYPES = new Set([
  'float16',
  'bfloat16',
  'float32',
  'float64',
  'int8',
  'int16',
  'int32',
  'int64',
  'uint8',
  'uint16',
  'uint32',
  'uint64',
  'bool',
  'string',
  'complex64',
  'complex128',
  'half',
  'double',
]);

const GET_VARIABLE_POSITIONAL = [
  'name',
  'shape',
  'dtype',
  'initializer',
  'regularizer',
  'trainable',
  'collections',
];

function str(v: string): Value {
  return { k: 'str', v };
}

/** TF's graph collection keys (`tf.GraphKeys`). */
const GRAPH_KEYS: Record<string, string> = {
  GLOBAL_VARIABLES: 'variables',
  VARIABLES: 'variables',
  TRAINABLE_VARIABLES: 'trainable_variables',
  LOCAL_VARIABLES: 'local_variables',
  MODEL_VARIABLES: 'model_variables',
  MOVING_AVERAGE_VARIABLES: 'moving_average_variables',
  REGULARIZATION_LOSSES: 'regularization_losses',
  UPDATE_OPS: 'update_ops',
  LOSSES: 'losses',
  SUMMARIES: 'summaries',
  GLOBAL_STEP: 'global_step',
  TRAIN_OP: 'train_op',
  ACTIVATIONS: 'activations',
  WEIGHTS: 'weights',
  BIASES: 'biases',
  SAVEABLE_OBJECTS: 'saveable_objects',
  CONCATENATED_VARIABLES: 'concatenated_variables',
  TRAINABLE_RESOURCE_VARIABLES: 'trainable_resource_variables',
};

/** Namespaces under `tf.` that hold what the analyzer knows (ops, or library exports). */
const NAMESPACES = new Set([
  'app',
  'nn',
  'math',
  'random',
  'compat',
  'layers',
  'contrib',
  'train',
  'initializers',
  'data',
  'metrics',
]);

/**
 * `tf.<dotted>`: a library export (`layers.dense`, from `_lib/exports.py`), an op with a static
 * shape (`nn.relu`), a scoping API (top level), a namespace, or unknown.
 */
export function tfMember(interp: Interpreter, prefix: string, attr: string): Value {
  const internal = internalMember(interp, prefix, attr);
  if (internal) return internal;
  const dotted = prefix ? `${prefix}.${attr}` : attr;
  if (dotted === 'newaxis') return { k: 'none' };
  if (dotted === 'image.ResizeMethod')
    // TF 1.15's `tf.image.ResizeMethod` (the v1 ints).
    return {
      k: 'object',
      kind: 'namespace',
      attrs: new Map<string, Value>(
        ['BILINEAR', 'NEAREST_NEIGHBOR', 'BICUBIC', 'AREA'].map((n, i) => [n, { k: 'int', v: i }]),
      ),
    };
  if (dotted === 'losses.Reduction')
    // TF 1.15's `tf.losses.Reduction` (`losses_impl.py`): the reductions by their strings.
    return {
      k: 'object',
      kind: 'namespace',
      attrs: new Map<string, Value>(
        (
          [
            ['NONE', 'none'],
            ['SUM', 'weighted_sum'],
            ['SUM_OVER_BATCH_SIZE', 'weighted_sum_over_batch_size'],
            ['MEAN', 'weighted_mean'],
            ['SUM_BY_NONZERO_WEIGHTS', 'weighted_sum_by_nonzero_weights'],
            ['SUM_OVER_NONZERO_WEIGHTS', 'weighted_sum_by_nonzero_weights'],
          ] as const
        ).map(([k, v]) => [k, { k: 'str', v }]),
      ),
    };
  const reg = REGULARIZERS[dotted];
  if (reg) return regularizerFactory(interp, dotted, reg);
  if (prefix === 'train' && GLOBAL_STEP_FNS.has(attr)) return globalStepFn(interp, attr);
  if (prefix === 'losses' && LOSS_COLLECTION_FNS.has(attr)) return lossCollectionFn(interp, attr);
  if (dotted === 'metrics.mean' || dotted === 'metrics.accuracy') return metricFn(interp, attr);
  // tf.app.flags and tf.flags are absl's flags (their defaults: library/stubs.ts).
  if (attr === 'flags' && (prefix === 'app' || prefix === ''))
    return interp.loadStub('absl.flags') ?? UNKNOWN_VALUE;
  if (dotted === 'app.run') return appRun(interp);
  if (prefix === 'data') {
    const d = dataMember(interp, attr);
    if (d) return d;
  }
  // `tf.data.experimental` (TF 1.15) and `tf.contrib.data` (its older name) transformations.
  if (dotted === 'data.experimental' || dotted === 'contrib.data')
    return { k: 'module', path: `tf.${dotted}` };
  if (prefix === 'data.experimental' || prefix === 'contrib.data') {
    const t = experimentalMember(interp, attr);
    if (t) return t;
  }
  const lib = interp.libraryExport(dotted);
  if (lib) return lib;
  const op = tensorOp(interp, dotted);
  if (op) return op;
  if (!prefix) {
    const v = tfAttr(interp, attr);
    if (v.k !== 'unknown') return v;
  }
  if (NAMESPACES.has(dotted) || isOpNamespace(dotted) || interp.isLibraryNamespace(dotted))
    return { k: 'module', path: `tf.${dotted}` };
  return UNKNOWN_TF;
}

/**
 * `tf.app.run(main=None, argv=None)`: calls `main` (by default the `main` of the script being
 * run, `sys.modules['__main__'].main`) with the command line (the script's name alone: the
 * analysis runs the script without arguments), then exits with what it returns; the analyzer
 * lets the script go on instead, as nothing TF does follows an exit.
 */
function appRun(interp: Interpreter): Value {
  return builtin('run', (args, kwargs, at) => {
    const given = args[0] ?? kwargs.get('main');
    const main = given && given.k !== 'none' ? given : interp.mainEnv.vars.get('main');
    if (!main) return NONE;
    const argvArg = args[1] ?? kwargs.get('argv');
    const argv =
      argvArg && argvArg.k !== 'none'
        ? argvArg
        : { k: 'list' as const, items: [str(interp.options.file)] };
    interp.callValue(main, [argv], new Map(), at);
    return NONE;
  });
}

/**
 * TF 1.15's implementation modules that programs import directly (`from tensorflow.python.ops
 * import control_flow_ops`), by the public namespaces that export their members: the first one
 * is searched when the member is a TF 1.x top-level name, the second otherwise.
 */
const INTERNAL_MODULES: Record<string, readonly [string, string]> = {
  'python.ops.array_ops': ['', ''],
  'python.ops.control_flow_ops': ['', ''],
  'python.ops.tensor_array_ops': ['', ''],
  'python.ops.math_ops': ['', 'math'],
  'python.ops.nn': ['nn', 'nn'],
  'python.ops.nn_ops': ['nn', 'nn'],
  'python.ops.nn_impl': ['nn', 'nn'],
  'python.ops.embedding_ops': ['nn', 'nn'],
  'python.ops.rnn': ['nn', 'nn'],
  'python.ops.rnn_cell': ['nn.rnn_cell', 'nn.rnn_cell'],
  'python.ops.rnn_cell_impl': ['nn.rnn_cell', 'nn.rnn_cell'],
  'python.ops.init_ops': ['', ''],
  'python.ops.random_ops': ['', 'random'],
  'python.ops.state_ops': ['', ''],
  'python.ops.clip_ops': ['', ''],
  'python.ops.variable_scope': ['', ''],
  'python.ops.variables': ['', ''],
  'python.ops.functional_ops': ['', ''],
  'python.ops.gradients': ['', ''],
  'python.ops.gradients_impl': ['', ''],
  'python.ops.standard_ops': ['', ''],
  'python.ops.image_ops': ['image', 'image'],
  'python.ops.partitioned_variables': ['', ''],
  'python.framework.ops': ['', ''],
  'python.framework.constant_op': ['', ''],
  'python.framework.dtypes': ['', ''],
  'python.framework.tensor_shape': ['', ''],
  'python.training.training': ['train', 'train'],
  'python.training.optimizer': ['train', 'train'],
  'python.training.adam': ['train', 'train'],
  'python.training.gradient_descent': ['train', 'train'],
  'python.training.momentum': ['train', 'train'],
  'python.training.rmsprop': ['train', 'train'],
  'python.training.moving_averages': ['train', 'train'],
  'python.layers.core': ['layers', 'layers'],
  'python.layers.convolutional': ['layers', 'layers'],
  'python.layers.normalization': ['layers', 'layers'],
  'python.layers.pooling': ['layers', 'layers'],
  'python.layers.layers': ['layers', 'layers'],
  // contrib's implementation modules (SSD-Tensorflow's custom layers import `add_arg_scope`
  // from `tensorflow.contrib.framework.python.ops`).
  'contrib.framework.python.ops': ['contrib.framework', 'contrib.framework'],
  'contrib.framework.python.ops.arg_scope': ['contrib.framework', 'contrib.framework'],
  'contrib.framework.python.ops.variables': ['contrib.framework', 'contrib.framework'],
  'contrib.layers.python.layers': ['contrib.layers', 'contrib.layers'],
  'contrib.layers.python.layers.layers': ['contrib.layers', 'contrib.layers'],
  'contrib.layers.python.layers.initializers': ['contrib.layers', 'contrib.layers'],
  'contrib.layers.python.layers.regularizers': ['contrib.layers', 'contrib.layers'],
  'contrib.layers.python.layers.utils': ['contrib.slim.utils', 'contrib.slim.utils'],
};

/**
 * The packages holding `INTERNAL_MODULES`, from their `python` part down (`python`,
 * `python.ops`, `contrib.layers.python`, ...).
 */
const INTERNAL_PACKAGES = new Set(
  Object.keys(INTERNAL_MODULES).flatMap((m) => {
    const parts = m.split('.');
    const from = parts.indexOf('python');
    return parts.slice(from, -1).map((_, i) => parts.slice(0, from + i + 1).join('.'));
  }),
);

/** Whether `tf.<dotted>` lies in TF's implementation (`tensorflow.python...`, contrib's). */
function isInternal(dotted: string): boolean {
  return dotted === 'python' || dotted.startsWith('python.') || dotted.includes('.python');
}

/** init_ops' initializer classes by the names TF 1.x exports them under. */
const INIT_OPS_CLASSES: Record<string, string> = {
  Zeros: 'zeros_initializer',
  Ones: 'ones_initializer',
  Constant: 'constant_initializer',
  RandomUniform: 'random_uniform_initializer',
  RandomNormal: 'random_normal_initializer',
  TruncatedNormal: 'truncated_normal_initializer',
  UniformUnitScaling: 'uniform_unit_scaling_initializer',
  VarianceScaling: 'variance_scaling_initializer',
  Orthogonal: 'orthogonal_initializer',
  GlorotUniform: 'glorot_uniform_initializer',
  GlorotNormal: 'glorot_normal_initializer',
};

/**
 * `tensorflow.python...`: a package on the way to one of `INTERNAL_MODULES` (a namespace), or a
 * member of one (the public API's member it is); undefined for other names.
 */
function internalMember(interp: Interpreter, prefix: string, attr: string): Value | undefined {
  const dotted = prefix ? `${prefix}.${attr}` : attr;
  if (!isInternal(dotted)) return undefined;
  // A module before a member: `contrib.layers.python.layers` has both members and submodules.
  if (INTERNAL_MODULES[dotted] || INTERNAL_PACKAGES.has(dotted))
    return { k: 'module', path: `tf.${dotted}` };
  const target = INTERNAL_MODULES[prefix];
  if (target) {
    const name = prefix === 'python.ops.init_ops' ? (INIT_OPS_CLASSES[attr] ?? attr) : attr;
    const ns = TF1_TOP_LEVEL_NAMES.has(name) ? target[0] : target[1];
    return interp.attribute({ k: 'module', path: ns ? `tf.${ns}` : 'tf' }, name);
  }
  return UNKNOWN_TF;
}

/** A member of `tf` the analyzer does not model: called, it is an op of its arguments. */
const UNKNOWN_TF: Value = Object.freeze({ k: 'unknown', tf: true });

const GLOBAL_STEP_FNS = new Set([
  'get_global_step',
  'create_global_step',
  'get_or_create_global_step',
]);

/**
 * `tf.train.get_global_step`, `create_global_step`, `get_or_create_global_step` (TF 1.15
 * `training_util.py`). The step is the one variable in collection GLOBAL_STEP, else a variable
 * whose op is named `global_step`; it is created by `get_variable('global_step', [], int64,
 * zeros, trainable=False, collections=[GLOBAL_VARIABLES, GLOBAL_STEP])`, so in the current
 * variable scope (`outer/global_step`), name scopes playing no part.
 */
function globalStepFn(interp: Interpreter, attr: string): Value {
  const find = (graph: Value | undefined): Value | null | undefined => {
    if (graph && graph.k !== 'none') return undefined; // another graph: not followed
    const steps = interp.tf.collection('global_step').items;
    if (steps.length === 1) return steps[0];
    if (steps.length > 1) return null;
    for (const key of ['variables', 'local_variables']) {
      for (const v of interp.tf.collection(key).items)
        if (v.k === 'variable' && v.v.opName === 'global_step') return v;
    }
    return null;
  };
  const create = (at: Expr, graph: Value | undefined): Value => {
    const found = find(graph);
    if (found === undefined) return UNKNOWN_VALUE;
    if (found !== null) {
      const exc: Value = {
        k: 'exception',
        cls: 'ValueError',
        message: '"global_step" already exists.',
      };
      throw new PyRaise(exc as Value & { k: 'exception' });
    }
    const kw = new Map<string, Value>([
      ['name', str('global_step')],
      ['shape', { k: 'list', items: [] }],
      ['dtype', dtypeValue('int64')],
      ['initializer', { k: 'object', kind: 'Initializer', attrs: new Map() }],
      ['trainable', { k: 'bool', v: false }],
      ['collections', { k: 'list', items: [str('variables'), str('global_step')] }],
    ]);
    return interp.guardTf(() => interp.tf.getVariable(at, 'global_step', kw, false));
  };
  return builtin(attr, (args, kwargs, at) => {
    const graph = args[0] ?? kwargs.get('graph');
    if (attr === 'create_global_step') return create(at, graph);
    const found = find(graph);
    if (found === undefined) return UNKNOWN_VALUE;
    if (found !== null || attr === 'get_global_step') return found ?? NONE;
    return create(at, graph);
  });
}

const LOSS_COLLECTION_FNS = new Set([
  'get_losses',
  'get_regularization_losses',
  'get_regularization_loss',
  'get_total_loss',
  'add_loss',
]);

/**
 * `tf.losses`' functions of the loss collections (TF 1.15 `losses/util.py`): `get_losses` and
 * `get_regularization_losses` (a collection, filtered by `scope`), `get_total_loss` (`add_n` of
 * both, named `total_loss`; with one loss, its identity of that name), `get_regularization_loss`
 * (`add_n` named `total_regularization_loss`, or a constant 0 when there is none) and `add_loss`.
 * The sums depend on every loss they add, so gradients of them reach the model.
 */
function lossCollectionFn(interp: Interpreter, attr: string): Value {
  const arg = (args: Value[], kwargs: Map<string, Value>, i: number, name: string) =>
    args[i] ?? kwargs.get(name);
  /** The collection's items under `scope` (None: all); undefined when that is not known. */
  const items = (key: string, scope: Value | undefined): Value[] | undefined => {
    const all = interp.tf.collection(key).items;
    if (!scope || scope.k === 'none') return [...all];
    if (scope.k !== 'str') return undefined;
    const kept: Value[] = [];
    for (const v of all) {
      const name = v.k === 'tensor' ? v.name : null;
      if (name === null) return undefined;
      if (name.startsWith(scope.v)) kept.push(v);
    }
    return kept;
  };
  /** `add_n(losses, name)`: one tensor of their dtype and shape, depending on all of them. */
  const sum = (losses: Value[], name: Value | undefined, fallback: string): Value => {
    const first = tensorInfo(losses[0]);
    const given = name && name.k === 'str' ? name.v : name === undefined ? fallback : null;
    let full: string | null = null;
    if (given !== null) {
      interp.touchGraph();
      full = `${interp.tf.names.uniqueName(given)}:0`;
    }
    return withDeps(tensor(full, first.dtype, first.shape), unionDeps(losses), anyAssumed(losses));
  };
  return builtin(attr, (args, kwargs) => {
    switch (attr) {
      case 'get_losses': {
        const key = arg(args, kwargs, 1, 'loss_collection');
        if (key && key.k !== 'str') return UNKNOWN_VALUE;
        const found = items(key ? key.v : 'losses', arg(args, kwargs, 0, 'scope'));
        return found ? { k: 'list', items: found } : UNKNOWN_VALUE;
      }
      case 'get_regularization_losses': {
        const found = items('regularization_losses', arg(args, kwargs, 0, 'scope'));
        return found ? { k: 'list', items: found } : UNKNOWN_VALUE;
      }
      case 'get_regularization_loss': {
        const found = items('regularization_losses', arg(args, kwargs, 0, 'scope'));
        if (!found) return UNKNOWN_VALUE;
        if (found.length === 0) {
          interp.touchGraph();
          return tensor(`${interp.tf.names.uniqueName('Const')}:0`, DTypes.float32, []);
        }
        return sum(found, arg(args, kwargs, 1, 'name'), 'total_regularization_loss');
      }
      case 'get_total_loss': {
        const scope = arg(args, kwargs, 2, 'scope');
        const withReg = arg(args, kwargs, 0, 'add_regularization_losses');
        const losses = items('losses', scope);
        const reg = items('regularization_losses', scope);
        if (!losses || !reg || (withReg && withReg.k !== 'bool')) return UNKNOWN_VALUE;
        const all = withReg && !withReg.v ? losses : [...losses, ...reg];
        if (all.length === 0)
          throw new PyRaise({
            k: 'exception',
            cls: 'ValueError',
            message:
              'inputs must be a list of at least one Tensor/IndexedSlices with the same dtype and shape',
          });
        return sum(all, arg(args, kwargs, 1, 'name'), 'total_loss');
      }
      default: {
        // add_loss(loss, loss_collection=LOSSES)
        const loss = arg(args, kwargs, 0, 'loss');
        const key = arg(args, kwargs, 1, 'loss_collection');
        if (loss && (key === undefined || key.k === 'str'))
          interp.tf.collection(key ? key.v : 'losses').items.push(loss);
        return NONE;
      }
    }
  });
}

/**
 * `tf.metrics.mean` and `tf.metrics.accuracy` (TF 1.15 `metrics_impl.py`): in
 * `variable_scope(name, 'mean' | 'accuracy')`, the local variables `total` and `count`
 * (`metric_variable`: float32 scalars from zeros, in LOCAL_VARIABLES and METRIC_VARIABLES), and
 * `(value, update_op)`, scalars named in that scope. `accuracy` first compares: its
 * `remove_squeezable_dimensions` scope, a `Cast` of the predictions to the labels' dtype when
 * they differ, `Equal` and the `Cast` of it to float32, in the caller's name scope. The ops
 * inside the metric's own scope are not modelled: nothing outside it can be named after them.
 */
function metricFn(interp: Interpreter, attr: 'mean' | 'accuracy' | string): Value {
  return builtin(attr, (args, kwargs, at) => {
    const arg = (i: number, k: string) => args[i] ?? kwargs.get(k);
    const accuracy = attr === 'accuracy';
    const given = arg(accuracy ? 5 : 4, 'name') ?? NONE;
    const inputs = accuracy
      ? [arg(0, 'labels') ?? UNKNOWN_VALUE, arg(1, 'predictions') ?? UNKNOWN_VALUE]
      : [arg(0, 'values') ?? UNKNOWN_VALUE];
    const deps = unionDeps(inputs);
    const assumed = anyAssumed(inputs);
    return interp.guardTf(() => {
      if (accuracy) {
        interp.touchGraph();
        const names = interp.tf.names;
        names.uniqueName('remove_squeezable_dimensions');
        const [labels, predictions] = inputs.map(tensorInfo);
        if (
          labels.dtype &&
          predictions.dtype &&
          labels.dtype.baseDType !== predictions.dtype.baseDType
        )
          names.uniqueName('Cast');
        names.uniqueName('Equal');
        names.uniqueName('Cast');
      }
      const scope = interp.variableScope([given, str(attr)], new Map(), at);
      if (scope.k !== 'context') return UNKNOWN_VALUE;
      scope.enter();
      try {
        const local = (name: string) =>
          interp.tf.getVariable(
            at,
            name,
            new Map<string, Value>([
              ['name', str(name)],
              ['shape', { k: 'list', items: [] }],
              ['dtype', dtypeValue('float32')],
              ['initializer', { k: 'object', kind: 'Initializer', attrs: new Map() }],
              ['trainable', { k: 'bool', v: false }],
              [
                'collections',
                { k: 'list', items: [str('local_variables'), str('metric_variables')] },
              ],
            ]),
            false,
          );
        local('total');
        local('count');
        const scalar = (name: string) =>
          withDeps(
            tensor(`${interp.tf.names.uniqueName(name)}:0`, DTypes.float32, []),
            deps,
            assumed,
          );
        const value = scalar('value');
        const update = scalar('update_op');
        const add = (key: Value | undefined, t: Value) => {
          if (key && (key.k === 'list' || key.k === 'tuple'))
            for (const k of key.items) if (k.k === 'str') interp.tf.collection(k.v).items.push(t);
        };
        add(arg(accuracy ? 3 : 2, 'metrics_collections'), value);
        add(arg(accuracy ? 4 : 3, 'updates_collections'), update);
        return { k: 'tuple', items: [value, update] } as Value;
      } finally {
        scope.exit();
      }
    });
  });
}

/** contrib's regularizer factories and the name scope each loss is made in. */
const REGULARIZERS: Record<string, string> = {
  'contrib.layers.l1_regularizer': 'l1_regularizer',
  'contrib.layers.l2_regularizer': 'l2_regularizer',
  'contrib.layers.l1_l2_regularizer': 'l1_l2_regularizer',
};

/**
 * `tf.contrib.layers.l2_regularizer(scale, scope=None)` and friends: a scale of 0 gives a
 * regularizer that returns None; otherwise each call makes a loss tensor named after its name
 * scope (`dense/kernel/Regularizer/l2_regularizer:0`). Scales TF rejects are not known here.
 */
function regularizerFactory(interp: Interpreter, dotted: string, scopeName: string): Value {
  return builtin(dotted, (args, kwargs) => {
    const scales =
      scopeName === 'l1_l2_regularizer'
        ? [
            args[0] ?? kwargs.get('scale_l1') ?? { k: 'float', v: 1 },
            args[1] ?? kwargs.get('scale_l2') ?? { k: 'float', v: 1 },
          ]
        : [args[0] ?? kwargs.get('scale')];
    if (scales.some((x) => !x || (x.k !== 'int' && x.k !== 'float') || x.v < 0))
      return UNKNOWN_VALUE;
    const zero = scales.every((x) => (x as { v: number }).v === 0);
    const scope = kwargs.get('scope') ?? args[scopeName === 'l1_l2_regularizer' ? 2 : 1];
    return builtin(scopeName, (weights) => {
      if (zero) return NONE;
      const base = scope && scope.k === 'str' ? scope.v : scopeName;
      const name = interp.tf.names.withNameScope(base, (s) => s.slice(0, -1));
      // A scalar of the weights' dtype that depends on them (`scale * l2_loss(weights)`).
      const w = weights[0];
      const dtype = w && isTensorLike(w) ? (tensorInfo(w).dtype?.baseDType ?? null) : null;
      return withDeps(tensor(`${name}:0`, dtype, []), w ? depsOf(w) : undefined);
    });
  });
}

/**
 * `get_collection(key, scope)`: the items whose `name` `re.match`es `scope`, for a scope that is
 * a plain name prefix (`'G'`, `'model/dense'`; no regex syntax). Unknown when the scope, or an
 * item's name where the scope would have to match, is not known.
 */
function filterByScope(items: readonly Value[], scope: Value): Value {
  if (scope.k !== 'str' || !/^[\w/ -]*$/.test(scope.v)) return UNKNOWN_VALUE;
  const out: Value[] = [];
  for (const item of items) {
    const name =
      item.k === 'variable'
        ? `${item.v.opName}:0`
        : item.k === 'partitioned'
          ? item.v.name
          : item.k === 'tensor'
            ? item.name
            : null;
    if (name === null) {
      // An item that may have a name: not known; one that has none is skipped, as TF does.
      if (item.k === 'unknown' || item.k === 'instance' || item.k === 'object')
        return UNKNOWN_VALUE;
      continue;
    }
    const head = name.slice(0, scope.v.length);
    if (hasHoles(head)) return UNKNOWN_VALUE;
    if (head === scope.v) out.push(item);
  }
  return { k: 'list', items: out };
}

/** The variables in a graph collection, in the order TF adds them. */
function collection(interp: Interpreter, key: Value | undefined): Value & { k: 'list' } {
  const name = key && key.k === 'str' ? key.v : '';
  return interp.tf.collection(name);
}

function collectionFns(interp: Interpreter): Record<string, Value> {
  return {
    get_collection: builtin('get_collection', (args, kwargs) => {
      const list = collection(interp, args[0] ?? kwargs.get('key'));
      const scope = args[1] ?? kwargs.get('scope');
      if (!scope || scope.k === 'none') return { k: 'list', items: [...list.items] };
      return filterByScope(list.items, scope);
    }),
    get_collection_ref: builtin('get_collection_ref', (args, kwargs) =>
      collection(interp, args[0] ?? kwargs.get('key')),
    ),
    add_to_collection: builtin('add_to_collection', (args, kwargs) => {
      collection(interp, args[0] ?? kwargs.get('name')).items.push(
        args[1] ?? kwargs.get('value') ?? UNKNOWN_VALUE,
      );
      return NONE;
    }),
    add_to_collections: builtin('add_to_collections', (args, kwargs) => {
      const names = args[0] ?? kwargs.get('names');
      const keys = names && (names.k === 'list' || names.k === 'tuple') ? names.items : [names];
      for (const k of keys)
        collection(interp, k).items.push(args[1] ?? kwargs.get('value') ?? UNKNOWN_VALUE);
      return NONE;
    }),
  };
}

/** `tf.<attr>` (also `tf.compat.v1.<attr>` and `from tensorflow import <attr>`). */
export function tfAttr(interp: Interpreter, attr: string): Value {
  switch (attr) {
    case 'GraphKeys':
      return {
        k: 'object',
        kind: 'namespace',
        attrs: new Map(Object.entries(GRAPH_KEYS).map(([k, v]) => [k, str(v)] as [string, Value])),
      };
    case 'get_collection':
    case 'get_collection_ref':
    case 'add_to_collection':
    case 'add_to_collections':
      return collectionFns(interp)[attr];
    case 'global_variables':
    case 'all_variables':
    case 'trainable_variables':
    case 'local_variables':
    case 'model_variables':
    case 'moving_average_variables': {
      const key = attr === 'global_variables' || attr === 'all_variables' ? 'variables' : attr;
      return builtin(attr, () => ({ k: 'list', items: [...interp.tf.collection(key).items] }));
    }
    case 'get_default_graph':
      return builtin(attr, () => defaultGraph(interp));
    case 'gradients':
      return builtin(attr, (args, kwargs) => gradients(interp, args, kwargs));
    case 'cond':
      return builtin(attr, (args, kwargs, at) => cond(interp, args, kwargs, at));
    case 'case':
      return builtin(attr, (args, kwargs, at) => caseOf(interp, args, kwargs, at));
    case 'while_loop':
      return builtin(attr, (args, kwargs, at) => whileLoop(interp, args, kwargs, at));
    case 'TensorArray':
      return tensorArray();
    case 'control_dependencies':
      // Orders ops in a session; names and variables do not depend on it.
      return builtin(attr, () => ({ k: 'context', enter: () => NONE, exit: () => undefined }));
    case 'group':
    case 'no_op':
      // An op with no output: `group(*inputs, name=None)` is named by its name scope
      // (`group_deps`), `no_op(name=None)` `NoOp`.
      return builtin(attr, (args, kwargs) => {
        const n = kwargs.get('name') ?? (attr === 'no_op' ? args[0] : undefined);
        const base = n && n.k !== 'none' ? pyStr(n) : attr === 'group' ? 'group_deps' : 'NoOp';
        let name: Value = UNKNOWN_VALUE;
        if (base !== undefined) {
          try {
            // A name scope's string (`Adam/`) names the op as it is.
            name = str(base.endsWith('/') ? base.slice(0, -1) : interp.tf.names.uniqueName(base));
          } catch {
            // not a valid op name: TF raises; the op's name is not known
          }
        }
        return { k: 'object', kind: 'Operation', attrs: new Map([['name', name]]) };
      });
    case 'Tensor':
    case 'VariableScope':
    case 'PartitionedVariable':
      // Types for isinstance (Interpreter.isInstance); not constructed by programs.
      return { k: 'builtin', name: attr, call: () => UNKNOWN_VALUE };
    case 'as_dtype':
      return builtin(attr, (args, kwargs) => {
        const d = dtypeOf(args[0] ?? kwargs.get('type_value'));
        // TF returns a DType or raises: never None.
        return d ? dtypeValue(d.name) : UNKNOWN_DTYPE;
      });
    case 'Graph':
      return builtin(attr, () => graphObject(interp));
    case 'reset_default_graph':
      return builtin(attr, () => {
        interp.graphs[0] = interp.newGraph();
        return NONE;
      });
    case 'make_template':
      return builtin(attr, (args, kwargs) =>
        makeTemplate(interp, args[0] ?? kwargs.get('name_'), args[1] ?? kwargs.get('func_'), {
          unique: kwargs.get('unique_name_'),
          now: kwargs.get('create_scope_now_'),
          extra: new Map([...kwargs].filter(([k]) => !k.endsWith('_'))),
        }),
      );
    case 'AUTO_REUSE':
      return { k: 'object', kind: 'AUTO_REUSE', attrs: new Map() };
    case 'get_variable':
    case 'get_local_variable':
      return builtin(attr, (args, kwargs, at) => {
        const kw = new Map(kwargs);
        args.forEach(
          (a, i) => i < GET_VARIABLE_POSITIONAL.length && kw.set(GET_VARIABLE_POSITIONAL[i], a),
        );
        if (attr === 'get_local_variable') localVariable(kw);
        return getVariable(interp, kw, at, attr === 'get_variable');
      });
    case 'variable_scope':
      return builtin(attr, (args, kwargs, at) => interp.variableScope(args, kwargs, at));
    case 'get_variable_scope':
      return builtin(attr, () => ({ k: 'scope', scope: interp.tf.scopes.current }));
    case 'name_scope':
      // name_scope(name, default_name=None, values=None): `name`, else `default_name`.
      return builtin(attr, (args, kwargs) => {
        const n = args[0] ?? kwargs.get('name');
        return nameScope(
          interp,
          n === undefined || n.k === 'none' ? (args[1] ?? kwargs.get('default_name')) : n,
        );
      });
    case 'Variable':
    case 'VariableV1':
      return builtin(attr, (args, kwargs, at) => {
        const kw = new Map(kwargs);
        args.forEach((a, i) => i < VARIABLE_POSITIONAL.length && kw.set(VARIABLE_POSITIONAL[i], a));
        return newVariable(interp, kw, at);
      });
    case 'fixed_size_partitioner':
      return builtin(attr, (args, kwargs) => {
        const n = args[0] ?? kwargs.get('num_shards');
        const axis = args[1] ?? kwargs.get('axis') ?? { k: 'int', v: 0 };
        return n && n.k === 'int' && axis.k === 'int'
          ? partitionerValue(n.v, axis.v)
          : UNKNOWN_VALUE;
      });
    default:
      if (/_initializer$/.test(attr) || attr === 'initializers') {
        // Making an initializer object changes nothing TF knows: harmless for probes and loops.
        return harmlessBuiltin(attr, (args, kwargs) => {
          const attrs = new Map<string, Value>([['_kind', { k: 'str', v: attr }]]);
          // The arguments the initializer converts when the store calls it (checked against
          // the variable's dtype then: see checkInitializerCall in tf-model.ts), by name.
          const params = INITIALIZER_PARAMS[attr] ?? [];
          params.forEach((p, i) => {
            const v = args[i] ?? kwargs.get(p);
            if (v !== undefined) attrs.set(p, v);
          });
          const dtype = params.includes('dtype') ? attrs.get('dtype') : kwargs.get('dtype');
          if (dtype) attrs.set('_dtype', dtype);
          return { k: 'object', kind: 'Initializer', attrs };
        });
      }
      if (DTYPES.has(attr)) return dtypeValue(attr);
      return UNKNOWN_VALUE;
  }
}

function harmlessBuiltin(name: string, call: BuiltinFn): Value {
  return { k: 'builtin', name, call, harmless: true };
}

/**
 * What calling an initializer object returns (`init(shape=[3, 4])`, TF 1.15's
 * `Initializer.__call__(shape, dtype=None, partition_info=None)`): a tensor of that shape, of the
 * dtype asked for, else the initializer's own (float32 unless it was given one).
 */
export function initializerCall(
  init: Value & { k: 'object' },
  args: Value[],
  kwargs: Map<string, Value>,
): Value {
  const shape = args[0] ?? kwargs.get('shape');
  const asked = args[1] ?? kwargs.get('dtype');
  const own = init.attrs.get('_dtype');
  const dtype =
    asked && asked.k !== 'none'
      ? dtypeOf(asked)
      : own && own.k !== 'none'
        ? dtypeOf(own)
        : DTypes.float32;
  return tensor(null, dtype?.baseDType ?? null, shape ? shapeFromValue(shape) : null);
}

/** TF 1.15's initializer constructors' parameters, in order (those that matter when called). */
const INITIALIZER_PARAMS: Record<string, readonly string[]> = {
  constant_initializer: ['value', 'dtype', 'verify_shape'],
  random_normal_initializer: ['mean', 'stddev', 'seed', 'dtype'],
  truncated_normal_initializer: ['mean', 'stddev', 'seed', 'dtype'],
  random_uniform_initializer: ['minval', 'maxval', 'seed', 'dtype'],
  uniform_unit_scaling_initializer: ['factor', 'seed', 'dtype'],
  variance_scaling_initializer: ['scale', 'mode', 'distribution', 'seed', 'dtype'],
  glorot_uniform_initializer: ['seed', 'dtype'],
  glorot_normal_initializer: ['seed', 'dtype'],
};

/** `get_local_variable`: never trainable, in LOCAL_VARIABLES besides any given collections. */
function localVariable(kw: Map<string, Value>): void {
  kw.set('trainable', { k: 'bool', v: false });
  const given = kw.get('collections');
  const items = given && (given.k === 'list' || given.k === 'tuple') ? given.items : [];
  kw.set('collections', { k: 'list', items: [...items, str('local_variables')] });
}

/** `get_variable` with keyword arguments (positional ones already named). */
function getVariable(
  interp: Interpreter,
  kw: Map<string, Value>,
  at: Expr | null,
  record: boolean,
): Value {
  const raw = kw.get('name');
  if (!raw) return UNKNOWN_VALUE;
  if (!at) return UNKNOWN_VALUE;
  const label = at.kind === 'Call' && at.args[0] ? exprLabel(at.args[0]) : 'name';
  const name = pyStr(interp.named(raw, label));
  if (name === undefined) return UNKNOWN_VALUE;
  const tf = interp.tf;
  if (interp.explicitNameScopes > 0) {
    const ns = tf.names.currentScope;
    const own = tf.scopes.current.originalNameScope.replace(/\/$/, '');
    if (ns && ns !== own) {
      const vs = tf.scopes.current.name;
      interp.note('nameScopeIgnored', at, {
        nameScope: ns,
        name: vs ? `${vs}/${name}` : name,
        short: name,
      });
    }
  }
  // get_local_variable's own get_variable call is TF's, not the program's: not an event.
  try {
    return interp.guardTf(() => interp.tf.getVariable(at, name, kw, record));
  } catch (e) {
    const shape = kw.get('shape');
    const info = (e as { exc?: { info?: { code: string } } }).exc?.info;
    if (
      info?.code === ERROR_CODES.initializerInvalid &&
      shape &&
      (shape.k === 'list' || shape.k === 'tuple') &&
      shape.items.some((d) => d.k === 'none')
    ) {
      const dims = shape.items.map((d) =>
        d.k === 'int' ? String(d.v) : d.k === 'none' ? 'None' : '?',
      );
      interp.note('noneDimension', at, { shape: `[${dims.join(', ')}]` });
    }
    throw e;
  }
}

/** What TensorFlow 2 no longer has at the top level (tf.compat.v1 keeps it). */
export const TF1_ONLY = new Set([
  'variable_scope',
  'get_variable',
  'get_variable_scope',
  'get_local_variable',
  'make_template',
  'AUTO_REUSE',
  'reset_default_graph',
  'Session',
  'placeholder',
]);

function nameScope(interp: Interpreter, n: Value | undefined): Value {
  const name = n === undefined || n.k === 'none' ? null : pyStr(n);
  if (name === undefined) return UNKNOWN_VALUE;
  let restore = '';
  let tf: TfState | null = null;
  return {
    k: 'context',
    enter: () => {
      tf = interp.tf;
      const r = tf.names.enterNameScope(name);
      restore = r.restore;
      interp.explicitNameScopes++;
      return str(r.scope);
    },
    exit: () => {
      interp.explicitNameScopes--;
      tf?.names.exitNameScope(restore);
    },
  };
}

/** `tf.Variable`'s parameters in order (TF 1.15 `VariableV1.__init__`). */
const VARIABLE_POSITIONAL = [
  'initial_value',
  'trainable',
  'collections',
  'validate_shape',
  'caching_device',
  'name',
  'variable_def',
  'dtype',
  'expected_shape',
  'import_scope',
  'constraint',
  'use_resource',
  'synchronization',
  'aggregation',
  'shape',
];

/**
 * `tf.Variable(initial_value, ...)`: named by the name scope (`ops.name_scope(name,
 * "Variable")`: `Variable`, `Variable_1`, `ns/w`), shaped and typed by its initial value (or
 * `dtype=`, `shape=`, `validate_shape=False`), trainable unless told, in GLOBAL_VARIABLES or the
 * given collections. get_variable never sees it.
 */
function newVariable(interp: Interpreter, kw: Map<string, Value>, at: Expr | null): Value {
  const tf = interp.tf;
  const cur = tf.scopes.current;
  if (cur.reuse !== false && at) {
    const scope = cur.name || '<root>';
    // Made by library code (a Keras layer's weight): reported at the program's call into it.
    const site = interp.librarySite();
    if (site)
      interp.noteIn(site.file, 'libraryVariableUnderReuse', site.at, {
        scope,
        callee: calleeText(site.at),
      });
    else interp.note('variableUnderReuse', at, { scope });
  }
  const n = kw.get('name');
  let base = 'Variable';
  if (n && n.k !== 'none') {
    const s = pyStr(interp.named(n, 'name'));
    if (s === undefined) return UNKNOWN_VALUE;
    base = s;
  }
  let init = kw.get('initial_value') ?? NONE;
  if (init.k === 'none') return UNKNOWN_VALUE; // TF: "initial_value must be specified."
  let opName: string;
  try {
    opName = tf.names.withNameScope(base, (scope) => scope.slice(0, -1));
  } catch {
    return UNKNOWN_VALUE;
  }
  tf.names.markVariableOps(opName);
  if (at) tf.plainVariables.set(opName, { at, file: interp.currentFile });
  // The initial value is made inside the variable's name scope (`w/Initializer/...`): a
  // callable runs there.
  if (init.k === 'func' || init.k === 'builtin' || init.k === 'class' || init.k === 'instance')
    init = interp.callValue(init, [], new Map(), at);
  const info = tensorInfo(init);
  const dtype = dtypeOf(kw.get('dtype')) ?? info.dtype;
  const given = kw.get('shape');
  const validate = kw.get('validate_shape');
  const shape: AbstractShape =
    validate && validate.k === 'bool' && !validate.v
      ? null
      : given && given.k !== 'none'
        ? shapeFromValue(given)
        : info.shape;
  const trainableArg = kw.get('trainable');
  const trainable = trainableArg && trainableArg.k === 'bool' ? trainableArg.v : true;
  const collArg = kw.get('collections');
  const collections =
    collArg && (collArg.k === 'list' || collArg.k === 'tuple')
      ? collArg.items.flatMap((c) => (c.k === 'str' ? [c.v] : []))
      : ['variables'];
  if (trainable && !collections.includes('trainable_variables'))
    collections.push('trainable_variables');
  const resource = kw.get('use_resource');
  const isResource = !!resource && resource.k === 'bool' && resource.v;
  if (!at) return UNKNOWN_VALUE;
  // TF makes the variable whatever the value is: one whose dtype is not known here is still made
  // (its dtype a stand-in the analysis never reports).
  const known = dtype ?? DTypes.float32;
  return tf.plainVariable(at, {
    opName,
    key: opName,
    shape: shape as Shape,
    dtype: isResource ? known.baseDType : known.baseDType.asRef,
    isResource,
    trainable,
    collections,
    ...(dtype ? {} : { dtypeNotKnown: true }),
  });
}

/** How the program names what it calls at `at`: `tf.keras.layers.Dense(...)`, `opt.minimize`. */
function calleeText(at: Expr): string {
  const name = (e: Expr, depth: number): string | undefined => {
    if (depth > 8) return undefined;
    if (e.kind === 'Name') return e.id;
    if (e.kind === 'Attribute') {
      const base = name(e.value, depth + 1);
      return base === undefined ? undefined : `${base}.${e.attr}`;
    }
    if (e.kind === 'Call') {
      const f = name(e.func, depth + 1);
      return f === undefined ? undefined : `${f}(...)`;
    }
    return undefined;
  };
  return (at.kind === 'Call' ? name(at.func, 0) : undefined) ?? 'this call';
}

/** The default graph's object (one per graph, so `a.graph is b.graph` holds). */
export function defaultGraph(interp: Interpreter): Value {
  const state = interp.tf;
  let g = defaultGraphs.get(state);
  if (!g) {
    g = {
      k: 'object',
      kind: 'Graph',
      attrs: new Map<string, Value>([
        ...Object.entries(collectionFns(interp)),
        ['get_name_scope', builtin('get_name_scope', () => str(state.names.currentScope))],
        ['control_dependencies', tfAttr(interp, 'control_dependencies')],
        [
          'unique_name',
          builtin('unique_name', (args, kwargs) => {
            const n = args[0] ?? kwargs.get('name');
            const mark = args[1] ?? kwargs.get('mark_as_used');
            const name = n ? pyStr(n) : undefined;
            if (name === undefined) return UNKNOWN_VALUE;
            try {
              return str(state.names.uniqueName(name, !(mark && mark.k === 'bool' && !mark.v)));
            } catch {
              return UNKNOWN_VALUE;
            }
          }),
        ],
      ]),
    };
    defaultGraphs.set(state, g);
  }
  return g;
}

const defaultGraphs = new WeakMap<TfState, Value>();

/**
 * `tf.gradients(ys, xs)`: for each of `xs`, a gradient shaped like it, or None when `ys` does
 * not depend on it through ops gradients flow through (TF's `gradients_util`). When what `ys`
 * depends on is not known, the gradient is assumed to exist and marked `assumed`: what is made
 * from it (an optimizer's slots) is then a possible outcome, not a certain one. The ops are
 * made under name scope `gradients` (`gradients_1`, ...), as TF's are.
 */
function gradients(interp: Interpreter, args: Value[], kwargs: Map<string, Value>): Value {
  const ys = args[0] ?? kwargs.get('ys') ?? UNKNOWN_VALUE;
  const xs = args[1] ?? kwargs.get('xs') ?? UNKNOWN_VALUE;
  const n = args[3] ?? kwargs.get('name');
  try {
    interp.tf.names.uniqueName(n && n.k === 'str' ? n.v : 'gradients');
  } catch {
    // a name that cannot be a scope: TF raises; the gradients are still not known
  }
  const items = xs.k === 'list' || xs.k === 'tuple' ? xs.items : [xs];
  if (!(xs.k === 'list' || xs.k === 'tuple') && !isTensorLike(xs)) return UNKNOWN_VALUE;
  const reach = depsOf(ys);
  const stop = args[4] ?? kwargs.get('stop_gradients');
  const stopped = stop && stop.k !== 'none' ? depsOf(stop) : new Set<never>();
  const out = items.map((x): Value => {
    const info = tensorInfo(x);
    // Gradients flow only through floating and complex tensors (TF's `_IsTrainable`; `Cast`
    // gives none to an integer input): an integer `global_step` in `xs` always gets None.
    const dt = info.dtype?.baseDType;
    if (dt && (dt.isInteger || dt.isBool || dt.name === 'string')) return NONE;
    const grad = tensor(null, info.dtype, info.shape);
    const own = x.k === 'variable' ? x.v : x.k === 'partitioned' ? null : undefined;
    if (own === undefined || own === null || reach === undefined || stopped === undefined)
      return { ...(grad as Value & { k: 'tensor' }), assumed: true };
    if (!reach.has(own) || stopped.has(own)) return NONE;
    return withDeps(grad, reach, anyAssumed([ys]));
  });
  if (out.some((g) => g.k === 'tensor' && g.assumed)) interp.assumeAtSite();
  return { k: 'list', items: out };
}

function graphObject(interp: Interpreter): Value {
  const state = interp.newGraph();
  const attrs = new Map<string, Value>();
  attrs.set(
    'as_default',
    builtin('as_default', () => ({
      k: 'context',
      enter: () => {
        interp.graphs.push(state);
        return UNKNOWN_VALUE;
      },
      exit: () => {
        interp.graphs.pop();
      },
    })),
  );
  attrs.set('__state__', { k: 'object', kind: 'GraphState', attrs: new Map() });
  graphStates.set(attrs, state);
  return { k: 'object', kind: 'Graph', attrs };
}

const graphStates = new WeakMap<Map<string, Value>, TfState>();

/**
 * `tf.make_template(name, func, create_scope_now_=False, unique_name_=None)`: the first call
 * enters `variable_scope(unique_name_, default_name=name)`, later calls re-enter that scope
 * with reuse (TF 1.15 `template.py`, as src/engine/template.ts does).
 */
function makeTemplate(
  interp: Interpreter,
  name: Value | undefined,
  func: Value | undefined,
  o: { unique?: Value; now?: Value; extra: Map<string, Value> },
): Value {
  if (!name || name.k !== 'str' || !func) return UNKNOWN_VALUE;
  const uniqueName = o.unique && o.unique.k === 'str' ? o.unique.v : null;
  let scope: Scope | null = null;
  let first = true;
  if (o.now && o.now.k === 'bool' && o.now.v) {
    const scopes = interp.tf.scopes;
    const frame = scopes.enterPureOnly(uniqueName ?? scopes.uniqueScopeName(name.v));
    scope = frame.scope;
    scopes.exit(frame);
  }
  const attrs = new Map<string, Value>();
  const call = builtin('template', (callArgs, callKwargs, at) => {
    const kw = new Map([...o.extra, ...callKwargs]);
    const run = () => interp.callValue(func, callArgs, kw, at);
    const args: VariableScopeArgs<AnalyzerSlots> = scope
      ? { nameOrScope: scope, reuse: first ? null : true }
      : { nameOrScope: uniqueName, defaultName: name.v };
    const result = interp.guardTf(() =>
      interp.tf.scopes.run(args, (s) => {
        scope = s;
        return run();
      }),
    );
    first = false;
    return result;
  });
  attrs.set('__call__', call);
  return { k: 'object', kind: 'Template', attrs };
}

// -- control flow --------------------------------------------------------------------------------

/** Runs `fn` in the name scope `name` (default `dflt`), as TF's control flow builds its ops. */
function inNameScope<T>(
  interp: Interpreter,
  name: Value | undefined,
  dflt: string,
  fn: () => T,
): T {
  const n = name === undefined || name.k === 'none' ? dflt : (pyStr(name) ?? dflt);
  const names = interp.tf.names;
  let entered: { restore: string } | null = null;
  try {
    entered = names.enterNameScope(n);
  } catch {
    // not a valid scope name: TF raises; the branches still run (their variables are seen)
  }
  try {
    return fn();
  } finally {
    if (entered) names.exitNameScope(entered.restore);
  }
}

/** A cond's result: the true branch's structure; each tensor with the shape both give. */
function mergeBranches(a: Value, b: Value): Value {
  if ((a.k === 'list' || a.k === 'tuple') && b.k === a.k && a.items.length === b.items.length) {
    return { ...a, items: a.items.map((x, i) => mergeBranches(x, b.items[i])) };
  }
  // A tensor on either side: TF requires both branches' dtypes to agree, so a branch the
  // analyzer cannot see into (an unmodelled op) still gives the other's dtype.
  const tensorOrUnknown = (v: Value) => isTensorLike(v) || v.k === 'unknown';
  if ((a.k === 'tensor' || b.k === 'tensor') && tensorOrUnknown(a) && tensorOrUnknown(b)) {
    const ta = tensorInfo(a);
    const tb = tensorInfo(b);
    return withDeps(
      tensor(null, ta.dtype ?? tb.dtype, mergeShapes(ta.shape, tb.shape)),
      unionDeps([a, b]),
    );
  }
  return a;
}

function mergeShapes(a: AbstractShape, b: AbstractShape): AbstractShape {
  // What the analyzer does not know on one side is not known in the merge.
  if (a === UNKNOWN || b === UNKNOWN) return UNKNOWN;
  if (!Array.isArray(a) || !Array.isArray(b))
    return a === b ? a : a === null || b === null ? null : a;
  if (a.length !== b.length) return null;
  return a.map((d, i) => (d === b[i] ? d : null));
}

function unpackSingleton(v: Value): Value {
  return (v.k === 'list' || v.k === 'tuple') && v.items.length === 1 ? v.items[0] : v;
}

/**
 * `tf.cond(pred, true_fn, false_fn, strict=False, name=None)`: TF 1.15 calls each branch
 * function once, the true one first, in the name scope `cond` (control_flow_ops.py).
 */
function cond(interp: Interpreter, args: Value[], kwargs: Map<string, Value>, at: Expr): Value {
  const tfn = args[1] ?? kwargs.get('true_fn') ?? kwargs.get('fn1');
  const ffn = args[2] ?? kwargs.get('false_fn') ?? kwargs.get('fn2');
  const strict = args[3] ?? kwargs.get('strict');
  if (!tfn || !ffn) return UNKNOWN_VALUE;
  return inNameScope(interp, args[4] ?? kwargs.get('name'), 'cond', () => {
    let t = interp.callValue(tfn, [], new Map(), at);
    let f = interp.callValue(ffn, [], new Map(), at);
    if (!(strict && strict.k === 'bool' && strict.v)) {
      t = unpackSingleton(t);
      f = unpackSingleton(f);
    }
    return mergeBranches(t, f);
  });
}

/**
 * `tf.case(pred_fn_pairs, default=None, exclusive=False, strict=False, name='case')`: nested
 * conds calling each pair's function once, then the default (control_flow_ops.py `_case_helper`).
 */
function caseOf(interp: Interpreter, args: Value[], kwargs: Map<string, Value>, at: Expr): Value {
  const pairs = args[0] ?? kwargs.get('pred_fn_pairs');
  const dflt = args[1] ?? kwargs.get('default');
  if (!pairs || (pairs.k !== 'list' && pairs.k !== 'tuple')) return UNKNOWN_VALUE;
  return inNameScope(interp, args[4] ?? kwargs.get('name'), 'case', () => {
    let result: Value | null = null;
    for (const pair of pairs.items) {
      if (pair.k !== 'tuple' || pair.items.length !== 2) return UNKNOWN_VALUE;
      const r = unpackSingleton(interp.callValue(pair.items[1], [], new Map(), at));
      result = result === null ? r : mergeBranches(result, r);
    }
    if (dflt && dflt.k !== 'none') {
      const r = unpackSingleton(interp.callValue(dflt, [], new Map(), at));
      result = result === null ? r : mergeBranches(result, r);
    }
    return result ?? UNKNOWN_VALUE;
  });
}

/**
 * `tf.while_loop(cond, body, loop_vars, shape_invariants=None, ..., name=None)`: TF 1.15 calls
 * `cond` and `body` once each, on the loop variables, in the name scope `while`; the results
 * have the loop variables' structure (control_flow_ops.py `WhileContext.BuildLoop`).
 */
function whileLoop(
  interp: Interpreter,
  args: Value[],
  kwargs: Map<string, Value>,
  at: Expr,
): Value {
  const condFn = args[0] ?? kwargs.get('cond');
  const body = args[1] ?? kwargs.get('body');
  const loopVars = args[2] ?? kwargs.get('loop_vars');
  if (!condFn || !body || !loopVars) return UNKNOWN_VALUE;
  const spread = (v: Value): Value[] => (v.k === 'list' || v.k === 'tuple' ? [...v.items] : [v]);
  const same = args[9] ?? kwargs.get('return_same_structure');
  return inNameScope(interp, args[7] ?? kwargs.get('name'), 'while', () => {
    interp.callValue(condFn, spread(loopVars), new Map(), at);
    const out = interp.callValue(body, spread(loopVars), new Map(), at);
    if (loopVars.k === 'list' || loopVars.k === 'tuple') {
      const items = spread(out);
      if (items.length !== loopVars.items.length) return UNKNOWN_VALUE;
      const results = loopVars.items.map((v, i) => loopResult(v, items[i]));
      // One loop variable comes back alone unless return_same_structure (BuildLoop).
      if (results.length === 1 && !(same && same.k === 'bool' && same.v)) return results[0];
      return { ...loopVars, items: results };
    }
    return loopResult(loopVars, out);
  });
}

/** A loop variable after the loop: its dtype, with the shape the body keeps (else unknown). */
function loopResult(before: Value, after: Value): Value {
  if (!isTensorLike(before)) return after.k === 'unknown' ? UNKNOWN_VALUE : before;
  const info = tensorInfo(before);
  const shape = isTensorLike(after) ? mergeShapes(info.shape, tensorInfo(after).shape) : info.shape;
  return withDeps(tensor(null, info.dtype, shape), unionDeps([before, after]));
}

// -- the TypeScript engine API ------------------------------------------------------------------

/** Engine option names and the Python keyword each stands for. */
const OPTION_NAMES: Record<string, string> = {
  reuse: 'reuse',
  initializer: 'initializer',
  regularizer: 'regularizer',
  partitioner: 'partitioner',
  customGetter: 'custom_getter',
  defaultName: 'default_name',
  auxiliaryNameScope: 'auxiliary_name_scope',
  dtype: 'dtype',
  useResource: 'use_resource',
  shape: 'shape',
  trainable: 'trainable',
  collections: 'collections',
  cachingDevice: 'caching_device',
  constraint: 'constraint',
  validateShape: 'validate_shape',
};

/** An options object as keyword arguments (an unknown object: none). */
function options(v: Value | undefined): Map<string, Value> {
  const out = new Map<string, Value>();
  if (v && v.k === 'dict') {
    for (const [k, val] of v.entries) {
      if (k.k !== 'str') continue;
      const name = OPTION_NAMES[k.v];
      if (name && val.k !== 'none') out.set(name, val);
    }
  }
  return out;
}

function isCallable(v: Value | undefined): boolean {
  return !!v && (v.k === 'func' || v.k === 'builtin');
}

/** A name imported from 'scope-lens' (or read from its namespace object). */
export function engineAttr(interp: Interpreter, attr: string): Value {
  switch (attr) {
    case 'variableScope':
      return builtin(attr, (args, _kw, at) => {
        const fn = isCallable(args[1]) ? args[1] : args[2];
        const opts = isCallable(args[1]) ? new Map<string, Value>() : options(args[1]);
        if (!fn) return UNKNOWN_VALUE;
        const ctx = interp.variableScope([args[0] ?? NONE], opts, at);
        if (ctx.k !== 'context')
          return interp.callValue(fn, [UNKNOWN_VALUE], new Map(), at, false, true);
        const scope = interp.guardTf(() => ctx.enter());
        try {
          return interp.callValue(fn, [scope], new Map(), at, false, true);
        } finally {
          ctx.exit();
        }
      });
    case 'getVariable':
    case 'getLocalVariable':
      return builtin(attr, (args, _kw, at) => {
        const kw = options(args[1]);
        kw.set('name', args[0] ?? UNKNOWN_VALUE);
        if (attr === 'getLocalVariable') localVariable(kw);
        return getVariable(interp, kw, at, true);
      });
    case 'getVariableScope':
      return builtin(attr, () => ({ k: 'scope', scope: interp.tf.scopes.current }));
    case 'nameScope':
      return builtin(attr, (args, _kw, at) => {
        const ctx = nameScope(interp, args[0]);
        const fn = args[1];
        if (!fn) return UNKNOWN_VALUE;
        if (ctx.k !== 'context')
          return interp.callValue(fn, [UNKNOWN_VALUE], new Map(), at, false, true);
        const s = ctx.enter();
        try {
          return interp.callValue(fn, [s], new Map(), at, false, true);
        } finally {
          ctx.exit();
        }
      });
    case 'variable':
      return builtin(attr, (args, _kw, at) => {
        // engine.variable(initialValue, { name, trainable, collections, dtype, useResource })
        const o = args[1];
        const kw = new Map<string, Value>([['initial_value', args[0] ?? UNKNOWN_VALUE]]);
        if (o && o.k === 'dict') {
          const keys: Record<string, string> = {
            name: 'name',
            trainable: 'trainable',
            collections: 'collections',
            dtype: 'dtype',
            useResource: 'use_resource',
          };
          for (const [k, v] of o.entries)
            if (k.k === 'str' && keys[k.v] && v.k !== 'none') kw.set(keys[k.v], v);
        }
        return newVariable(interp, kw, at);
      });
    case 'makeTemplate':
      return builtin(attr, (args) => {
        const o = args[2] && args[2].k === 'dict' ? args[2] : undefined;
        const get = (k: string) => o?.entries.find(([key]) => key.k === 'str' && key.v === k)?.[1];
        return makeTemplate(interp, args[0], args[1], {
          unique: get('uniqueName'),
          now: get('createScopeNow'),
          extra: new Map(),
        });
      });
    case 'AUTO_REUSE':
      return { k: 'object', kind: 'AUTO_REUSE', attrs: new Map() };
    case 'resetDefaultGraph':
      return builtin(attr, () => {
        interp.graphs[0] = interp.newGraph();
        return NONE;
      });
    case 'Graph':
      return builtin(attr, () => graphObject(interp));
    case 'withGraph':
      return builtin(attr, (args, _kw, at) => {
        const g = args[0];
        const state = g && g.k === 'object' ? graphStates.get(g.attrs) : undefined;
        const fn = args[1];
        if (!state || !fn) return UNKNOWN_VALUE;
        interp.graphs.push(state);
        try {
          return interp.callValue(fn, [g], new Map(), at, false, true);
        } finally {
          interp.graphs.pop();
        }
      });
    case 'initializers':
      // Every `initializers.X(...)` makes an initializer (see Interpreter.attribute).
      return { k: 'object', kind: 'InitializerNamespace', attrs: new Map() };
    case 'partitioners':
      return {
        k: 'object',
        kind: 'namespace',
        attrs: new Map([
          [
            'fixedSizePartitioner',
            builtin('fixedSizePartitioner', (args) => {
              const n = args[0];
              const axis = args[1] ?? { k: 'int', v: 0 };
              return n && n.k === 'int' && axis.k === 'int'
                ? partitionerValue(n.v, axis.v)
                : UNKNOWN_VALUE;
            }),
          ],
        ]),
      };
    case 'ValueError':
    case 'TypeError':
    case 'NotImplementedError':
    case 'ScopeLensError':
      return { k: 'exctype', cls: attr === 'ScopeLensError' ? 'Exception' : attr };
    case 'DTypes':
      return {
        k: 'object',
        kind: 'namespace',
        attrs: new Map([...DTYPES].map((d) => [d, dtypeValue(d)] as [string, Value])),
      };
    default:
      return UNKNOWN_VALUE;
  }
}
