/**
 * Path exploration by replay. The interpreter runs a program on one path at a time; wherever
 * the path depends on something it does not know (an `if` on an unknown test, the number of
 * iterations of a loop over an unknown sequence) it asks a `Chooser` for a branch. The first
 * run takes branch 0 everywhere and queues every alternative it passed; each queued prefix of
 * decisions is then replayed from the start in a fresh interpreter, so no state is ever cloned
 * or merged. Exploration stops after `maxPaths` runs (the result is then not exhaustive).
 *
 * Which alternative runs next matters when the paths run out. First the ones that take a
 * branch of a statement no path has taken yet (`else` of `if args.mode == "export": ...;
 * return`, when every path so far exported), the program's own statements before the layer
 * libraries' (a library's branches on a value it is not told, `training` of a dropout, are
 * variants of one layer; the program's lead to the rest of the program, and starving them let
 * eight variants of a dropout hide a `model_fn`'s training half); then the shallowest (the shortest prefix of
 * decisions: a branch near the start of the program leads to more that is new than one deep
 * inside a model already built); then the earliest queued. So the paths that run are the ones
 * that reach the most code, not variations of the first path's last branches. The queue holds
 * a few times `maxPaths` prefixes; when it is full a better one takes the place of the worst.
 */

/** A branch of a statement: the statement and the branch's number. */
type Site = object;

export class Chooser {
  private pos = 0;
  readonly decisions: number[] = [];
  /** The statement of each decision. */
  readonly sites: Site[] = [];
  /** A choice point was passed without queueing its alternatives (the path limit). */
  truncated = false;

  constructor(
    private readonly prefix: readonly number[],
    /**
     * Queues the decisions `make` returns (`length` long, ending with branch `alt` of `site`);
     * false (`make` not called) when there is no room for it.
     */
    private readonly queue: (
      length: number,
      site: Site,
      alt: number,
      make: () => number[],
      library: boolean,
    ) => boolean,
  ) {}

  /**
   * One of `n` branches of `site`: replayed from the prefix, else 0 (the alternatives are
   * queued). `library`: the statement is the layer libraries' code, not the program's.
   */
  choose(n: number, site: Site, library = false): number {
    this.sites.push(site);
    if (this.pos < this.prefix.length) {
      const d = this.prefix[this.pos++];
      this.decisions.push(d);
      return d;
    }
    this.pos++;
    // Past the path bound nothing is queued, and nothing is copied: a path may make many
    // choices (a loop over something unknown), and copying its prefix at each was quadratic.
    for (let alt = n - 1; alt >= 1; alt--) {
      if (
        !this.queue(this.decisions.length + 1, site, alt, () => [...this.decisions, alt], library)
      )
        this.truncated = true;
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

/** How many prefixes wait, per path that may still run. */
const QUEUE_FACTOR = 4;

interface Waiting {
  readonly prefix: number[];
  readonly site: Site;
  readonly alt: number;
  readonly seq: number;
  /** The branch is of a statement of the layer libraries. */
  readonly library: boolean;
}

/** Runs `run` once per path, up to `maxPaths` paths, while `more()` allows. */
export function explore<T>(
  run: (chooser: Chooser) => T,
  maxPaths: number,
  more: () => boolean = () => true,
): Exploration<T> {
  // Waiting prefixes (a few hundred at most: scans are cheap).
  let pending: Waiting[] = [{ prefix: [], site: {}, alt: 0, seq: 0, library: false }];
  let seq = 1;
  /** The branches the paths so far took, per statement. */
  const taken = new WeakMap<Site, Set<number>>();
  const novel = (site: Site, alt: number) => !taken.get(site)?.has(alt);
  /** How new a waiting branch is: 0 the program's untaken, 1 a library's untaken, 2 taken. */
  const rank = (site: Site, alt: number, library: boolean) =>
    novel(site, alt) ? Number(library) : 2;
  /** Negative when `a` should run before `b`. */
  const order = (a: Waiting, b: Waiting) =>
    rank(a.site, a.alt, a.library) - rank(b.site, b.alt, b.library) ||
    a.prefix.length - b.prefix.length ||
    a.seq - b.seq;
  const results: T[] = [];
  let exhaustive = true;
  const capacity = () => Math.max(0, maxPaths - results.length) * QUEUE_FACTOR;
  const enqueue = (
    length: number,
    site: Site,
    alt: number,
    make: () => number[],
    library: boolean,
  ): boolean => {
    if (pending.length < capacity()) {
      pending.push({ prefix: make(), site, alt, seq: seq++, library });
      return true;
    }
    // Full: the worst waiting prefix gives way to a better one.
    let worst = -1;
    for (let i = 0; i < pending.length; i++)
      if (worst < 0 || order(pending[i], pending[worst]) > 0) worst = i;
    if (worst < 0) return false;
    const w = pending[worst];
    const better =
      rank(site, alt, library) - rank(w.site, w.alt, w.library) || length - w.prefix.length;
    if (better >= 0) return false;
    pending.splice(worst, 1);
    pending.push({ prefix: make(), site, alt, seq: seq++, library });
    exhaustive = false;
    return true;
  };
  while (pending.length > 0) {
    if (results.length >= maxPaths || (results.length > 0 && !more())) {
      exhaustive = false;
      break;
    }
    let next = 0;
    for (let i = 1; i < pending.length; i++) if (order(pending[i], pending[next]) < 0) next = i;
    const { prefix } = pending[next];
    pending.splice(next, 1);
    const chooser = new Chooser(prefix, enqueue);
    results.push(run(chooser));
    chooser.sites.forEach((site, i) => {
      let branches = taken.get(site);
      if (!branches) taken.set(site, (branches = new Set()));
      branches.add(chooser.decisions[i]);
    });
    if (chooser.truncated) exhaustive = false;
    // What can no longer run is dropped (the worst first).
    if (pending.length > capacity()) {
      exhaustive = false;
      pending = [...pending].sort(order).slice(0, capacity());
    }
  }
  return { results, exhaustive };
}
