/**
 * "Did you mean": for a `get_variable` that raises "does not exist" under reuse, the existing
 * variables the program most likely meant. A typo in the last segment (`weight` for `weights`,
 * by edit distance), the names TF's layer libraries and hand-written code use for the same
 * thing (`weights`/`kernel`/`w`/`W`, `biases`/`bias`/`b`), and, only when nothing in the scope
 * itself is close, the same last segment in a sibling scope (`encoder/layer_1/w` for
 * `encoder/layer_2/w`).
 *
 * The store only grows (a name set for one call and taken out again aside), so names are indexed
 * as they appear: by scope (everything before the last `/`) and by last segment. A query looks
 * at one scope's names and at one last segment's names, never at the whole store.
 */
import { hasHoles } from './values';

/** At most this many suggestions, best first. */
const MAX = 3;

/** Last segments that name the same kind of weight in different libraries. */
const SAME_ROLE = new Map<string, string>([
  ['weights', 'w'],
  ['weight', 'w'],
  ['kernel', 'w'],
  ['w', 'w'],
  ['W', 'w'],
  ['biases', 'b'],
  ['bias', 'b'],
  ['b', 'b'],
]);

/** Levenshtein distance, or `limit + 1` as soon as it must exceed `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let best = cur[0];
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (cur[j] < best) best = cur[j];
    }
    if (best > limit) return limit + 1;
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

/**
 * How close `have` is to `asked` (lower is closer), or undefined when it is not worth
 * suggesting. Case alone < a known rename < edit distance 1 < 2 ...
 */
export function closeness(asked: string, have: string): number | undefined {
  if (asked === have) return undefined;
  if (asked.toLowerCase() === have.toLowerCase()) return 0.5;
  const ra = SAME_ROLE.get(asked);
  if (ra !== undefined && ra === SAME_ROLE.get(have)) return 1;
  const shorter = Math.min(asked.length, have.length);
  const limit = Math.max(1, Math.floor(Math.max(asked.length, have.length) / 3));
  const d = editDistance(asked, have, limit);
  // A one-letter name is never one edit away from another one-letter name in a useful way
  // (`w` is not a typo of `b`): the distance must leave part of the name intact.
  if (d > limit || d >= shorter) return undefined;
  return d + 0.1;
}

function split(name: string): { parent: string; last: string } {
  const slash = name.lastIndexOf('/');
  return slash < 0
    ? { parent: '', last: name }
    : { parent: name.slice(0, slash), last: name.slice(slash + 1) };
}

export class NearbyNames {
  private readonly seen = new Map<ReadonlyMap<string, unknown>, number>();
  /** Scope → the names in it, in creation order. */
  private readonly byParent = new Map<string, string[]>();
  /** Last segment → the names that end with it. */
  private readonly byLast = new Map<string, string[]>();

  /**
   * The existing names (in any of `stores`) closest to `name`, best first; empty when `name`
   * is a pattern or nothing is close.
   */
  closest(name: string, stores: ReadonlyArray<ReadonlyMap<string, unknown>>): string[] {
    if (hasHoles(name)) return [];
    this.sync(stores);
    const exists = (k: string) => stores.some((s) => s.has(k));
    const { parent, last } = split(name);
    const scored: Array<[string, number, number]> = [];
    const inScope = this.byParent.get(parent) ?? [];
    inScope.forEach((key, i) => {
      const score = closeness(last, split(key).last);
      if (score !== undefined && exists(key)) scored.push([key, score, i]);
    });
    if (scored.length === 0) {
      // The same variable one scope over: the scope name is the mistake.
      const grand = split(parent).parent;
      (this.byLast.get(last) ?? []).forEach((key, i) => {
        const p = split(key).parent;
        if (p !== parent && p !== '' && parent !== '' && split(p).parent === grand && exists(key))
          scored.push([key, 2, i]);
      });
    }
    scored.sort((a, b) => a[1] - b[1] || a[2] - b[2]);
    return scored.slice(0, MAX).map(([key]) => key);
  }

  private sync(stores: ReadonlyArray<ReadonlyMap<string, unknown>>): void {
    let shrank = false;
    for (const s of stores) if (s.size < (this.seen.get(s) ?? 0)) shrank = true;
    if (shrank) {
      this.seen.clear();
      this.byParent.clear();
      this.byLast.clear();
    }
    for (const s of stores) {
      const seen = this.seen.get(s) ?? 0;
      if (s.size === seen) continue;
      let i = 0;
      for (const key of s.keys()) {
        if (i++ < seen) continue;
        if (hasHoles(key)) continue;
        const { parent, last } = split(key);
        // The slices of a partitioned variable are not what a program asks for by name.
        if (/^part_\d+$/.test(last)) continue;
        push(this.byParent, parent, key);
        push(this.byLast, last, key);
      }
      this.seen.set(s, s.size);
    }
  }
}

function push(m: Map<string, string[]>, k: string, v: string): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}
