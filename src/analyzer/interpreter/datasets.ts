/**
 * `tf.data` as the analyzer sees it: a dataset carries the structure of its element (tensors of
 * TF's static shapes and dtypes, in tuples and dicts) through the transformations TF 1.15 defines,
 * so what `iterator.get_next()` hands a model has the shapes `dataset_ops.py` gives it and a
 * layer on it gets its kernel's shape (`dense(features, 64)` on a batch of 32-wide rows:
 * (32, 64)). The runtime does not run `tf.data` (docs/python-api.md); this is the analyzer's
 * alone, and what it cannot follow is a tensor of a shape it does not know, never a guess.
 *
 * Rules (TF 1.15, `tensorflow/python/data/ops/dataset_ops.py` and `data/util/nest.py`):
 * - tuples and dicts are structure; a list is one tensor (tf.data's `nest` does not descend
 *   into lists);
 * - `from_tensor_slices` drops each component's first dimension, `from_tensors` keeps it;
 * - `batch` / `padded_batch` add a first dimension: the batch size with `drop_remainder=True`,
 *   else unknown (`?`); `padded_batch` takes the other dimensions from `padded_shapes`;
 * - `map` / `flat_map` / `interleave` trace their function once on the element's components
 *   (a tuple is passed as positional arguments), in a graph of their own: the ops the function
 *   builds take no names in the program's graph;
 * - `zip` makes the structure of the datasets it is given; filter, shuffle, repeat, prefetch,
 *   cache, take, skip, shard and concatenate keep the element;
 * - text and record file datasets hand out scalar strings, `range` int64 scalars;
 * - `tf.data.experimental`'s (`tf.contrib.data`'s) transformations, given to `apply`, are the
 *   methods they fuse: `map_and_batch` maps then batches, `shuffle_and_repeat` and
 *   `prefetch_to_device` keep the element.
 * What `get_next()` hands out depends on no variable, whatever the dataset was made from: its
 * op reads the iterator's resource, so no graph path leads from a variable to it and TF's
 * gradients through it are None (an input pipeline is not trained).
 */
import { DTypes, type DType } from '../../core/dtypes';
import { UNKNOWN, type AbstractShape } from '../../core/shape';
import type { Expr } from '../ir';
import { builtin, sameKey, type Interpreter } from './interpreter';
import {
  dtypeOf,
  dtypeValue,
  isTensorLike,
  shapeFromValue,
  tensor,
  tensorInfo,
  tshape,
  unionDeps,
  withDeps,
} from './tensors';
import { isNdarray } from './numpy';
import { argAt, PyRaise, UNKNOWN_VALUE, type Value } from './values';

/** A tensor of the element: what the analyzer knows of one component. */
function component(dtype: DType | null, shape: AbstractShape, from?: Value): Value {
  const t = tensor(null, dtype, shape);
  return from === undefined ? withDeps(t, new Set()) : withDeps(t, unionDeps([from]));
}

/** A structure of components made from a Python value (`from_tensors`, `from_tensor_slices`). */
function structureOf(v: Value, slice: boolean, depth = 0): Value {
  if (depth > 8) return component(null, UNKNOWN, v);
  if (v.k === 'tuple')
    return { k: 'tuple', items: v.items.map((x) => structureOf(x, slice, depth + 1)) };
  if (v.k === 'dict')
    return {
      k: 'dict',
      entries: v.entries.map(([key, x]) => [key, structureOf(x, slice, depth + 1)]),
    };
  if (
    isTensorLike(v) ||
    isNdarray(v) ||
    v.k === 'list' ||
    v.k === 'int' ||
    v.k === 'float' ||
    v.k === 'bool'
  ) {
    const info = tensorInfo(v);
    let shape = info.shape;
    if (slice) shape = Array.isArray(shape) ? (shape.length > 0 ? shape.slice(1) : UNKNOWN) : shape;
    return component(info.dtype, shape, v);
  }
  return component(null, UNKNOWN, v.k === 'unknown' ? v : undefined);
}

