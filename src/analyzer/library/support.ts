/**
 * The functions of `tensorflow/_lib/_support.py` modelled natively: the one module through which
 * the layer libraries reach what is not TF 1.15's public API. Each function here stands for the
 * Python function of the same name (which the runtime executes); after the module's source has
 * run in the analyzer, these replace its definitions. Keep this list as short as `_support.py`.
 */
import type { Interpreter } from '../interpreter/interpreter';
import { UNKNOWN } from '../../core/shape';
import {
  depsOf,
  dtypeOf,
  shapeFromValue,
  tensor,
  tensorInfo,
  withDeps,
} from '../interpreter/tensors';
import type { Value } from '../interpreter/values';
import { UNKNOWN_VALUE } from '../interpreter/values';

function builtin(name: string, call: (args: Value[], kwargs: Map<string, Value>) => Value): Value {
  return { k: 'builtin', name, call: (args, kwargs) => call(args, kwargs) };
}

/** A native that only reads its arguments (a probe may call it). */
function harmless(name: string, call: (args: Value[], kwargs: Map<string, Value>) => Value): Value {
  return { k: 'builtin', name, harmless: true, call: (args, kwargs) => call(args, kwargs) };
}

/**
 * The natives, by the name `_support.py` gives them. `python`: the module's own definitions,
 * which a native may run where it needs no native answer.
 */
