/**
 * The names a program creates against the keys a checkpoint holds: what `scope-lens diff` reports.
 * Pure logic (no I/O): the input is the analyzer's outcomes (or any list of names) and a
 * checkpoint's listing; the output is plain data, documented in docs/diff-schema.md.
 *
 * - Keys are names without the output suffix `:0` (`tf.train.Saver` keys a variable by its op
 *   name). A name with holes (`model/h{layer}/w:0`, see docs/analysis-schema.md) is a pattern: a
 *   hole matches one or more characters other than `/`, so one pattern can match many keys (every
 *   layer). A pattern does not claim optimizer slots (`{a}/{b}` would otherwise match `w/Adam`).
 * - Matched names are compared on shape (the code's TF string `(3, 3)` against the stored
 *   `[3, 3]`; an unknown dimension `{?}`/`?` or an unknown rank matches anything) and dtype (the
 *   code's `float32_ref` is the stored `float32`).
 * - Differences that are expected are grouped, not reported as errors: optimizer slots
 *   (`<var>/Adam`, `<var>/Adam_1`, `<var>/Momentum`, ..., also under the optimizer's name scope,
 *   `training/<var>/Adam`), the optimizers' own variables (`beta1_power`, `beta2_power`),
 *   `global_step`, and partitioned variables: the graph's `v/part_0`, `v/part_1` are stored as
 *   one key `v` with the full shape (`BundleWriter::AddSlice`; a single full part is a plain entry).
 * - Systematic differences get a suggestion: an extra, missing or renamed top-level scope, a
 *   `_1` suffix (a scope entered twice) one side has and the other does not, and
 *   `weights`/`biases` against `kernel`/`bias`, and a scope prefix mapped to another at any depth
 *   together with those renames (`model/fc1/kernel` is `net/fc1/weights`: one suggestion for
 *   the whole model). Every missing name gets the closest checkpoint key by an edit distance over
 *   path segments, where a key whose stored shape does not fit costs a segment more.
 *
 * A name the analyzer found on some paths only, or in a function analysed alone (an entry point,
 * whose real scope is its caller's), is *possible*: when it is missing it is reported as possibly
 * missing and does not make the result fail.
 */

/** A variable as the code names it. */
export interface DiffCodeVariable {
  /**
   * The full name as the analyzer prints it: `scope/v:0`, a pattern with holes
   * (`model/h{layer}/w:0`), a partitioned variable (`v`) or one of its parts (`v/part_0:0`).
   */
  readonly name: string;
  /** TF's `str(shape)`: `(3, 3)`, `(3,)`, `()`, `({?}, 3)`, `<unknown>`. Absent: unknown. */
  readonly shape?: string;
  /** `float32_ref`, `float32`, ...; absent or `?`: unknown. */
  readonly dtype?: string;
  /** False: created on some paths only, or in an entry point analysed alone. Default true. */
  readonly certain?: boolean;
  /** Where the code creates it. */
  readonly file?: string;
  readonly line?: number;
}

/** A checkpoint variable, as `CheckpointReader.list()` gives it. */
export interface DiffCheckpointVariable {
  readonly name: string;
  readonly dtype: string;
  readonly shape: readonly number[];
}

export interface DiffLocation {
  readonly file?: string;
  readonly line?: number;
}

export interface DiffMatch extends DiffLocation {
  /** The code's name without `:0` (a pattern keeps its holes). */
  readonly name: string;
  /** The checkpoint keys it matched (a pattern may match many; a part its whole variable). */
  readonly keys: string[];
  readonly shape?: string;
  readonly dtype?: string;
  /** Set when the code's names are parts (`v/part_0`, ...) stored whole under `v`. */
  readonly parts?: string[];
}

export interface DiffMismatch extends DiffLocation {
  readonly name: string;
  readonly key: string;
  /** Present when the shapes differ: the code's TF string and the stored shape, `[3, 3]`. */
  readonly shape?: { readonly code: string; readonly checkpoint: string };
  /** Present when the dtypes differ (the code's dtype without `_ref`). */
  readonly dtype?: { readonly code: string; readonly checkpoint: string };
}

export interface DiffMissing extends DiffLocation {
  readonly name: string;
  readonly shape?: string;
  readonly dtype?: string;
  readonly certain: boolean;
  /**
   * The nearest checkpoint key (segment edit distance; 0 would be equal), a key whose shape fits
   * the name's preferred. `shapeMatches`: present when the name's shape is known.
   */
  closest?: { readonly key: string; readonly distance: number; readonly shapeMatches?: boolean };
  /** Index into `suggestions` of the suggestion that explains this name. */
  suggestion?: number;
}

export type DiffSuggestionKind =
  | 'remove-scope'
  | 'add-scope'
  | 'rename-scope'
  | 'drop-suffix'
  | 'add-suffix'
  | 'rename-variable'
  | 'map-prefix';