/** Each component of a structure mapped by `fn` (tuples and dicts kept). */
function mapComponents(element: Value, fn: (t: Value & { k: 'tensor' }) => Value): Value {
  if (element.k === 'tuple')
    return { k: 'tuple', items: element.items.map((x) => mapComponents(x, fn)) };
  if (element.k === 'dict')
    return { k: 'dict', entries: element.entries.map(([key, x]) => [key, mapComponents(x, fn)]) };
  if (element.k === 'tensor') return fn(element);
  return element;
}

/** A first dimension added to every component (`batch`). */
function batched(element: Value, size: number | null | typeof UNKNOWN): Value {
  return mapComponents(element, (t) =>
    withDeps(
      tensor(
        null,
        t.dtype,
        Array.isArray(t.shape) ? [size, ...t.shape] : t.shape === null ? null : UNKNOWN,
      ),
      t.deps,
    ),
  );
}

/** The element made from `output_types` and `output_shapes` (`from_structure`, `from_generator`). */
function fromTypes(types: Value, shapes: Value | undefined, depth = 0): Value {
  if (depth > 8) return component(null, UNKNOWN);
  if (types.k === 'tuple') {
    const s = shapes && shapes.k === 'tuple' ? shapes.items : [];
    return { k: 'tuple', items: types.items.map((t, i) => fromTypes(t, s[i], depth + 1)) };
  }
  if (types.k === 'dict') {
    const entries = shapes && shapes.k === 'dict' ? shapes.entries : [];
    return {
      k: 'dict',
      entries: types.entries.map(([key, t]) => {
        const found = entries.find(([k2]) => sameKey(k2, key));
        return [key, fromTypes(t, found?.[1], depth + 1)];
      }),
    };
  }
  // No shapes given: TF's unknown shape (`TensorShape(None)`), a shape TF itself does not know.
  return component(
    dtypeOf(types),
    shapes === undefined || shapes.k === 'none' ? null : shapeFromValue(shapes),
  );
}

/** `output_shapes` / `output_types` of an element. */
function describe(element: Value, what: 'shapes' | 'types'): Value {
  if (element.k === 'tuple')
    return { k: 'tuple', items: element.items.map((x) => describe(x, what)) };
  if (element.k === 'dict')
    return { k: 'dict', entries: element.entries.map(([key, x]) => [key, describe(x, what)]) };
  if (element.k === 'tensor')
    return what === 'shapes'
      ? tshape(element.shape)
      : element.dtype
        ? dtypeValue(element.dtype.name)
        : UNKNOWN_VALUE;
  return UNKNOWN_VALUE;
}

/** Fresh tensors of the element's components (each `get_next()` makes new ones). */
function fresh(element: Value): Value {
  return mapComponents(element, (t) => ({ ...t, name: null }));
}

/** What `get_next()` returns: fresh tensors that depend on no variable. */
function nextElement(element: Value): Value {
  return mapComponents(element, (t) => ({
    k: 'tensor',
    name: null,
    dtype: t.dtype,
    shape: t.shape,
    deps: new Set(),
  }));
}

/** The batch dimension `batch(n, drop_remainder)` gives. */
function batchDim(n: Value | undefined, drop: Value | undefined): number | null | typeof UNKNOWN {
  if (!(drop && drop.k === 'bool' && drop.v)) return null;
  return n && n.k === 'int' && !n.hole ? n.v : UNKNOWN;
}

/**
 * `fn` traced on the element, as `map` does: a tuple's components as positional arguments, in a
 * graph of its own. What it returns becomes the element (a list is one tensor); what cannot be
 * traced is an element not known.
 */
