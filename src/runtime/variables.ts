/**
 * What a run left in the engine's default graph: its variables, for the editor's Run results
 * view. Runs inside the run worker, right after a program ends (normally or with an error), when
 * the run asked for it (`RunRequest.collectVariables`).
 *
 * Only the default graph is read (the graph the worker resets before every run): variables of a
 * `tf.Graph()` the program made itself and left are not reported. Each variable is reported once,
 * in the order of the collections it is in (global variables first). Values are capped (per
 * variable and per run) so a large model does not flood the thread boundary; the statistics are
 * computed over every value all the same. A variable whose value was never made (a large one the
 * program never initialized or read, engine/variable.ts) has no values, as in TF: it is
 * reported without them, and reading it here would allocate what the program never asked for.
 */
import { getDefaultGraph } from '../engine/default-graph';
import { GraphKeys } from '../engine/graph-keys';
import { Variable } from '../engine/variable';
import type { CollectVariablesOptions, RunVariable, ValueStats } from './protocol';

export const DEFAULT_MAX_VALUES = 100_000;
export const DEFAULT_MAX_TOTAL_VALUES = 2_000_000;

/** The variables of the default graph now, with (capped) values and statistics. */
export function collectVariables(options: CollectVariablesOptions = {}): RunVariable[] {
  const graph = getDefaultGraph();
  const maxValues = Math.max(0, Math.floor(options.maxValues ?? DEFAULT_MAX_VALUES));
  let budget = Math.max(0, Math.floor(options.maxTotalValues ?? DEFAULT_MAX_TOTAL_VALUES));
  const keys = graph.collectionKeys;
  const order = [
    GraphKeys.GLOBAL_VARIABLES,
    GraphKeys.LOCAL_VARIABLES,
    ...keys.filter((k) => k !== GraphKeys.GLOBAL_VARIABLES && k !== GraphKeys.LOCAL_VARIABLES),
  ];
  const seen = new Set<Variable>();
  const out: RunVariable[] = [];
  for (const key of order) {
    for (const item of graph.getCollection(key)) {
      if (!(item instanceof Variable) || seen.has(item)) continue;
      if (!item.isMaterialized) {
        seen.add(item);
        out.push({ ...describe(item), values: new Float64Array(0), stats: null });
        continue;
      }
      const value = item.value;
      if (value.isDisposed) continue;
      seen.add(item);
      const all = value.dataSync() as ArrayLike<number | string | boolean>;
      const numeric = value.dtype !== 'string';
      const take = numeric ? Math.min(all.length, maxValues, budget) : 0;
      budget -= take;
      const values = new Float64Array(take);
      for (let i = 0; i < take; i++) values[i] = Number(all[i]);
      out.push({
        ...describe(item),
        values,
        stats: numeric ? valueStats(all as ArrayLike<number>) : null,
      });
    }
  }
  return out;
}

function describe(item: Variable): Omit<RunVariable, 'values' | 'stats'> {
  return {
    name: item.name,
    shape: [...item.shape],
    dtype: item.dtype.name,
    trainable: item.trainable,
    collections: [...item.collections],
    size: item.size,
  };
}

/** Mean, population standard deviation (NumPy's `std`), min and max; null when empty. */
export function valueStats(values: ArrayLike<number | boolean>): ValueStats | null {
  const n = values.length;
  if (n === 0) return null;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = Number(values[i]);
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = sum / n;
  // Two passes: the one-pass formula loses precision when the mean is large.
  let sq = 0;
  for (let i = 0; i < n; i++) {
    const d = Number(values[i]) - mean;
    sq += d * d;
  }
  return { mean, std: Math.sqrt(sq / n), min, max };
}