export function supportNatives(
  interp: Interpreter,
  python: ReadonlyMap<string, Value>,
): Map<string, Value> {
  return new Map<string, Value>([
    [
      // `math_ops.cast` as the optimizers use it. With both dtypes known, the Python function
      // (no `Cast` op when they are the same); otherwise a tensor of `dtype` and `x`'s shape,
      // without choosing between the two (they differ only by a `Cast` op).
      'cast',
      builtin('cast', (args, kwargs) => {
        const x = args[0] ?? kwargs.get('x');
        const to = dtypeOf(args[1] ?? kwargs.get('dtype'));
        if (!x) return UNKNOWN_VALUE;
        const own = tensorInfo(x);
        const fn = python.get('cast');
        if (to && own.dtype && fn) return interp.callValue(fn, args, kwargs, null);
        return withDeps(tensor(null, to?.baseDType ?? null, own.shape), depsOf(x));
      }),
    ],
    [
      // `dtype.is_floating`, and True for a dtype not known.
      'floating',
      harmless('floating', (args, kwargs) => {
        const d = args[0] ?? kwargs.get('dtype') ?? UNKNOWN_VALUE;
        const dt = dtypeOf(d);
        return { k: 'bool', v: dt ? dt.isFloating : true };
      }),
    ],
    [
      // False for a value not known.
      'known',
      harmless('known', (args, kwargs) => {
        const x = args[0] ?? kwargs.get('x') ?? UNKNOWN_VALUE;
        return { k: 'bool', v: x.k !== 'unknown' };
      }),
    ],
    [
      // `list(vars(obj).values())`: an instance's attribute values, in the order they were set.
      // Its one caller keeps the layers among them (and in lists and tuples of them), so only
      // instances are given, and lists and tuples with only their instances: asking
      // `isinstance` of the rest (variables, ops, initializers, functions, unknowns) could only
      // fork paths over what cannot be a layer.
      'attribute_values',
      builtin('attribute_values', (args, kwargs) => {
        const obj = args[0] ?? kwargs.get('obj');
        if (!obj || obj.k !== 'instance') return UNKNOWN_VALUE;
        const items: Value[] = [];
        for (const v of obj.attrs.values()) {
          if (v.k === 'instance') items.push(v);
          else if (v.k === 'list' || v.k === 'tuple') {
            const held = v.items.filter((item) => item.k === 'instance');
            if (held.length > 0) items.push({ k: 'list', items: held });
          }
        }
        return { k: 'list', items };
      }),
    ],
    [
      // What Keras's `add_update` keeps of an update: its op. The analyzer does not follow
      // updates' ops (nothing it reports is named by them), so the update itself stands for
      // its op, without asking `isinstance(x, tf.Operation)` of a value it may not know.
      'update_op',
      builtin('update_op', (args, kwargs) => args[0] ?? kwargs.get('x') ?? UNKNOWN_VALUE),
    ],
    [
      // `type(obj).__name__`.
      'class_name',
      builtin('class_name', (args, kwargs) => {
        const obj = args[0] ?? kwargs.get('obj');
        return obj && obj.k === 'instance' ? { k: 'str', v: obj.cls.name } : UNKNOWN_VALUE;
      }),
    ],
    [
      // A tensor of static `shape` and `dtype` made by an op `op_type` named `name` (default
      // `op_type`) in the current name scope.
      'unimplemented_op',
      builtin('unimplemented_op', (args, kwargs) => {
        const arg = (i: number, k: string) => args[i] ?? kwargs.get(k);
        const type = arg(0, 'op_type');
        const n = arg(4, 'name');
        const base = n && n.k !== 'none' ? n : type;
        let name: string | null = null;
        if (base && base.k === 'str') {
          try {
            name = `${interp.tf.names.uniqueName(base.v)}:0`;
          } catch {
            name = null;
          }
        }
        return tensor(
          name,
          dtypeOf(arg(2, 'dtype')),
          shapeFromValue(arg(3, 'shape') ?? UNKNOWN_VALUE),
        );
      }),
    ],
    [
      // The size of a tensor's first dimension TF knows statically: an int, else None; also
      // None where the analyzer cannot tell (the caller builds the `tf.shape` form, no fork).
      'static_size',
      builtin('static_size', (args, kwargs) => {
        const x = args[0] ?? kwargs.get('x') ?? UNKNOWN_VALUE;
        const shape = x.k === 'unknown' ? UNKNOWN : tensorInfo(x).shape;
        const first = Array.isArray(shape) && shape.length > 0 ? shape[0] : null;
        return typeof first === 'number' ? { k: 'int', v: first } : { k: 'none' };
      }),
    ],
    [
      // The names of a function's positional parameters; a bound method's without its first
      // (`self`), an instance's `__call__`'s likewise. Anything else is not known.
      'fn_args',
      builtin('fn_args', (args, kwargs) => {
        const fn = args[0] ?? kwargs.get('fn') ?? UNKNOWN_VALUE;
        const names = (f: Value & { k: 'func' }, drop: number): Value => ({
          k: 'tuple',
          items: f.def.params
            .filter((p) => p.paramKind === 'positional')
            .slice(drop)
            .map((p) => ({ k: 'str', v: p.name })),
        });
        if (fn.k === 'func') return names(fn, 0);
        if (fn.k === 'builtin' && fn.method) return names(fn.method, 1);
        if (fn.k === 'instance') {
          const call = interp.attribute(fn, '__call__');
          if (call.k === 'builtin' && call.method) return names(call.method, 1);
        }
        return UNKNOWN_VALUE;
      }),
    ],
    [
      // `isinstance(x, tf.data.Dataset)`: a dataset the program made is one, and nothing else
      // the analyzer knows is.
      'is_dataset',
      builtin('is_dataset', (args, kwargs) => {
        const x = args[0] ?? kwargs.get('x') ?? UNKNOWN_VALUE;
        if (x.k === 'unknown') return UNKNOWN_VALUE;
        return { k: 'bool', v: x.k === 'object' && x.kind === 'Dataset' };
      }),
    ],
    [
      // A batch dequeued from a queue of NumPy arrays' rows: per column, a tensor of its dtype
      // and shape with `batch_size` rows (`dequeue_many`) or an unknown number (`up_to`).
      'queue_batch',
      builtin('queue_batch', (args, kwargs) => {
        const columns = args[0] ?? kwargs.get('columns');
        const size = args[1] ?? kwargs.get('batch_size');
        const many = args[2] ?? kwargs.get('many');
        if (!columns || columns.k !== 'list') return UNKNOWN_VALUE;
        // `dequeue_up_to`'s first dimension is TF's unknown (None); `dequeue_many`'s the size.
        const rows =
          !many || many.k !== 'bool'
            ? UNKNOWN
            : !many.v
              ? null
              : size && size.k === 'int'
                ? size.v
                : UNKNOWN;
        return {
          k: 'list',
          items: columns.items.map((c) => {
            const info = tensorInfo(c);
            const shape = Array.isArray(info.shape) ? [rows, ...info.shape.slice(1)] : UNKNOWN;
            return withDeps(tensor(null, info.dtype, shape), new Set());
          }),
        };
      }),
    ],
    [
      // `x` itself; a value the analyzer does not know (an unmodelled op's output) is a tensor
      // of a dtype and shape it does not know, depending on what that value depended on.
      'graph_tensor',
      builtin('graph_tensor', (args, kwargs) => {
        const asTensor = (x: Value): Value =>
          x.k === 'unknown' ? withDeps(tensor(null, null, UNKNOWN), x.deps) : x;
        const x = args[0] ?? kwargs.get('x') ?? UNKNOWN_VALUE;
        if (x.k === 'list' || x.k === 'tuple') return { ...x, items: x.items.map(asTensor) };
        return asTensor(x);
      }),
    ],
  ]);
}