function traced(interp: Interpreter, fn: Value, element: Value, at: Expr): Value {
  const args = element.k === 'tuple' ? [...element.items] : [element];
  interp.graphs.push(interp.newGraph());
  interp.datasetTrace++;
  try {
    return interp.callValue(fn, args, new Map(), at);
  } catch (e) {
    if (e instanceof PyRaise) return UNKNOWN_VALUE;
    throw e;
  } finally {
    interp.datasetTrace--;
    interp.graphs.pop();
  }
}

/** The element a `map` function's result stands for. */
function resultElement(v: Value): Value {
  if (v.k === 'tuple' || v.k === 'dict') return structureOf(v, false);
  if (isTensorLike(v) || v.k === 'list') return structureOf(v, false);
  return component(null, UNKNOWN, v.k === 'unknown' ? v : undefined);
}

/** The element of a dataset value (what is not a dataset: an element not known). */
function elementOf(d: Value): Value {
  return (
    (d.k === 'object' && d.kind === 'Dataset' && d.attrs.get('_element')) ||
    component(null, UNKNOWN)
  );
}

/** A dataset of `element`. */
export function dataset(interp: Interpreter, element: Value): Value {
  const attrs = new Map<string, Value>();
  const same = (name: string) => builtin(name, () => dataset(interp, element));
  for (const name of [
    'filter',
    'shuffle',
    'repeat',
    'prefetch',
    'cache',
    'take',
    'skip',
    'shard',
    'with_options',
  ])
    attrs.set(name, same(name));
  attrs.set(
    'concatenate',
    builtin('concatenate', () => dataset(interp, element)),
  );
  attrs.set(
    'batch',
    builtin('batch', (args, kwargs) =>
      dataset(
        interp,
        batched(
          element,
          batchDim(argAt(args, kwargs, 0, 'batch_size'), argAt(args, kwargs, 1, 'drop_remainder')),
        ),
      ),
    ),
  );
  attrs.set(
    'padded_batch',
    builtin('padded_batch', (args, kwargs) => {
      const dim = batchDim(
        argAt(args, kwargs, 0, 'batch_size'),
        argAt(args, kwargs, 3, 'drop_remainder'),
      );
      const padded = argAt(args, kwargs, 1, 'padded_shapes');
      const shaped = padded ? paddedElement(element, padded) : element;
      return dataset(interp, batched(shaped, dim));
    }),
  );
  attrs.set(
    'unbatch',
    builtin('unbatch', () =>
      dataset(
        interp,
        mapComponents(element, (t) =>
          withDeps(
            tensor(
              null,
              t.dtype,
              Array.isArray(t.shape) && t.shape.length > 0 ? t.shape.slice(1) : UNKNOWN,
            ),
            t.deps,
          ),
        ),
      ),
    ),
  );
  const mapping = (name: string, datasetResult: boolean) =>
    builtin(name, (args, kwargs, at) => {
      const fn = argAt(args, kwargs, 0, 'map_func');
      if (!fn) return dataset(interp, component(null, UNKNOWN));
      const out = traced(interp, fn, fresh(element), at);
      if (datasetResult) {
        return dataset(interp, elementOf(out));
      }
      return dataset(interp, resultElement(out));
    });
  attrs.set('map', mapping('map', false));
  attrs.set('flat_map', mapping('flat_map', true));
  attrs.set('interleave', mapping('interleave', true));
  attrs.set(
    'apply',
    builtin('apply', (args, kwargs, at) => {
      const fn = argAt(args, kwargs, 0, 'transformation_func');
      if (!fn) return UNKNOWN_VALUE;
      return interp.callValue(fn, [dataset(interp, element)], new Map(), at);
    }),
  );
  attrs.set(
    'make_one_shot_iterator',
    builtin('make_one_shot_iterator', () => iterator(element)),
  );
  attrs.set(
    'make_initializable_iterator',
    builtin('make_initializable_iterator', () => iterator(element)),
  );
  attrs.set('output_shapes', describe(element, 'shapes'));
  attrs.set('output_types', describe(element, 'types'));
  attrs.set('_element', element);
  return { k: 'object', kind: 'Dataset', attrs };
}

