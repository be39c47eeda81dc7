/**
 * Path exploration by replay. The interpreter runs a program on one path at a time; wherever
 * the path depends on something it does not know (an `if` on an unknown test, the number of
 * iterations of a loop over an unknown sequence) it asks a `Chooser` for a branch. The first
 * run takes branch 0 everywhere and queues every alternative it passed; each queued prefix of
 * decisions is then replayed from the start in a fresh interpreter, so no state is ever cloned
 * or merged. Exploration stops after `maxPaths` runs (the result is then not exhaustive).
 */

export class Chooser {
  private pos = 0;
  readonly decisions: number[] = [];
  /** A choice point was passed without queueing its alternatives (the path limit). */
  truncated = false;

  constructor(
    private readonly prefix: readonly number[],
    /** Queues the decisions `make` returns; false (`make` not called) when there is no room. */
    private readonly queue: (make: () => number[]) => boolean,
  ) {}

  /** One of `n` branches: replayed from the prefix, else 0 (the alternatives are queued). */
  choose(n: number): number {
    if (this.pos < this.prefix.length) {
      const d = this.prefix[this.pos++];
      this.decisions.push(d);
      return d;
    }
    this.pos++;
    // Past the path bound nothing is queued, and nothing is copied: a path may make many
    // choices (a loop over something unknown), and copying its prefix at each was quadratic.
    for (let alt = n - 1; alt >= 1; alt--) {
      if (!this.queue(() => [...this.decisions, alt])) this.truncated = true;
    }
    this.decisions.push(0);
    return 0;
  }
}

export interface Exploration<T> {
  /** One result per path; the first is the path that takes branch 0 everywhere. */
  readonly results: T[];
  /** Every path was explored. */
  readonly exhaustive: boolean;
}

/** Runs `run` once per path, up to `maxPaths` paths, while `more()` allows. */
export function explore<T>(
  run: (chooser: Chooser) => T,
  maxPaths: number,
  more: () => boolean = () => true,
): Exploration<T> {
  const pending: number[][] = [[]];
  const results: T[] = [];
  let exhaustive = true;
  while (pending.length > 0) {
    if (results.length >= maxPaths || (results.length > 0 && !more())) {
      exhaustive = false;
      break;
    }
    const prefix = pending.pop() as number[];
    const chooser = new Chooser(prefix, (make) => {
      if (results.length + pending.length >= maxPaths) return false;
      pending.push(make());
      return true;
    });
    results.push(run(chooser));
    if (chooser.truncated) exhaustive = false;
  }
  return { results, exhaustive };
}
