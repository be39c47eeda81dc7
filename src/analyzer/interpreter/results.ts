/**
 * What a call of the program returned, in plain data, for the editor to show on the names the
 * result is bound to (`h = tf.layers.dense(x, 64)`, `outputs, state = tf.nn.dynamic_rnn(...)`,
 * `cell = tf.nn.rnn_cell.LSTMCell(128)`): a tensor's static shape, dtype and op name; the items
 * of a tuple or list; a layer object's variables. A layer creates its variables when it is first
 * called, usually after it was bound, so objects are summarised when the path has ended.
 *
 * Everything is bounded: nesting depth, items per sequence, objects visited per summary.
 */
import { formatShape } from '../../core/shape';
import { displayName, Value } from './values';

export type ResultSummary =
  | {
      readonly kind: 'tensor';
      /** The op's output name (`model/fc1/BiasAdd:0`), when known. */
      readonly name?: string;
      /** TF's `str(shape)`: `(?, 64)`; `{?}` for what the analyzer could not compute. */
      readonly shape: string;
      readonly dtype?: string;
    }
  | {
      readonly kind: 'sequence';
      /** `tuple`, `list`, or the tuple subclass (`LSTMStateTuple`). */
      readonly type: string;
      readonly items: readonly ResultSummary[];
    }
  | {
      readonly kind: 'layer';
      /** The object's class (`LSTMCell`). */
      readonly type: string;
      /** The layer's name, when it has one yet. */
      readonly name?: string;
      /** The variables it and the layers it holds own, at the end of the path (`…/kernel:0`). */
      readonly variables: readonly string[];
    }
  | { readonly kind: 'other' };

const MAX_DEPTH = 3;
const MAX_ITEMS = 8;
const MAX_VISITED = 200;
const MAX_VARIABLES = 64;

export const OTHER: ResultSummary = Object.freeze({ kind: 'other' });

/** Objects a path's summaries may visit in all (a program binding many big objects). */
export const SUMMARY_BUDGET = 50_000;

/**
 * `tupleItems`: the items of an instance of a tuple subclass (a namedtuple), if it is one.
 * `budget`: objects left to visit on this path, shared by its summaries (spent, an object is
 * `other`).
 */
export function summarize(
  v: Value,
  tupleItems: (v: Value) => (Value & { k: 'tuple' }) | undefined,
  budget: { left: number },
  depth = 0,
): ResultSummary {
  if (v.k === 'tensor') {
    const out: { kind: 'tensor'; name?: string; shape: string; dtype?: string } = {
      kind: 'tensor',
      shape: formatShape(v.shape),
    };
    if (v.name !== null) out.name = displayName(v.name);
    if (v.dtype !== null) out.dtype = v.dtype.name;
    return out;
  }
  const items = v.k === 'tuple' || v.k === 'list' ? v.items : tupleItems(v)?.items;
  if (items) {
    if (depth >= MAX_DEPTH) return OTHER;
    const type = v.k === 'instance' ? v.cls.name : v.k;
    return {
      kind: 'sequence',
      type,
      items: items
        .slice(0, MAX_ITEMS)
        .map((item) => summarize(item, tupleItems, budget, depth + 1)),
    };
  }
  if (v.k === 'instance') {
    const variables = layerVariables(v, budget);
    if (!variables) return OTHER;
    const out: { kind: 'layer'; type: string; name?: string; variables: string[] } = {
      kind: 'layer',
      type: v.cls.name,
      variables,
    };
    const name = v.attrs.get('_name');
    if (name && name.k === 'str') out.name = displayName(name.v);
    return out;
  }
  return OTHER;
}

/**
 * The variables an object holds as a layer (`_trainable_weights`, `_non_trainable_weights`),
 * with those of the layers it holds (a `MultiRNNCell`'s cells, a wrapper's cell, a model's
 * attributes); undefined when it holds no layer at all.
 */
function layerVariables(
  root: Value & { k: 'instance' },
  budget: { left: number },
): string[] | undefined {
  const names: string[] = [];
  let layers = 0;
  const seen = new Set<Value>();
  const visit = (v: Value, depth: number) => {
    if (seen.size >= MAX_VISITED || budget.left <= 0 || seen.has(v)) return;
    budget.left--;
    if (v.k === 'list' || v.k === 'tuple') {
      seen.add(v);
      if (depth < MAX_DEPTH) for (const item of v.items) visit(item, depth + 1);
      return;
    }
    if (v.k === 'dict') {
      seen.add(v);
      if (depth < MAX_DEPTH) for (const [, item] of v.entries) visit(item, depth + 1);
      return;
    }
    if (v.k !== 'instance') return;
    seen.add(v);
    const own = [v.attrs.get('_trainable_weights'), v.attrs.get('_non_trainable_weights')];
    if (own.some((w) => w?.k === 'list')) layers++;
    for (const w of own)
      if (w?.k === 'list')
        for (const item of w.items) {
          const name =
            item.k === 'variable'
              ? `${item.v.opName}:0`
              : item.k === 'partitioned'
                ? item.v.name
                : undefined;
          if (name !== undefined && names.length < MAX_VARIABLES) {
            const shown = displayName(name);
            if (!names.includes(shown)) names.push(shown);
          }
        }
    if (depth >= MAX_DEPTH) return;
    for (const [attr, item] of v.attrs) {
      if (attr === '_trainable_weights' || attr === '_non_trainable_weights') continue;
      visit(item, depth + 1);
    }
  };
  visit(root, 0);
  return layers > 0 && budget.left > 0 ? names : undefined;
}

/** A stable key for deduplicating summaries across paths. */
export function summaryKey(s: ResultSummary): string {
  return JSON.stringify(s);
}