/** `padded_batch`'s `padded_shapes`, over the element's structure (-1 or None: unknown). */
function paddedElement(element: Value, padded: Value): Value {
  if (element.k === 'tuple' && padded.k === 'tuple' && padded.items.length === element.items.length)
    return { k: 'tuple', items: element.items.map((x, i) => paddedElement(x, padded.items[i])) };
  if (element.k === 'dict' && padded.k === 'dict')
    return {
      k: 'dict',
      entries: element.entries.map(([key, x]) => {
        const found = padded.entries.find(([k2]) => sameKey(k2, key));
        return [key, found ? paddedElement(x, found[1]) : x];
      }),
    };
  if (element.k !== 'tensor') return element;
  const shape = shapeFromValue(padded);
  const dims = Array.isArray(shape) ? shape.map((d) => (d === -1 ? null : d)) : UNKNOWN;
  return withDeps(tensor(null, element.dtype, dims), element.deps);
}

/** An iterator over `element`: `get_next()` gives its components (their op names not known). */
export function iterator(element: Value): Value {
  const attrs = new Map<string, Value>([
    ['get_next', builtin('get_next', () => nextElement(element))],
    ['initializer', UNKNOWN_VALUE],
    ['make_initializer', builtin('make_initializer', () => UNKNOWN_VALUE)],
    ['output_shapes', describe(element, 'shapes')],
    ['output_types', describe(element, 'types')],
  ]);
  return { k: 'object', kind: 'Iterator', attrs };
}

const DATASET_CLASS_NAME = 'DatasetV1';

/** Whether `cls` is `tf.data.Dataset` (what `dataMember` gives for it). */
export function isDatasetClass(cls: Value): boolean {
  if (cls.k !== 'object' || cls.kind !== 'namespace') return false;
  const name = cls.attrs.get('__name__');
  return name !== undefined && name.k === 'str' && name.v === DATASET_CLASS_NAME;
}

/** `tf.data.<name>` (also under `tf.compat.v1.data`), or undefined for what is not modelled. */
export function dataMember(interp: Interpreter, name: string): Value | undefined {
  const stringScalars = builtin(name, () => dataset(interp, component(DTypes.string, [])));
  switch (name) {
    case 'Dataset':
      return {
        k: 'object',
        kind: 'namespace',
        attrs: new Map<string, Value>([
          // TF 1.15's `tf.data.Dataset` is the class `DatasetV1` (`isinstance` reads it).
          ['__name__', { k: 'str', v: DATASET_CLASS_NAME }],
          [
            'from_tensor_slices',
            builtin('from_tensor_slices', (args, kwargs) =>
              dataset(
                interp,
                structureOf(argAt(args, kwargs, 0, 'tensors') ?? UNKNOWN_VALUE, true),
              ),
            ),
          ],
          [
            'from_tensors',
            builtin('from_tensors', (args, kwargs) =>
              dataset(
                interp,
                structureOf(argAt(args, kwargs, 0, 'tensors') ?? UNKNOWN_VALUE, false),
              ),
            ),
          ],
          ['range', builtin('range', () => dataset(interp, component(DTypes.int64, [])))],
          [
            'zip',
            builtin('zip', (args, kwargs) => {
              const given = argAt(args, kwargs, 0, 'datasets') ?? UNKNOWN_VALUE;
              const zipped = (d: Value): Value =>
                d.k === 'tuple'
                  ? { k: 'tuple', items: d.items.map(zipped) }
                  : d.k === 'dict'
                    ? { k: 'dict', entries: d.entries.map(([key, x]) => [key, zipped(x)]) }
                    : elementOf(d);
              return dataset(interp, zipped(given));
            }),
          ],
          [
            'from_generator',
            builtin('from_generator', (args, kwargs) => {
              const types = argAt(args, kwargs, 1, 'output_types');
              if (!types) return dataset(interp, component(null, UNKNOWN));
              return dataset(interp, fromTypes(types, argAt(args, kwargs, 2, 'output_shapes')));
            }),
          ],
        ]),
      };
    case 'TFRecordDataset':
    case 'TextLineDataset':
    case 'FixedLengthRecordDataset':
      return stringScalars;
    case 'Iterator':
      return {
        k: 'object',
        kind: 'namespace',
        attrs: new Map<string, Value>([
          [
            'from_structure',
            builtin('from_structure', (args, kwargs) => {
              const types = argAt(args, kwargs, 0, 'output_types');
              if (!types) return iterator(component(null, UNKNOWN));
              return iterator(fromTypes(types, argAt(args, kwargs, 1, 'output_shapes')));
            }),
          ],
        ]),
      };
    case 'make_one_shot_iterator':
    case 'make_initializable_iterator':
      return builtin(name, (args, kwargs) => {
        return iterator(elementOf(argAt(args, kwargs, 0, 'dataset') ?? UNKNOWN_VALUE));
      });
    default:
      return undefined;
  }
}

