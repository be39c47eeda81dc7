/**
 * Loops the test does not end (`while True:`, `while running:`): when their iterations stop
 * changing anything, so that the interpreter can stop running them.
 *
 * A path runs such a loop iteration by iteration, as Python would; its branches on unknowns
 * queue their alternatives as usual (explore.ts), so the path that breaks out at iteration k is
 * explored on its own. What this module decides is when the path that keeps looping has seen
 * everything further iterations could show: after each iteration the loop's *state* is
 * recorded, and when an iteration added no outcome (variable event, scope event, note) the
 * loop's earlier iterations had not added (a *quiet* iteration), and left a state covered by
 * the one it started from,
 * the loop has reached a fixed point: every later iteration starts where the last one did,
 * makes the same choices (explored already) and adds nothing. A loop that creates a variable
 * in its first iteration and reuses it in the second stops after the third.
 *
 * The state compared is what the iteration can see and change, made cheap:
 * - the bindings of the frames from the loop's own up to its module's (insertion order), and
 *   the values they reach: lists, tuples, dicts, instances' and objects' attributes, closures'
 *   frames other than modules' (structurally, objects numbered in the order first reached, so
 *   aliasing counts); functions by definition, classes and TF objects (variables, scopes by
 *   name and reuse) by identity;
 * - each graph's variables, `tf.Variable`s, collection items and the current name and variable
 *   scope: a loop that creates any variable or adds to a collection has changed its graph. The
 *   names handed out to ops are not compared (nor the `_N` that makes a tensor's op name
 *   unique): they do not decide what `get_variable` does, and a loop that builds ops (a name
 *   scope per iteration) would otherwise never settle;
 * - holes made by the loop compare by their label and the order they are first reached (a new
 *   `input()` each iteration is the same state); holes older than the loop by identity;
 * - an unknown integer with a lower bound covers one with a higher bound (`lo`).
 *
 * Widening: a binding that keeps changing between quiet iterations (a counter, `n += 1`) while
 * everything else stays put would never settle; after `WIDEN_AFTER` quiet iterations in a row
 * such bindings of the loop's frames (plain values only: numbers, strings, booleans, unknowns,
 * and only when the loop's test neither reads them nor calls anything) become unknown (an
 * integer keeps a lower
 * bound while it only grew), and the loop goes on until the state settles. Counted loops that
 * end before that stay exact. A loop whose state a snapshot cannot cover (too big, changing in
 * ways widening does not touch) runs as before: until its test, a break, or the iteration limit.
 */
import type { AbstractShape } from '../../core/shape';
import type { Expr } from '../ir';
import { walk } from '../ir';
import type { TfState, VariableEvent } from './tf-model';
import { displayName, Env, hasHoles, Hole, Value } from './values';

/**
 * Iterations a loop whose test may end it (`while i < n:`, `while running:`) runs before it is
 * watched: most such loops end by then, and watching costs a snapshot per iteration.
 * Loops whose test is a constant (`while True:`, `for (;;)`) are watched from the start.
 */
export const WATCH_AFTER = 8;
/**
 * Iterations of a loop counting towards its test's bound before the rest is taken as one
 * widened iteration (`LoopWatch.counted`): shorter counted loops stay exact.
 */
export const COUNTED_AFTER = 16;
/** Consecutive quiet iterations before changing bindings are widened. */
export const WIDEN_AFTER = 4;
/** States recorded per run of a loop before it is left to run as before. */
const MAX_SNAPSHOTS = 12;
/** Tokens a snapshot may hold (its cost); a bigger state is not compared. */
const MAX_TOKENS = 200_000;
/** How deep a snapshot follows values nested in values. */
const MAX_DEPTH = 48;

/** An unknown integer's lower bound (`-Infinity`: none): a higher one is covered. */
class Lo {
  constructor(readonly lo: number) {}
}
/** Text with holes made by the loop: exactly (canonical numbers), and loosely (labels only). */
class HoleText {
  constructor(
    readonly exact: string,
    readonly loose: string,
  ) {}
}
type Token = string | number | Lo | HoleText;

