/**
 * How the analyzer, server and CLI benchmarks measure and report: every figure is taken in the
 * same run as its baseline, the two sides interleaved round by round (other work on the machine
 * then weighs on both alike), and printed as the median with its spread (min–max) over the
 * rounds, the target, and whether the median meets it.
 */
import { execFileSync } from 'node:child_process';
import * as os from 'node:os';
import { performance, PerformanceObserver } from 'node:perf_hooks';
import { median } from './corpus';

export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

export function spread(xs: readonly number[]): Spread {
  return { median: median(xs), min: Math.min(...xs), max: Math.max(...xs) };
}

/**
 * Milliseconds one call of `fn` takes: a short call is repeated until `minMs` have passed and
 * the mean taken, so that a sub-millisecond parse is still measured, not the timer's grain.
 */
export function timeOnce(fn: () => void, minMs = 20): number {
  const t0 = performance.now();
  for (let n = 1; ; n++) {
    fn();
    const elapsed = performance.now() - t0;
    if (elapsed >= minMs) return elapsed / n;
  }
}

export async function timeAsync(fn: () => Promise<void>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

export interface Comparison {
  /** Milliseconds of the baseline, per round. */
  readonly base: readonly number[];
  /** Milliseconds of the measured side, per round. */
  readonly measured: readonly number[];
  /** measured / base, per round. */
  readonly ratios: readonly number[];
}

/** `rounds` rounds of the baseline then the measured side (after `warmup` unrecorded rounds). */
export async function compare(
  rounds: number,
  base: () => number | Promise<number>,
  measured: () => number | Promise<number>,
  warmup = 0,
): Promise<Comparison> {
  const b: number[] = [];
  const m: number[] = [];
  const r: number[] = [];
  for (let i = -warmup; i < rounds; i++) {
    const tb = await base();
    const tm = await measured();
    if (i < 0) continue;
    b.push(tb);
    m.push(tm);
    r.push(tm / tb);
  }
  return { base: b, measured: m, ratios: r };
}

const fixed = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

export const ms = (s: Spread) => `${fixed(s.median)} ms (${fixed(s.min)}–${fixed(s.max)})`;
export const times = (s: Spread) => `${fixed(s.median)}x (${fixed(s.min)}–${fixed(s.max)}x)`;

/** `met` or `NOT MET` for a median against an upper bound. */
export const verdict = (value: number, bound: number) => (value <= bound ? 'met' : 'NOT MET');

/** A ratio's line: the median ratio and its spread, both sides' times, the target. */
export function ratioLine(
  what: string,
  c: Comparison,
  names: { base: string; measured: string },
  target: number | undefined,
  note = '',
): string {
  const r = spread(c.ratios);
  const goal = target === undefined ? '' : `; target ≤ ${target}x: ${verdict(r.median, target)}`;
  return (
    `  ${what}: ${times(r)} over ${c.ratios.length} rounds; ${names.measured} ${ms(spread(c.measured))}, ` +
    `${names.base} ${ms(spread(c.base))}${goal}${note}`
  );
}

/** A duration's line with an absolute target, and its ratio to the baseline beside it. */
export function durationLine(
  what: string,
  c: Comparison,
  names: { base: string; measured: string },
  targetMs: number,
  note = '',
): string {
  const m = spread(c.measured);
  return (
    `  ${what}: ${names.measured} ${ms(m)} over ${c.measured.length} rounds; target ≤ ${targetMs} ms: ` +
    `${verdict(m.median, targetMs)}; ${times(spread(c.ratios))} ${names.base} (${ms(spread(c.base))})${note}`
  );
}

/**
 * The share of measured intervals V8 spent collecting garbage: `timed` brackets the work to
 * measure, and `share()` (after the work) sums the `gc` performance entries that started inside
 * those intervals. The entries arrive after the work, so `share` waits a turn of the event loop.
 */
export class GcMeter {
  private readonly intervals: Array<[number, number]> = [];
  private readonly gcs: Array<[number, number]> = [];
  private readonly observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) this.gcs.push([e.startTime, e.duration]);
  });

  constructor() {
    this.observer.observe({ entryTypes: ['gc'] });
  }

  timed<T>(fn: () => T): T {
    const t0 = performance.now();
    try {
      return fn();
    } finally {
      this.intervals.push([t0, performance.now()]);
    }
  }

  async share(): Promise<number> {
    await new Promise((resolve) => setTimeout(resolve, 10));
    this.observer.disconnect();
    let total = 0;
    let gc = 0;
    for (const [from, to] of this.intervals) {
      total += to - from;
      for (const [at, d] of this.gcs) if (at >= from && at < to) gc += Math.min(d, to - at);
    }
    return total > 0 ? gc / total : 0;
  }
}

/** The machine and its load now (`uptime`), since other work on it moves every figure. */
export function machine(): string {
  let load: string;
  try {
    load = execFileSync('uptime', { encoding: 'utf8' }).trim();
  } catch {
    load = `load average: ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(', ')}`;
  }
  return `${os.cpus().length} cores, Node ${process.version}; uptime: ${load}`;
}