/** A method of a dataset value, called. */
function method(
  interp: Interpreter,
  d: Value,
  name: string,
  args: Value[],
  kwargs: Map<string, Value>,
  at: Expr,
): Value {
  return interp.callValue(interp.attribute(d, name), args, kwargs, at);
}

/**
 * `tf.data.experimental.<name>` (also `tf.contrib.data.<name>`): a transformation for `apply`,
 * or undefined for what is not modelled.
 */
export function experimentalMember(interp: Interpreter, name: string): Value | undefined {
  const transformation = (make: (d: Value, at: Expr) => Value): Value =>
    builtin(name, (_args, _kwargs, outer) =>
      builtin(name, (args, kwargs, at) => {
        const d = argAt(args, kwargs, 0, 'dataset') ?? UNKNOWN_VALUE;
        return make(d, at ?? outer);
      }),
    );
  const keep = (): Value => transformation((d) => dataset(interp, elementOf(d)));
  switch (name) {
    case 'shuffle_and_repeat':
    case 'prefetch_to_device':
    case 'copy_to_device':
    case 'ignore_errors':
      return keep();
    case 'unbatch':
      return transformation((d, at) => method(interp, d, 'unbatch', [], new Map(), at));
    case 'map_and_batch':
    case 'batch_and_drop_remainder':
      return builtin(name, (args, kwargs, outer) => {
        const fused = name === 'map_and_batch';
        const fn = fused ? argAt(args, kwargs, 0, 'map_func') : undefined;
        const size = argAt(args, kwargs, fused ? 1 : 0, 'batch_size') ?? UNKNOWN_VALUE;
        const drop = fused
          ? (argAt(args, kwargs, 3, 'drop_remainder') ?? { k: 'bool', v: false })
          : { k: 'bool', v: true };
        return builtin(name, (dargs, dkwargs, at) => {
          let d = argAt(dargs, dkwargs, 0, 'dataset') ?? UNKNOWN_VALUE;
          if (fused)
            d = fn
              ? method(interp, d, 'map', [fn], new Map(), at ?? outer)
              : dataset(interp, component(null, UNKNOWN));
          return method(interp, d, 'batch', [size, drop as Value], new Map(), at ?? outer);
        });
      });
    case 'parallel_interleave':
      return builtin(name, (args, kwargs, outer) => {
        const fn = argAt(args, kwargs, 0, 'map_func');
        return builtin(name, (dargs, dkwargs, at) => {
          const d = argAt(dargs, dkwargs, 0, 'dataset') ?? UNKNOWN_VALUE;
          if (!fn) return dataset(interp, component(null, UNKNOWN));
          return method(interp, d, 'interleave', [fn], new Map(), at ?? outer);
        });
      });
    default:
      return undefined;
  }
}