/** A binding of one of the loop's frames, and where its value's tokens are. */
interface Root {
  readonly frame: Env;
  readonly name: string;
  readonly from: number;
  readonly to: number;
  readonly value: Value;
}

interface Snapshot {
  readonly tokens: Token[];
  readonly roots: Root[];
}

/** Identities of objects compared by identity (functions' definitions, variables, classes). */
const ids = new WeakMap<object, number>();
let nextId = 1;
function idOf(o: object): number {
  let id = ids.get(o);
  if (id === undefined) {
    id = nextId++;
    ids.set(o, id);
  }
  return id;
}

// eslint-disable-next-line no-control-regex -- holes are delimited by control characters
const HOLE_IN_TEXT = /\u0001([^\u0001\u0002#]*)#(\d+)\u0002/g;

/** The suffix `Graph.unique_name` appends to a name used before (`mul_2`, `model_1/`). */
const UNIQUE_SUFFIX = /_\d+(?=[/:]|$)/g;

class Snapshotter {
  readonly tokens: Token[] = [];
  private readonly objects = new Map<object, number>();
  private readonly holes = new Map<number, number>();
  private failed = false;

  constructor(
    /** Holes with an id below this were made before the loop: compared by identity. */
    private readonly holeFloor: number,
    private readonly builtins: Env,
  ) {}

  private push(t: Token): void {
    if (this.tokens.length >= MAX_TOKENS) this.failed = true;
    else this.tokens.push(t);
  }

  private holeKey(id: number): string {
    if (id < this.holeFloor) return `p${id}`;
    let n = this.holes.get(id);
    if (n === undefined) {
      n = this.holes.size;
      this.holes.set(id, n);
    }
    return `c${n}`;
  }

  private hole(h: Hole | undefined): void {
    if (!h) this.push('-');
    else this.push(new HoleText(`${h.label}#${this.holeKey(h.id)}`, h.label));
  }

  private text(s: string): void {
    if (!hasHoles(s)) {
      this.push(s);
      return;
    }
    const exact = s.replace(HOLE_IN_TEXT, (_m, label: string, id: string) => {
      return `\u0001${label}#${this.holeKey(Number(id))}\u0002`;
    });
    this.push(new HoleText(exact, displayName(s)));
  }

  private deps(d: ReadonlySet<object> | undefined): void {
    if (!d) {
      this.push('d-');
      return;
    }
    this.push('d');
    this.push(d.size);
    for (const v of d) this.push(idOf(v));
  }

  /** `o` seen before: a reference to it (true); else numbered now (false). */
  private seen(o: object): boolean {
    const n = this.objects.get(o);
    if (n !== undefined) {
      this.push('@');
      this.push(n);
      return true;
    }
    this.objects.set(o, this.objects.size);
    return false;
  }

  frame(env: Env, depth: number): void {
    if (this.seen(env)) return;
    this.push('E');
    this.push(env.vars.size);
    for (const [k, v] of env.vars) {
      this.push(k);
      this.value(v, depth + 1);
    }
  }

  value(v: Value, depth: number): void {
    if (this.failed) return;
    if (depth > MAX_DEPTH) {
      this.failed = true;
      return;
    }
    switch (v.k) {
      case 'none':
        this.push('N');
        return;
      case 'bool':
        this.push(v.v ? 'T' : 'F');
        return;
      case 'int':
        this.push('i');
        this.push(v.v);
        this.hole(v.hole);
        return;
      case 'float':
        this.push('f');
        this.push(v.v);
        return;
      case 'str':
        this.push('s');
        this.text(v.v);
        return;
      case 'unknown':
        this.push('u');
        this.hole(v.hole);
        this.push(new Lo(v.lo ?? -Infinity));
        this.push(v.tf ? 1 : 0);
        this.deps(v.deps);
        return;
      case 'list':
      case 'tuple':
        if (this.seen(v)) return;
        this.push(v.k === 'list' ? 'L' : 'U');
        this.push(v.items.length);
        for (const x of v.items) this.value(x, depth + 1);
        return;
      case 'dict':
        if (this.seen(v)) return;
        this.push('D');
        this.push(v.entries.length);
        for (const [a, b] of v.entries) {
          this.value(a, depth + 1);
          this.value(b, depth + 1);
        }
        return;
      case 'instance':
        if (this.seen(v)) return;
        this.push('I');
        this.push(idOf(v.cls));
        this.attrs(v.attrs, depth);
        return;
      case 'object':
        if (this.seen(v)) return;
        this.push('O');
        this.push(v.kind);
        this.attrs(v.attrs, depth);
        return;
      case 'func':
        this.push('F');
        this.push(idOf(v.def));
        // A module's frame is compared where the loop runs in it, not through its functions.
        if (v.closure.parent === this.builtins) this.push(idOf(v.closure));
        else this.frame(v.closure, depth + 1);
        return;
      case 'class':
      case 'builtin':
      case 'context':
        this.push(v.k);
        this.push(idOf(v));
        return;
      case 'module':
        this.push('M');
        this.push(v.path);
        return;
      case 'scope':
        this.push('S');
        this.text(v.scope.name);
        this.push(String(v.scope.reuse));
        return;
      case 'variable':
      case 'partitioned':
        this.push(v.k);
        this.push(idOf(v.v));
        return;
      case 'exception':
        this.push('X');
        this.push(v.cls);
        this.text(v.message);
        return;
      case 'exctype':
        this.push('XT');
        this.push(v.cls);
        return;
      case 'tensor':
        this.push('t');
        // Without the `_N` that make op names unique: a loop that builds ops names them anew
        // each iteration (see the module comment on names handed out to ops).
        if (v.name === null) this.push('-');
        else this.text(v.name.replace(UNIQUE_SUFFIX, ''));
        this.push(v.dtype ? v.dtype.name : '-');
        this.shape(v.shape);
        this.deps(v.deps);
        this.push(v.assumed ? 1 : 0);
        return;
      case 'tshape':
        this.push('TS');
        this.shape(v.dims);
        return;
      case 'dim':
        this.push('Dm');
        this.push(typeof v.v === 'number' ? v.v : v.v === null ? 'None' : '?');
        return;
    }
  }

  private attrs(attrs: Map<string, Value>, depth: number): void {
    this.push(attrs.size);
    for (const [k, x] of attrs) {
      this.push(k);
      this.value(x, depth + 1);
    }
  }

  private shape(s: AbstractShape): void {
    if (s === null) this.push('?r');
    else if (typeof s === 'symbol') this.push('?s');
    else {
      this.push(s.length);
      for (const d of s) this.push(typeof d === 'number' ? d : d === null ? 'N' : '?');
    }
  }

  done(): boolean {
    return !this.failed;
  }
}

/** `a` covers `b`: equal, but for lower bounds (a lower one covers a higher one). */
function covers(a: Token, b: Token, loose: boolean): boolean {
  if (a === b) return true;
  if (a instanceof Lo) return b instanceof Lo && b.lo >= a.lo;
  if (a instanceof HoleText)
    return b instanceof HoleText && (loose ? a.loose === b.loose : a.exact === b.exact);
  return false;
}

function sliceCovers(
  a: readonly Token[],
  af: number,
  at: number,
  b: readonly Token[],
  bf: number,
  bt: number,
  loose: boolean,
): boolean {
  if (at - af !== bt - bf) return false;
  for (let i = 0; i < at - af; i++) if (!covers(a[af + i], b[bf + i], loose)) return false;
  return true;
}

/** A plain value widening may replace by an unknown. */
function widenable(v: Value): boolean {
  return (
    v.k === 'int' ||
    v.k === 'float' ||
    v.k === 'bool' ||
    v.k === 'str' ||
    v.k === 'none' ||
    (v.k === 'unknown' && !v.tf && !v.deps)
  );
}

/**
 * Names a loop's test reads, which widening leaves alone (it would end a loop that ends by its
 * test); null when the test calls something, which may read any binding.
 */
const testNames = new WeakMap<Expr, ReadonlySet<string> | null>();
function namesIn(e: Expr): ReadonlySet<string> | null {
  let names = testNames.get(e);
  if (names === undefined) {
    const found = new Set<string>();
    let calls = false;
    walk(e, {
      enter: (node) => {
        if (node.kind === 'Name') found.add(node.id);
        if (node.kind === 'Call') calls = true;
        return !calls;
      },
    });
    names = calls ? null : found;
    testNames.set(e, names);
  }
  return names;
}

/** What a loop watch needs from the interpreter running the loop. */
export interface LoopHost {
  readonly events: readonly VariableEvent[];
  readonly scopeEvents: readonly {
    readonly at: Expr;
    readonly name: string;
    readonly reuse: string;
  }[];
  readonly notes: readonly unknown[];
  readonly graphs: readonly TfState[];
  readonly builtinsEnv: Env;
  /** The id the next hole will get. */
  readonly holeCount: number;
  hole(label: string): Hole;
}

/** One run of a loop whose test does not end it (see the module comment). */
export class LoopWatch {
  private readonly seenOutcomes = new Set<string>();
  private readonly holeFloor: number;
  private marks = { events: 0, scopes: 0, notes: 0 };
  private quiet = 0;
  private previous: Snapshot | null = null;
  private snapshots = 0;

  constructor(
    private readonly host: LoopHost,
    private readonly env: Env,
    private readonly test: Expr,
  ) {
    this.holeFloor = host.holeCount;
  }

  /** An iteration starts. */
  start(): void {
    this.marks = {
      events: this.host.events.length,
      scopes: this.host.scopeEvents.length,
      notes: this.host.notes.length,
    };
  }

  /**
   * The iteration started last ran to its end: true when the loop has reached a fixed point
   * (nothing a later iteration does is new). May widen bindings of the loop's frames.
   */
  settled(iteration: number): boolean {
    if (this.snapshots >= MAX_SNAPSHOTS) return false;
    const quiet = !this.addedOutcomes();
    this.quiet = quiet ? this.quiet + 1 : 0;
    const current = this.snapshot();
    this.snapshots++;
    if (!current) {
      // Too big to compare: the loop runs as it would without a watch.
      this.snapshots = MAX_SNAPSHOTS;
      return false;
    }
    const previous = this.previous;
    this.previous = current;
    if (!previous || !quiet) return false;
    if (this.covered(previous, current)) return true;
    if (this.quiet >= WIDEN_AFTER) {
      if (this.widen(previous, current)) this.previous = this.snapshot();
      else if (iteration >= COUNTED_AFTER && this.widen(previous, current, true))
        this.counted = true;
    }
    return false;
  }

  /**
   * The loop counts towards its test's bound (`while step < args.epoch_size:`) through quiet
   * iterations in which only plain bindings change, its counter among them: those bindings are
   * now unknown, and one more iteration stands for the rest (`Interpreter.execWhile`).
   */
  counted = false;

  /** Whether the iteration added an outcome none before it in this loop had. */
  private addedOutcomes(): boolean {
    const h = this.host;
    let added = h.notes.length > this.marks.notes;
    for (let i = this.marks.events; i < h.events.length; i++) {
      const e = h.events[i];
      const key = `v${idOf(e.at)}|${e.action}|${displayName(e.name)}|${e.error?.code ?? ''}|${e.certain}|${e.handled}`;
      if (!this.seenOutcomes.has(key)) {
        this.seenOutcomes.add(key);
        added = true;
      }
    }
    for (let i = this.marks.scopes; i < h.scopeEvents.length; i++) {
      const e = h.scopeEvents[i];
      const key = `s${idOf(e.at)}|${displayName(e.name)}|${e.reuse}`;
      if (!this.seenOutcomes.has(key)) {
        this.seenOutcomes.add(key);
        added = true;
      }
    }
    return added;
  }

  private snapshot(): Snapshot | null {
    const s = new Snapshotter(this.holeFloor, this.host.builtinsEnv);
    for (const g of this.host.graphs) {
      let items = 0;
      for (const c of g.collectionLists()) items += c.items.length;
      s.tokens.push(
        'G',
        g.store.vars.size,
        g.store.partitionedVars.size,
        g.plainVariables.size,
        items,
        g.names.currentScope,
        g.scopes.current.name,
        String(g.scopes.current.reuse),
      );
    }
    const roots: Root[] = [];
    for (let f: Env | null = this.env; f && f !== this.host.builtinsEnv; f = f.parent) {
      s.tokens.push('R', f.vars.size);
      for (const [name, value] of f.vars) {
        s.tokens.push(name);
        const from = s.tokens.length;
        s.value(value, 0);
        roots.push({ frame: f, name, from, to: s.tokens.length, value });
      }
    }
    return s.done() ? { tokens: s.tokens, roots } : null;
  }

  private covered(a: Snapshot, b: Snapshot): boolean {
    return sliceCovers(a.tokens, 0, a.tokens.length, b.tokens, 0, b.tokens.length, false);
  }

  /**
   * Replaces the plain bindings that changed from `a` to `b` by unknowns, when they are all
   * that changed (besides holes' numbering); false when nothing could be widened. Bindings the
   * loop's test reads are left alone unless `counters` (then one of them must have changed).
   */
  private widen(a: Snapshot, b: Snapshot, counters = false): boolean {
    if (a.roots.length !== b.roots.length) return false;
    // What comes before the first binding (the graphs) must not have changed.
    const head = a.roots.length > 0 ? a.roots[0].from : a.tokens.length;
    const headB = b.roots.length > 0 ? b.roots[0].from : b.tokens.length;
    if (!sliceCovers(a.tokens, 0, head, b.tokens, 0, headB, true)) return false;
    const test = namesIn(this.test);
    if (!test) return false;
    const changed: Root[] = [];
    for (let i = 0; i < a.roots.length; i++) {
      const ra = a.roots[i];
      const rb = b.roots[i];
      if (ra.frame !== rb.frame || ra.name !== rb.name) return false;
      if (sliceCovers(a.tokens, ra.from, ra.to, b.tokens, rb.from, rb.to, true)) continue;
      if (!widenable(ra.value) || !widenable(rb.value)) return false;
      if (!counters && test.has(ra.name)) return false;
      changed.push(rb);
    }
    // With `counters`, a binding the test reads must be among the changed ones.
    if (counters && !changed.some((r) => test.has(r.name))) return false;
    for (const r of changed) {
      const before = a.roots.find((x) => x.frame === r.frame && x.name === r.name)?.value;
      r.frame.vars.set(r.name, this.widened(before as Value, r.value, r.name));
    }
    return changed.length > 0;
  }

  /** An unknown standing for both values (and those a loop that keeps going makes of them). */
  private widened(a: Value, b: Value, name: string): Value {
    const bound = (v: Value) => (v.k === 'int' ? v.v : v.k === 'unknown' ? v.lo : undefined);
    const la = bound(a);
    const lb = bound(b);
    // An integer that only grew keeps its lower bound (`step > 0` stays known); one that was
    // widened before and still changes loses it.
    const lo = a.k === 'int' && la !== undefined && lb !== undefined && lb >= la ? la : undefined;
    return lo !== undefined
      ? { k: 'unknown', hole: this.host.hole(name), lo }
      : { k: 'unknown', hole: this.host.hole(name) };
  }
}
