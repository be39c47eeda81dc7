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
import type { CollectVariablesOptions, InitialValues, RunVariable, ValueStats } from './protocol';

export const DEFAULT_MAX_VALUES = 100_000;
export const DEFAULT_MAX_TOTAL_VALUES = 2_000_000;

/**
 * Each variable's values when a session first initialized it, so the view can show a training
 * run's variables before and after. Kept by variable object: the worker's graph reset drops them
 * with the variables. Recorded only in runs that report their variables.
 */
const initialValues = new WeakMap<Variable, InitialValues>();
let recordingInitialValues = false;

/** Whether the run being started records initial values (the worker sets it per run). */
export function recordInitialValues(enabled: boolean): void {
  recordingInitialValues = enabled;
}

/** Called when a session initializes `v`: keeps its values the first time. */
export function initializedVariable(v: Variable): void {
  if (!recordingInitialValues || initialValues.has(v) || v.value.isDisposed) return;
  if (v.value.dtype === 'string') return;
  const all = v.value.dataSync() as ArrayLike<number | boolean>;
  const take = Math.min(all.length, DEFAULT_MAX_VALUES);
  const values = new Float64Array(take);
  for (let i = 0; i < take; i++) values[i] = Number(all[i]);
  initialValues.set(v, { values, stats: valueStats(all) });
}

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
      let initial = initialValues.get(item);
      if (initial) {
        const kept = Math.min(initial.values.length, maxValues, budget);
        budget -= kept;
        initial = { values: initial.values.slice(0, kept), stats: initial.stats };
      }
      out.push({
        ...describe(item),
        values,
        stats: numeric ? valueStats(all as ArrayLike<number>) : null,
        ...(initial ? { initial } : {}),
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