export interface DiffSuggestion {
  readonly kind: DiffSuggestionKind;
  /** What the code has (a scope prefix, a segment, a variable name); '' for add-scope. */
  readonly from: string;
  /** What the checkpoint has instead; '' for remove-scope. */
  readonly to: string;
  /** How many missing names it explains. */
  readonly count: number;
  /**
   * map-prefix only: the variable renames (`kernel` → `weights`, `bias` → `biases`) some of the
   * names it explains also need, code's first.
   */
  readonly renames?: ReadonlyArray<{ readonly from: string; readonly to: string }>;
  readonly message: string;
  /** Every name it explains, with the key it would then match. */
  readonly explains: Array<{ readonly code: string; readonly checkpoint: string }>;
}

export interface DiffSlot {
  readonly name: string;
  /** The slot's name: `Adam`, `Adam_1`, `Momentum`, `ExponentialMovingAverage`, ... */
  readonly slot: string;
  /** The primary variable's key, when the checkpoint or the code has it. */
  readonly of?: string;
}

export interface DiffResult {
  readonly summary: {
    /** Distinct names (or patterns) the code creates. */
    readonly code: number;
    readonly matched: number;
    /** Checkpoint keys the code's names claim. */
    readonly matchedKeys: number;
    readonly missing: number;
    readonly possiblyMissing: number;
    readonly mismatched: number;
    readonly onlyInCheckpoint: number;
    readonly expected: number;
    readonly checkpoint: number;
    /** Everything the code certainly creates is in the checkpoint with its shape and dtype. */
    readonly ok: boolean;
  };
  readonly matched: DiffMatch[];
  readonly mismatches: DiffMismatch[];
  /** Certain names missing from the checkpoint, then possible ones (`certain: false`). */
  readonly missing: DiffMissing[];
  /** Checkpoint keys no code name claims and nothing explains. */
  readonly onlyInCheckpoint: DiffCheckpointVariable[];
  readonly expected: {
    readonly slots: DiffSlot[];
    /** Optimizers' own variables: `beta1_power`, `beta2_power` (any scope). */
    readonly optimizer: string[];
    readonly globalStep: string[];
    /** Partitioned variables stored whole: the key and the code's parts. */
    readonly partitioned: Array<{ readonly key: string; readonly parts: string[] }>;
    /** Bookkeeping keys of object-based checkpoints (`_CHECKPOINTABLE_OBJECT_GRAPH`). */
    readonly other: string[];
  };
  readonly suggestions: DiffSuggestion[];
}

// ---------------------------------------------------------------------------------------------
// Names, patterns, shapes, dtypes

const HOLE = /\{[^{}]*\}/g;
const SLOT_NAMES = [
  'Adam',
  'Momentum',
  'Adagrad',
  'AdagradDA',
  'RMSProp',
  'Ftrl',
  'Adadelta',
  'ProximalAdagrad',
  'ProximalGradientDescent',
  'ExponentialMovingAverage',
  'LazyAdam',
  'AdamW',
  'Nadam',
  'AdaMax',
  'AddSign',
  'PowerSign',
];
/** `<primary>/<Slot>` with the optimizer's (uniquified) name as the slot's. */
const SLOT_RE = new RegExp(`^(.+)/((?:${SLOT_NAMES.join('|')})(?:_\\d+)?)$`);
const OPTIMIZER_RE = /(?:^|\/)beta[12]_power(?:_\d+)?$/;
const GLOBAL_STEP_RE = /(?:^|\/)global_step$/;
const OBJECT_GRAPH_KEY = '_CHECKPOINTABLE_OBJECT_GRAPH';
const PART_RE = /^(.+)\/part_(\d+)$/;
const RENAMES: ReadonlyMap<string, string> = new Map([
  ['weights', 'kernel'],
  ['biases', 'bias'],
  ['kernel', 'weights'],
  ['bias', 'biases'],
]);

/** The key of a name: without `:0` (any output index). */
export function nameToKey(name: string): string {
  return name.replace(/:\d+$/, '');
}

