/**
 * The histogram the Run results view draws for a variable's values. Editor-free.
 */

export interface Histogram {
  /** Lower edge of the first bin and upper edge of the last. */
  readonly min: number;
  readonly max: number;
  /** Counts per bin, equal widths; the last bin includes `max` (NumPy's `histogram`). */
  readonly counts: number[];
  /** Values counted (NaN and infinities are left out). */
  readonly total: number;
}

/**
 * The histogram of `values` in `bins` bins over their own range, or over `range` (which must
 * hold every finite value: two histograms drawn on one axis, before and after training).
 */
export function histogram(
  values: ArrayLike<number>,
  bins = 30,
  range?: { readonly min: number; readonly max: number },
): Histogram {
  let min = Infinity;
  let max = -Infinity;
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    total++;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const n = Math.max(1, Math.floor(bins));
  const counts = new Array<number>(n).fill(0);
  if (range && range.min <= min && max <= range.max) {
    min = range.min;
    max = range.max;
  }
  if (total === 0) return { min: 0, max: 0, counts, total };
  if (min === max) {
    // One value: NumPy widens the range to value ± 0.5.
    min -= 0.5;
    max += 0.5;
  }
  const width = (max - min) / n;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    const b = Math.min(n - 1, Math.floor((v - min) / width));
    counts[b]++;
  }
  return { min, max, counts, total };
}

/** The range of the finite values of several arrays (for histograms on one axis). */
export function valueRange(...arrays: ArrayLike<number>[]): { min: number; max: number } | null {
  let min = Infinity;
  let max = -Infinity;
  for (const values of arrays) {
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (!Number.isFinite(v)) continue;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  return min <= max ? { min, max } : null;
}
