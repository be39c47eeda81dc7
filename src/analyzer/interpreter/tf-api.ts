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
import { NONE, pyStr, UNKNOWN_VALUE, Value } from './values';

type Scope = Extract<Value, { k: 'scope' }>['scope'];

const DTYPES = new Set([
  'float16',
  'float32',
  'float64',
  'int8',
  'int16',
  'int32',
  'int64',
  'uint8',
  'bool',
  'string',
  'complex64',
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

function dtypeValue(name: string): Value {
  return { k: 'object', kind: 'DType', attrs: new Map([['name', str(name)]]) };
}

/** `tf.<attr>` (also `tf.compat.v1.<attr>` and `from tensorflow import <attr>`). */
export function tfAttr(interp: Interpreter, attr: string): Value {
  switch (attr) {
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
      return builtin(attr, (args, kwargs) => nameScope(interp, args[0] ?? kwargs.get('name')));
    case 'Variable':
      return builtin(attr, (_args, kwargs, at) => newVariable(interp, kwargs.get('name'), at));
    case 'constant':
    case 'identity':
    case 'add':
    case 'subtract':
    case 'multiply':
      return builtin(attr, (args, kwargs) => {
        const tf = interp.tf;
        const n = kwargs.get('name') ?? (attr === 'constant' ? undefined : args[OP_NAME_ARG[attr]]);
        const opName = tf.names.uniqueName(n && n.k === 'str' ? n.v : OP_TYPE[attr]);
        const source = args[0] ?? UNKNOWN_VALUE;
        const dtype =
          kwargs.get('dtype') ?? (attr === 'constant' ? inferDType(source) : UNKNOWN_VALUE);
        const shape = attr === 'constant' ? inferShape(source) : UNKNOWN_VALUE;
        return {
          k: 'object',
          kind: 'Tensor',
          attrs: new Map([
            ['name', str(`${opName}:0`)],
            ['dtype', dtype],
            ['shape', shape],
          ]),
        };
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
        return builtin(attr, () => ({ k: 'object', kind: 'Initializer', attrs: new Map() }));
      }
      if (DTYPES.has(attr)) return dtypeValue(attr);
      return UNKNOWN_VALUE;
  }
}

/** The ops `tf.constant`, `tf.identity`, `tf.add`, ... make: their default op names. */
const OP_TYPE: Record<string, string> = {
  constant: 'Const',
  identity: 'Identity',
  add: 'Add',
  subtract: 'Sub',
  multiply: 'Mul',
};
/** Where such an op takes `name` positionally. */
const OP_NAME_ARG: Record<string, number> = { identity: 1, add: 2, subtract: 2, multiply: 2 };

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

function newVariable(interp: Interpreter, n: Value | undefined, at: Expr | null): Value {
  const tf = interp.tf;
  const cur = tf.scopes.current;
  if (cur.reuse !== false && at)
    interp.note('variableUnderReuse', at, { scope: cur.name || '<root>' });
  const base = n && n.k === 'str' ? n.v : 'Variable';
  const opName = tf.names.withNameScope(base, (scope) => scope.slice(0, -1));
  tf.names.markVariableOps(opName);
  if (at) tf.plainVariables.set(opName, { at, file: interp.currentFile });
  return UNKNOWN_VALUE;
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
        if (ctx.k !== 'context') return interp.callValue(fn, [UNKNOWN_VALUE], new Map(), at);
        const scope = interp.guardTf(() => ctx.enter());
        try {
          return interp.callValue(fn, [scope], new Map(), at);
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
        if (ctx.k !== 'context') return interp.callValue(fn, [UNKNOWN_VALUE], new Map(), at);
        const s = ctx.enter();
        try {
          return interp.callValue(fn, [s], new Map(), at);
        } finally {
          ctx.exit();
        }
      });
    case 'variable':
      return builtin(attr, (args, _kw, at) => {
        const o = args[1];
        const name =
          o && o.k === 'dict'
            ? o.entries.find(([k]) => k.k === 'str' && k.v === 'name')?.[1]
            : undefined;
        return newVariable(interp, name, at);
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
          return interp.callValue(fn, [g], new Map(), at);
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

/** The dtype TF infers for a Python value passed to `tf.constant`. */
function inferDType(v: Value): Value {
  const name = (x: Value): string | null => {
    if (x.k === 'int') return 'int32';
    if (x.k === 'float') return 'float32';
    if (x.k === 'bool') return 'bool';
    if (x.k === 'str') return 'string';
    if (x.k === 'list' || x.k === 'tuple') {
      const names = x.items.map(name);
      if (names.some((n) => n === null)) return null;
      if (names.includes('float32')) return 'float32';
      return names[0] ?? 'float32';
    }
    return null;
  };
  const n = name(v);
  return n ? dtypeValue(n) : UNKNOWN_VALUE;
}

/** The shape of a (nested) list value, as a list of ints. */
function inferShape(v: Value): Value {
  const dims: Value[] = [];
  let cur = v;
  while (cur.k === 'list' || cur.k === 'tuple') {
    dims.push({ k: 'int', v: cur.items.length });
    if (cur.items.length === 0) break;
    cur = cur.items[0];
  }
  if (cur.k === 'unknown') return UNKNOWN_VALUE;
  return { k: 'list', items: dims };
}