export function hasHoles(name: string): boolean {
  return name.includes('{');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The regex source of a name pattern: holes match `[^/]+`. */
function patternSource(pattern: string): string {
  let out = '';
  let last = 0;
  for (const m of pattern.matchAll(HOLE)) {
    out += `${escapeRegExp(pattern.slice(last, m.index))}[^/]+`;
    last = (m.index as number) + m[0].length;
  }
  return out + escapeRegExp(pattern.slice(last));
}

/** The text before a pattern's first hole (all of it for a plain name). */
function literalPrefix(pattern: string): string {
  const i = pattern.indexOf('{');
  return i < 0 ? pattern : pattern.slice(0, i);
}

/** Segments of a name or pattern (hole labels never split). */
function segments(name: string): string[] {
  if (!hasHoles(name)) return name.split('/');
  // A hole's label could hold a '/': split the text between holes only.
  const out: string[] = [''];
  let last = 0;
  for (const m of name.matchAll(HOLE)) {
    const parts = name.slice(last, m.index).split('/');
    out[out.length - 1] += parts[0];
    out.push(...parts.slice(1));
    out[out.length - 1] += m[0];
    last = (m.index as number) + m[0].length;
  }
  const parts = name.slice(last).split('/');
  out[out.length - 1] += parts[0];
  out.push(...parts.slice(1));
  return out;
}

/** A shape from TF's string: null for an unknown rank, null dims for unknown ones. */
export function parseCodeShape(s: string | undefined): Array<number | null> | null {
  if (s === undefined) return null;
  const m = /^\((.*)\)$/.exec(s.trim());
  if (!m) return null;
  const body = m[1].trim();
  if (body === '') return [];
  const dims: Array<number | null> = [];
  for (const part of body.split(',')) {
    const p = part.trim();
    if (p === '') continue; // the trailing comma of `(3,)`
    dims.push(/^\d+$/.test(p) ? Number(p) : null);
  }
  return dims;
}

export function formatStoredShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

function shapeMatches(code: Array<number | null> | null, stored: readonly number[]): boolean {
  if (code === null) return true;
  if (code.length !== stored.length) return false;
  return code.every((d, i) => d === null || d === stored[i]);
}

const DTYPE_ALIASES: Readonly<Record<string, string>> = {
  float: 'float32',
  half: 'float16',
  double: 'float64',
};

/** The dtype a checkpoint stores for a code dtype; undefined when unknown. */
export function storedDtype(dtype: string | undefined): string | undefined {
  if (!dtype || dtype === '?' || hasHoles(dtype)) return undefined;
  const base = dtype.replace(/_ref$/, '');
  return DTYPE_ALIASES[base] ?? base;
}

// ---------------------------------------------------------------------------------------------
// The checkpoint's keys, indexed

class KeyIndex {
  readonly byName = new Map<string, DiffCheckpointVariable>();
  /** Keys in JS string order, for prefix ranges. */
  readonly sorted: string[];

  constructor(listing: readonly DiffCheckpointVariable[]) {
    for (const v of listing) this.byName.set(v.name, v);
    this.sorted = [...this.byName.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /** Keys starting with `prefix`. */
  *withPrefix(prefix: string): Generator<string> {
    const s = this.sorted;
    let lo = 0;
    let hi = s.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (s[mid] < prefix) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < s.length && s[i].startsWith(prefix); i++) yield s[i];
  }

  /** Keys a name or pattern matches. */
  match(pattern: string): string[] {
    if (!hasHoles(pattern)) return this.byName.has(pattern) ? [pattern] : [];
    const re = new RegExp(`^${patternSource(pattern)}$`);
    const out: string[] = [];
    for (const k of this.withPrefix(literalPrefix(pattern))) if (re.test(k)) out.push(k);
    return out;
  }
}

/** A slot key's slot name and primary key (the primary must be a known name). */
function slotOf(
  key: string,
  known: (k: string) => boolean,
): { slot: string; of?: string } | undefined {
  const m = SLOT_RE.exec(key);
  if (!m) return undefined;
  const [, rest, slot] = m;
  if (known(rest)) return { slot, of: rest };
  // Under the optimizer's name scope: `training/<var>/Adam`.
  for (let i = rest.indexOf('/'); i >= 0; i = rest.indexOf('/', i + 1)) {
    const tail = rest.slice(i + 1);
    if (known(tail)) return { slot, of: tail };
  }
  return { slot };
}

// ---------------------------------------------------------------------------------------------
// Segment edit distance (closest key)

function charDistance(a: string, b: string): number {
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return Math.max(n, m);
  let prev = new Array<number>(m + 1);
  let cur = new Array<number>(m + 1);
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    for (let j = 1; j <= m; j++) {
      const sub = prev[j - 1] + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1);
      cur[j] = Math.min(sub, prev[j] + 1, cur[j - 1] + 1);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[m];
}

/**
 * Edit distance over path segments. Segments are interned (the checkpoint's on one side, the
 * code's names and patterns on the other) and the cost of each pair is computed once.
 */
class SegmentDistance {
  private readonly keyIds = new Map<string, number>();
  private readonly keySegs: string[] = [];
  private readonly codeIds = new Map<string, number>();
  private readonly codeSegs: Array<{ text: string; re: RegExp | null; lit: string }> = [];
  private dense: Float32Array | null = null;
  private readonly sparse = new Map<number, number>();
  private prev = new Float64Array(16);
  private cur = new Float64Array(16);

  /** Interns `keys` and `names` first, so the cost table can be dense when it is small. */
  constructor(keys: ReadonlyArray<readonly string[]>, names: ReadonlyArray<readonly string[]>) {
    for (const k of keys) this.internKey(k);
    for (const n of names) this.internCode(n);
    const size = this.codeSegs.length * this.keySegs.length;
    if (size <= 1 << 22) this.dense = new Float32Array(size).fill(-1);
  }

  internKey(segs: readonly string[]): number[] {
    return segs.map((seg) => {
      let id = this.keyIds.get(seg);
      if (id === undefined) {
        id = this.keySegs.length;
        this.keyIds.set(seg, id);
        this.keySegs.push(seg);
      }
      return id;
    });
  }

  internCode(segs: readonly string[]): number[] {
    return segs.map((seg) => {
      let id = this.codeIds.get(seg);
      if (id === undefined) {
        id = this.codeSegs.length;
        this.codeIds.set(seg, id);
        const holes = hasHoles(seg);
        this.codeSegs.push({
          text: seg,
          re: holes ? new RegExp(`^${patternSource(seg)}$`) : null,
          lit: holes ? seg.replace(HOLE, '') : seg,
        });
      }
      return id;
    });
  }

  /** 0 for equal segments (or a pattern segment that matches), else in (0, 1]. */
  private cost(a: number, b: number): number {
    const dense = this.dense;
    const nk = this.keySegs.length;
    const slot = a * nk + b;
    let c: number | undefined = dense && slot < dense.length ? dense[slot] : this.sparse.get(slot);
    if (c === undefined || c < 0) {
      const code = this.codeSegs[a];
      const key = this.keySegs[b];
      if (code.re === null) {
        c =
          code.text === key
            ? 0
            : charDistance(code.text, key) / Math.max(code.text.length, key.length);
      } else {
        c = code.re.test(key)
          ? 0
          : Math.max(0.1, charDistance(code.lit, key) / Math.max(code.lit.length, key.length, 1));
      }
      if (dense && slot < dense.length) dense[slot] = c;
      else this.sparse.set(slot, c);
    }
    return c;
  }

  /**
   * Edit distance between interned segment lists: insert/delete 1, substitute by `cost`.
   * Infinity as soon as it cannot be below `bound`.
   */
  distance(a: readonly number[], b: readonly number[], bound: number): number {
    if (Math.abs(a.length - b.length) >= bound) return Infinity;
    const m = b.length;
    if (this.prev.length <= m) {
      this.prev = new Float64Array(m + 1);
      this.cur = new Float64Array(m + 1);
    }
    let prev = this.prev;
    let cur = this.cur;
    for (let j = 0; j <= m; j++) prev[j] = j;
    for (let i = 1; i <= a.length; i++) {
      cur[0] = i;
      let rowMin = i;
      const ai = a[i - 1];
      for (let j = 1; j <= m; j++) {
        const sub = prev[j - 1] + this.cost(ai, b[j - 1]);
        const del = prev[j] + 1;
        const ins = cur[j - 1] + 1;
        const v = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
        cur[j] = v;
        if (v < rowMin) rowMin = v;
      }
      if (rowMin >= bound) return Infinity;
      const t = prev;
      prev = cur;
      cur = t;
    }
    return prev[m];
  }
}

// ---------------------------------------------------------------------------------------------
// The diff

interface CodeEntry {
  name: string;
  key: string;
  shape?: string;
  dtype?: string;
  certain: boolean;
  file?: string;
  line?: number;
}

function location(e: CodeEntry): DiffLocation {
  return {
    ...(e.file !== undefined ? { file: e.file } : {}),
    ...(e.line !== undefined ? { line: e.line } : {}),
  };
}

function optional<T extends object>(o: T): T {
  for (const k of Object.keys(o) as Array<keyof T>) if (o[k] === undefined) delete o[k];
  return o;
}

/**
 * Compares the code's variables with a checkpoint's listing. Names that repeat (the same key from
 * several files or call sites) count once: the first location, certain if any is.
 */
export function diffCheckpoint(
  code: readonly DiffCodeVariable[],
  listing: readonly DiffCheckpointVariable[],
): DiffResult {
  // The code's names, one entry per key.
  const entries = new Map<string, CodeEntry>();
  for (const v of code) {
    const key = nameToKey(v.name);
    const prev = entries.get(key);
    const certain = v.certain !== false;
    if (prev) {
      prev.certain ||= certain;
      continue;
    }
    entries.set(key, {
      name: v.name,
      key,
      shape: v.shape,
      dtype: v.dtype,
      certain,
      file: v.file,
      line: v.line,
    });
  }

  const index = new KeyIndex(listing);
  const codeKeys = new Set(entries.keys());
  const known = (k: string) => index.byName.has(k) || codeKeys.has(k);
  /** Keys that look like slots of a variable the checkpoint or code has: patterns skip them. */
  const slotLike = (k: string) => slotOf(k, known)?.of !== undefined;

  const claimed = new Set<string>();
  const matched: DiffMatch[] = [];
  const mismatches: DiffMismatch[] = [];
  const unmatched: CodeEntry[] = [];
  const partGroups = new Map<string, CodeEntry[]>();

  const compare = (e: CodeEntry, key: string, codeShape: string | undefined) => {
    const stored = index.byName.get(key) as DiffCheckpointVariable;
    const shapeOk = shapeMatches(parseCodeShape(codeShape), stored.shape);
    const dt = storedDtype(e.dtype);
    const dtypeOk = dt === undefined || dt === stored.dtype;
    if (shapeOk && dtypeOk) return;
    mismatches.push(
      optional({
        name: e.key,
        key,
        ...location(e),
        shape: shapeOk
          ? undefined
          : { code: codeShape ?? '<unknown>', checkpoint: formatStoredShape(stored.shape) },
        dtype: dtypeOk ? undefined : { code: dt as string, checkpoint: stored.dtype },
      }),
    );
  };

  for (const e of entries.values()) {
    let keys = index.match(e.key);
    if (hasHoles(e.key)) keys = keys.filter((k) => !slotLike(k) || codeKeys.has(k));
    if (keys.length > 0) {
      for (const k of keys) {
        claimed.add(k);
        compare(e, k, e.shape);
      }
      matched.push(optional({ name: e.key, keys, shape: e.shape, dtype: e.dtype, ...location(e) }));
      continue;
    }
    const part = PART_RE.exec(e.key);
    if (part && index.match(part[1]).length > 0) {
      let group = partGroups.get(part[1]);
      if (!group) partGroups.set(part[1], (group = []));
      group.push(e);
      continue;
    }
    unmatched.push(e);
  }

  // Partitioned variables: the parts' shapes must add up along one axis to the stored shape.
  const partitioned: Array<{ key: string; parts: string[] }> = [];
  for (const [base, parts] of partGroups) {
    const keys = index.match(base);
    const partNames = parts.map((p) => p.key);
    partitioned.push({ key: keys.length === 1 ? keys[0] : base, parts: partNames });
    const first = parts[0];
    for (const k of keys) {
      claimed.add(k);
      const stored = (index.byName.get(k) as DiffCheckpointVariable).shape;
      const shapes = parts.map((p) => parseCodeShape(p.shape));
      if (parts.length === 1) compare(first, k, first.shape);
      else if (shapes.every((s) => s !== null) && !partsCover(shapes as number[][], stored)) {
        mismatches.push(
          optional({
            name: base,
            key: k,
            ...location(first),
            shape: {
              code: parts.map((p) => p.shape ?? '<unknown>').join(' + '),
              checkpoint: formatStoredShape(stored),
            },
          }),
        );
      } else {
        const dt = storedDtype(first.dtype);
        const storedDt = (index.byName.get(k) as DiffCheckpointVariable).dtype;
        if (dt !== undefined && dt !== storedDt) {
          mismatches.push({
            name: base,
            key: k,
            ...location(first),
            dtype: { code: dt, checkpoint: storedDt },
          });
        }
      }
    }
    matched.push(
      optional({
        name: base,
        keys,
        shape: parts.length === 1 ? first.shape : undefined,
        dtype: first.dtype,
        parts: partNames,
        ...location(first),
      }),
    );
  }

  // What the checkpoint has that no name claims: expected, or unexplained.
  const slots: DiffSlot[] = [];
  const optimizer: string[] = [];
  const globalStep: string[] = [];
  const other: string[] = [];
  const unexplained: DiffCheckpointVariable[] = [];
  for (const v of listing) {
    if (claimed.has(v.name)) continue;
    const slot = slotOf(v.name, known);
    if (slot) slots.push(optional({ name: v.name, slot: slot.slot, of: slot.of }));
    else if (OPTIMIZER_RE.test(v.name)) optimizer.push(v.name);
    else if (GLOBAL_STEP_RE.test(v.name)) globalStep.push(v.name);
    else if (v.name === OBJECT_GRAPH_KEY) other.push(v.name);
    else unexplained.push({ name: v.name, dtype: v.dtype, shape: [...v.shape] });
  }

  // Missing names: suggestions for systematic differences, then the closest key for each.
  const missing: DiffMissing[] = unmatched.map((e) =>
    optional({ name: e.key, shape: e.shape, dtype: e.dtype, certain: e.certain, ...location(e) }),
  );
  // Suggestions may point at claimed keys too (a scope built twice: `dense_1/w` missing while
  // `dense/w` matched); expected keys (slots, ...) are never a fix.
  const expectedKeys = new Set<string>([
    ...slots.map((x) => x.name),
    ...optimizer,
    ...globalStep,
    ...other,
  ]);
  const suggestions = suggest(
    missing,
    listing.filter((v) => !expectedKeys.has(v.name)),
  );
  const pool = unexplained.length > 0 ? unexplained.map((v) => v.name) : [...index.byName.keys()];
  const storedShapes = new Map(listing.map((v) => [v.name, v.shape]));
  closest(missing, pool, suggestions, storedShapes);
  missing.sort((a, b) => Number(b.certain) - Number(a.certain) || compareText(a.name, b.name));

  const certainMissing = missing.filter((m) => m.certain).length;
  const expectedCount =
    slots.length + optimizer.length + globalStep.length + other.length + partitioned.length;
  return {
    summary: {
      code: entries.size,
      matched: matched.length,
      matchedKeys: claimed.size,
      missing: certainMissing,
      possiblyMissing: missing.length - certainMissing,
      mismatched: mismatches.length,
      onlyInCheckpoint: unexplained.length,
      expected: expectedCount,
      checkpoint: index.byName.size,
      ok: certainMissing === 0 && mismatches.length === 0,
    },
    matched,
    mismatches,
    missing,
    onlyInCheckpoint: unexplained,
    expected: { slots, optimizer, globalStep, partitioned, other },
    suggestions,
  };
}

/** Whether parts (equal rank) tile `full` along one axis: summed there, equal elsewhere. */
function partsCover(parts: Array<Array<number | null>>, full: readonly number[]): boolean {
  if (parts.some((p) => p.length !== full.length)) return false;
  if (full.length === 0) return false;
  for (let axis = 0; axis < full.length; axis++) {
    let sum = 0;
    let ok = true;
    for (const p of parts) {
      for (let d = 0; d < full.length; d++) {
        const x = p[d];
        if (d === axis) sum += x ?? NaN;
        else if (x !== null && x !== full[d]) ok = false;
      }
    }
    if (ok && (Number.isNaN(sum) || sum === full[axis])) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Suggestions

interface Vote {
  kind: DiffSuggestionKind;
  from: string;
  to: string;
  explains: Array<{ code: string; checkpoint: string; rename?: string }>;
}

function describe(
  kind: DiffSuggestionKind,
  from: string,
  to: string,
  n: number,
  renames: ReadonlyArray<{ from: string; to: string }> = [],
): string {
  const names = `${n} name${n === 1 ? '' : 's'}`;
  switch (kind) {
    case 'map-prefix': {
      const also =
        renames.length > 0
          ? `, with ${renames.map((r) => `'${r.from}' as '${r.to}'`).join(' and ')}`
          : '';
      return `The code's names under '${from}/' are under '${to}/' in the checkpoint${also} (${names}): map the names when restoring (tf.train.Saver({key: var}) / init_from_checkpoint with '${from}/' -> '${to}/')${renames.length > 0 ? ', or build the model with the library that wrote the checkpoint' : ', or rename the scope'}.`;
    }
    case 'remove-scope':
      return `The code's names start with '${from}/' where the checkpoint's keys do not (${names}): build the model outside that scope, or map the names when restoring (tf.train.Saver({key: var}) / init_from_checkpoint with '${from}/' -> '').`;
    case 'add-scope':
      return `The checkpoint's keys start with '${to}/' where the code's names do not (${names}): create the variables inside variable_scope('${to}'), or map the names when restoring.`;
    case 'rename-scope':
      return `The code's top-level scope '${from}' is '${to}' in the checkpoint (${names}): rename the scope, or map the names when restoring.`;
    case 'drop-suffix':
      return `The code's '${from}' is '${to}' in the checkpoint (${names}): a '_N' suffix means the scope was entered again (a second model or layer in the same graph, or reuse not set).`;
    case 'add-suffix':
      return `The checkpoint's '${to}' is '${from}' in the code (${names}): the saved graph entered that scope more than once ('_N' suffix).`;
    case 'rename-variable':
      return `The code's variables are called '${from}' where the checkpoint's are '${to}' (${names}): ${from === 'weights' || from === 'biases' ? 'tf.contrib.layers / slim' : 'tf.layers / Keras'} names, while the checkpoint was written by code using ${to === 'kernel' || to === 'bias' ? 'tf.layers / Keras' : 'tf.contrib.layers / slim'}.`;
  }
}

function suggest(
  missing: readonly DiffMissing[],
  candidates: readonly DiffCheckpointVariable[],
): DiffSuggestion[] {
  if (missing.length === 0 || candidates.length === 0) return [];
  const pool = new KeyIndex(candidates);
  /** Keys by their text after the first segment (for renamed scopes). */
  const byTail = new Map<string, string[]>();
  /** Keys by every proper suffix that starts a segment (for scopes the code lacks). */
  const bySuffix = new Map<string, string[]>();
  /** Keys by the key with one `_N` suffix removed (for add-suffix). */
  const bySuffixless = new Map<string, Array<{ key: string; seg: string; base: string }>>();
  const push = <T>(map: Map<string, T[]>, k: string, v: T) => {
    const list = map.get(k);
    if (list) list.push(v);
    else map.set(k, [v]);
  };
  for (const v of candidates) {
    const segs = v.name.split('/');
    if (segs.length > 1) push(byTail, segs.slice(1).join('/'), segs[0]);
    for (let i = v.name.indexOf('/'); i >= 0; i = v.name.indexOf('/', i + 1))
      push(bySuffix, v.name.slice(i + 1), v.name);
    segs.forEach((s, i) => {
      const m = /^(.+)_\d+$/.exec(s);
      if (!m) return;
      const variant = [...segs.slice(0, i), m[1], ...segs.slice(i + 1)].join('/');
      push(bySuffixless, variant, { key: v.name, seg: s, base: m[1] });
    });
  }
  /** Keys ending with a pattern's text after its last hole (a cheap filter before a regex). */
  const endingLike = (pattern: string) => {
    const tail = pattern.slice(pattern.lastIndexOf('}') + 1);
    return pool.sorted.filter((k) => k.endsWith(tail));
  };

  const votes = new Map<string, Vote>();
  const vote = (
    kind: DiffSuggestionKind,
    from: string,
    to: string,
    code: string,
    ckpt: string,
    rename?: string,
  ) => {
    const id = `${kind}\u0000${from}\u0000${to}`;
    let v = votes.get(id);
    if (!v) votes.set(id, (v = { kind, from, to, explains: [] }));
    if (!v.explains.some((x) => x.code === code))
      v.explains.push(optional({ code, checkpoint: ckpt, rename }));
  };
  const first = (pattern: string) => pool.match(pattern)[0];

  for (const m of missing) {
    const name = m.name;
    const segs = segments(name);
    const holes = hasHoles(name);
    // An extra scope in the code: drop leading segments.
    for (let i = 1; i < segs.length; i++) {
      const hit = first(segs.slice(i).join('/'));
      if (hit) vote('remove-scope', segs.slice(0, i).join('/'), '', name, hit);
    }
    // A scope the checkpoint has and the code lacks: keys ending with '/' + name.
    if (holes) {
      const re = new RegExp(`^(.+)/${patternSource(name)}$`);
      for (const k of endingLike(name)) {
        const r = re.exec(k);
        if (r) vote('add-scope', '', r[1], name, k);
      }
    } else {
      for (const k of bySuffix.get(name) ?? [])
        vote('add-scope', '', k.slice(0, k.length - name.length - 1), name, k);
    }
    // A renamed top-level scope.
    if (segs.length > 1 && !hasHoles(segs[0])) {
      const tail = segs.slice(1).join('/');
      if (!hasHoles(tail)) {
        for (const top of byTail.get(tail) ?? [])
          if (top !== segs[0]) vote('rename-scope', segs[0], top, name, `${top}/${tail}`);
      } else {
        const re = new RegExp(`^([^/]+)/${patternSource(tail)}$`);
        for (const k of endingLike(tail)) {
          const r = re.exec(k);
          if (r && r[1] !== segs[0]) vote('rename-scope', segs[0], r[1], name, k);
        }
      }
    }
    // `_N` suffixes: the code has one the checkpoint lacks, or the other way round.
    segs.forEach((s, i) => {
      const r = /^(.+)_\d+$/.exec(s);
      if (!r || hasHoles(s)) return;
      const hit = first([...segs.slice(0, i), r[1], ...segs.slice(i + 1)].join('/'));
      if (hit) vote('drop-suffix', s, r[1], name, hit);
    });
    if (!holes) {
      for (const h of bySuffixless.get(name) ?? []) vote('add-suffix', h.base, h.seg, name, h.key);
    }
    // weights/biases against kernel/bias.
    const last = segs[segs.length - 1];
    const renamed = RENAMES.get(last);
    const renamedHit = renamed ? first([...segs.slice(0, -1), renamed].join('/')) : undefined;
    if (renamed && renamedHit) vote('rename-variable', last, renamed, name, renamedHit);
    // A name the rename alone explains in its own scope is not evidence of a moved prefix (an
    // encoder and a decoder of the same structure would map onto each other).
    if (renamedHit) continue;
    // A scope prefix mapped to another (at any depth), with or without weights/kernel: the
    // code's `model/fc1/kernel` is the checkpoint's `net/fc1/weights`. The rest after the
    // prefix must be two segments or more, unless the prefix is the top-level scope.
    for (let i = 1; i < segs.length; i++) {
      const prefix = segs.slice(0, i).join('/');
      if (hasHoles(prefix) || (segs.length - i < 2 && i > 1)) continue;
      const rests: Array<{ tail: string[]; rename?: string }> = [{ tail: segs.slice(i) }];
      if (renamed)
        rests.push({ tail: [...segs.slice(i, -1), renamed], rename: `${last}\u0000${renamed}` });
      for (const { tail, rename } of rests) {
        const text = tail.join('/');
        if (!hasHoles(text)) {
          for (const k of bySuffix.get(text) ?? []) {
            const to = k.slice(0, k.length - text.length - 1);
            if (to !== prefix) vote('map-prefix', prefix, to, name, k, rename);
          }
        } else {
          const re = new RegExp(`^(.+)/${patternSource(text)}$`);
          for (const k of endingLike(text)) {
            const r = re.exec(k);
            if (r && r[1] !== prefix) vote('map-prefix', prefix, r[1], name, k, rename);
          }
        }
      }
    }
  }

  // Greedy: the suggestion explaining most names first; each name explained once. A suggestion
  // needs two names, or half of the missing ones.
  const ranked = [...votes.values()].sort(
    (a, b) =>
      b.explains.length - a.explains.length ||
      kindRank(a.kind) - kindRank(b.kind) ||
      compareText(a.from, b.from) ||
      compareText(a.to, b.to),
  );
  const explained = new Set<string>();
  const out: DiffSuggestion[] = [];
  const threshold = Math.min(2, Math.ceil(missing.length / 2));
  for (const v of ranked) {
    const fresh = v.explains.filter((x) => !explained.has(x.code));
    if (fresh.length < Math.max(1, threshold)) continue;
    const renames = distinctRenames(fresh);
    // A prefix mapping without renames at the top level is rename-scope, voted for apart.
    if (v.kind === 'map-prefix' && renames.length === 0 && !v.from.includes('/')) continue;
    for (const x of fresh) explained.add(x.code);
    out.push({
      kind: v.kind,
      from: v.from,
      to: v.to,
      count: fresh.length,
      ...(v.kind === 'map-prefix' ? { renames } : {}),
      message: describe(v.kind, v.from, v.to, fresh.length, renames),
      explains: fresh.map((x) => ({ code: x.code, checkpoint: x.checkpoint })),
    });
  }
  return out;
}

/** The renames a map-prefix suggestion's names need, in a stable order. */
function distinctRenames(
  explains: ReadonlyArray<{ rename?: string }>,
): Array<{ from: string; to: string }> {
  const seen = [...new Set(explains.flatMap((x) => (x.rename ? [x.rename] : [])))].sort();
  return seen.map((r) => {
    const [from, to] = r.split('\u0000');
    return { from, to };
  });
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function kindRank(k: DiffSuggestionKind): number {
  return [
    'rename-variable',
    'drop-suffix',
    'add-suffix',
    'remove-scope',
    'add-scope',
    'rename-scope',
    'map-prefix',
  ].indexOf(k);
}

/**
 * What a shape-incompatible key costs on top of its name's distance: a whole segment, so such a
 * key is never proposed over a compatible one at a similar distance (`dense_0/biases` for a
 * `(4, 16)` kernel when `dense_0/weights` is `[4, 16]`).
 */
const SHAPE_PENALTY = 1;

/**
 * The closest key of every missing name (the suggested key when a suggestion explains it): the
 * segment edit distance, plus SHAPE_PENALTY when the name's known shape does not fit the key's.
 */
function closest(
  missing: DiffMissing[],
  keys: readonly string[],
  suggestions: readonly DiffSuggestion[],
  shapes: ReadonlyMap<string, readonly number[]>,
): void {
  const bySuggestion = new Map<string, { key: string; index: number }>();
  suggestions.forEach((s, index) => {
    for (const x of s.explains) bySuggestion.set(x.code, { key: x.checkpoint, index });
  });
  const names = missing.map((m) => segments(m.name));
  const keySegs = keys.map((k) => k.split('/'));
  const dist = new SegmentDistance(keySegs, names);
  const candidates = keys.map((key, i) => ({ key, ids: dist.internKey(keySegs[i]) }));
  // Keys by their last segment: those are tried first, so the bound prunes the rest early.
  const byLast = new Map<string, number[]>();
  keySegs.forEach((segs, i) => {
    const last = segs[segs.length - 1];
    let list = byLast.get(last);
    if (!list) byLast.set(last, (list = []));
    list.push(i);
  });
  const fits = (code: Array<number | null> | null, key: string): boolean | undefined => {
    const stored = shapes.get(key);
    return code === null || stored === undefined ? undefined : shapeMatches(code, stored);
  };
  missing.forEach((m, n) => {
    const ids = dist.internCode(names[n]);
    const shape = parseCodeShape(m.shape);
    const via = bySuggestion.get(m.name);
    if (via) {
      m.suggestion = via.index;
      const d = dist.distance(ids, dist.internKey(via.key.split('/')), Infinity);
      m.closest = withFit({ key: via.key, distance: round(d) }, fits(shape, via.key));
      return;
    }
    let best = Infinity;
    let bestDistance = Infinity;
    let bestIndex = -1;
    const consider = (i: number) => {
      const penalty = fits(shape, candidates[i].key) === false ? SHAPE_PENALTY : 0;
      const d = dist.distance(ids, candidates[i].ids, best - penalty);
      const score = d + penalty;
      if (score < best || (score === best && i < bestIndex)) {
        best = score;
        bestDistance = d;
        bestIndex = i;
      }
    };
    for (const i of byLast.get(names[n][names[n].length - 1]) ?? []) consider(i);
    for (let i = 0; i < candidates.length; i++) consider(i);
    if (bestIndex >= 0) {
      const key = candidates[bestIndex].key;
      m.closest = withFit({ key, distance: round(bestDistance) }, fits(shape, key));
    }
  });
}

function withFit(
  c: { key: string; distance: number },
  fit: boolean | undefined,
): { key: string; distance: number; shapeMatches?: boolean } {
  return fit === undefined ? c : { ...c, shapeMatches: fit };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

// ---------------------------------------------------------------------------------------------
// From the analyzer's result

/** The parts of an analyzer result (`Analysis`) this module reads. */
export interface AnalysisOutcomes {
  readonly callSites: ReadonlyArray<{
    readonly file?: string;
    readonly start: { readonly line: number };
    readonly outcomes: ReadonlyArray<{
      readonly name: string;
      readonly action: string;
      readonly certain: boolean;
      readonly shape?: string;
      readonly dtype?: string;
      readonly entry?: string;
    }>;
  }>;
}

/**
 * The variables a program creates, from the analyzer's call-site outcomes: every `create` (and
 * every `reuse`, whose variable may have been created by code that was not analysed). A name found
 * only on some paths, or in a function analysed alone (`entry`), is not certain.
 */
export function codeVariablesFromAnalysis(
  analysis: AnalysisOutcomes,
  path?: string,
): DiffCodeVariable[] {
  const out: Array<{ v: DiffCodeVariable; rank: number }> = [];
  for (const site of analysis.callSites) {
    for (const o of site.outcomes) {
      if (o.action !== 'create' && o.action !== 'reuse') continue;
      const certain = o.certain && o.entry === undefined;
      out.push({
        v: optional({
          name: o.name,
          shape: o.shape,
          dtype: o.dtype,
          certain,
          file: site.file ?? path,
          line: site.start.line,
        }),
        rank: (o.action === 'create' ? 0 : 2) + (certain ? 0 : 1),
      });
    }
  }
  // Certain creations first, so a name's shape and location come from where it is created.
  return out.sort((a, b) => a.rank - b.rank).map((x) => x.v);
}
