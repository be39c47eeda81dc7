/**
 * The analyzer's entry point and result model: source in (Python, or TypeScript/JavaScript using
 * the engine API); out, the predicted outcomes of every `get_variable` call (the first path's
 * execution as `.static.json` events, and every path's outcomes grouped by call site, certain or
 * possible), every variable scope entered, the variables created, and diagnostics. Imports of
 * the program's own modules are followed through `readFile`. Never throws on user code.
 *
 * The result is plain data (JSON-serialisable); the CLI prints it and `docs/analysis-schema.md`
 * documents its JSON form.
 */
import { ERROR_CODES, ErrorCode, firstLine } from '../core/errors';
import { formatShape, Shape, UNKNOWN } from '../core/shape';
import { Expr, LineMap, Module, Position, Span, Stmt } from './ir';
import {
  ImportRequest,
  interpret,
  InterpretOptions,
  InterpretResult,
  PausedRun,
  PrefixRun,
  stepBudget,
  Language,
  Limits,
  ResolvedModule,
  ScopeEvent,
} from './interpreter/interpreter';
import type { CallTrail, ReuseOrigin, VariableEvent } from './interpreter/tf-model';
import type { ResultSummary } from './interpreter/results';
import { displayName } from './interpreter/values';
import { lowerPython } from './python/lower';
import { PythonDocument } from './python/document';
import { CATALOG } from './diagnostics/catalog';
import { lowerSource, lowerSourceResult } from './front-ends';
import type { Diagnostic as FrontEndDiagnostic } from './python/expressions';
import { pythonSyntaxErrors } from './python/syntax-errors';
import { dirname, joinPath } from './paths';
import { isLibraryFile, libraryFor, LibrarySources } from './library/index';

export interface StaticEvent {
  /** 1-based line of the `get_variable` call. */
  readonly line: number;
  /** `scope/v:0` for create/reuse; the full name asked for (no `:0`) for raise. */
  readonly name: string;
  readonly key?: string;
  readonly action: 'create' | 'reuse' | 'raise';
  /** `ValueError: <TF's first line>` for raise. */
  readonly error?: string;
}

export interface Location {
  /** Absent: the analysed file. */
  readonly file?: string;
  readonly start: Position;
  readonly end: Position;
}

export interface Outcome {
  /** `scope/v:0`, or a pattern with holes: `model/h{layer}/w:0`. */
  readonly name: string;
  readonly action: 'create' | 'reuse' | 'raise';
  /** `ValueError: <TF's first line>` for raise. */
  readonly error?: string;
  readonly code?: ErrorCode;
  /** An enclosing `try` of the program catches the error (on every path where it happens). */
  readonly handled: boolean;
  /**
   * True when, on every explored path that reaches the call, the call has this outcome, and no
   * assumption was needed (an unknown `reuse`, a pattern taken for an existing name).
   */
  readonly certain: boolean;
  /** TF's `str(shape)`, e.g. `(3, 3)`, for create/reuse. */
  readonly shape?: string;
  readonly dtype?: string;
  /** For create/reuse: whether it is trainable and the collections it is in. */
  readonly trainable?: boolean;
  readonly collections?: readonly string[];
  /** For reuse: the call that created the variable. */
  readonly createdAt?: Location;
  /** For reuse and "does not exist": why the scope reuses. */
  readonly reuse?: ReuseInfo;
  /** Found by analysing an uncalled function alone (its name), not the program's execution. */
  readonly entry?: string;
  /**
   * A variable the call's custom getter made through the true getter that is not what the call
   * returned (the getter returned a sum of variables, or raised): it exists in the graph and in
   * checkpoints, but it is not the call's result.
   */
  readonly byGetter?: boolean;
  /** The `variable_scope(...)` call of the enclosing scope (absent at the root scope). */
  readonly scope?: Location;
  /** For "does not exist": the existing variables the program most likely meant, best first. */
  readonly didYouMean?: readonly string[];
  /**
   * The program's calls that led to this outcome, outermost first (calls in the analysed file
   * and its own modules, never in the layer libraries); absent when the call site runs outside
   * any call of the program's (module level). Each call of a function has outcomes of its own:
   * `build()` called twice gives one outcome per call.
   */
  readonly trail?: Location[];
  /**
   * For "already exists": where the variable was first created (the creating call site), which
   * completes TF's "Originally defined at:".
   */
  readonly originallyDefinedAt?: Location;
}

export interface ReuseInfo {
  /** `reuse=True` argument, a `reuse_variables()` call, inherited, a scope object, unknown. */
  readonly why: string;
  readonly at?: Location;
}

export interface CallSite extends Location {
  readonly outcomes: Outcome[];
}

export interface ScopeOutcome {
  /** The scope's full name (`outer/inner`, or a pattern). */
  readonly name: string;
  /** The op-name prefix when it differs from the name (`foo_1/` on re-entry). */
  readonly nameScope?: string;
  readonly reuse: 'True' | 'False' | 'AUTO_REUSE';
  readonly reuseWhy?: ReuseInfo;
  readonly certain: boolean;
}

export interface ScopeSite extends Location {
  readonly outcomes: ScopeOutcome[];
}

/** What a call returned: a tensor, a tuple or list of them, a layer object and its variables. */
export type ResultValue = ResultSummary;

/**
 * A call in the analysed file whose result the program assigns (`h = tf.layers.dense(...)`),
 * with the distinct values it returned on the explored paths (and loop iterations; at most a
 * few). `{ kind: 'other' }` stands for anything else it returned (an unknown value).
 */
export interface CallResult extends Location {
  readonly values: ResultValue[];
}

export interface RelatedInformation extends Location {
  readonly message: string;
}

export interface Diagnostic {
  readonly code: string;
  readonly severity: 'error' | 'warning' | 'information' | 'hint';
  readonly message: string;
  readonly start: Position;
  readonly end: Position;
  /** The other site: the creating call, the scope that set reuse. */
  readonly related?: RelatedInformation[];
}

export interface VariableInfo {
  /** `scope/v:0`. */
  readonly name: string;
  readonly key: string;
  readonly shape: string;
  readonly dtype: string;
  /**
   * 1-based line of the analysed file's call that created it: the outermost call of the
   * program's that led to the creating call site (`build()` at line 11 for a `get_variable`
   * inside `build`), or the creating call site itself when it runs outside any call. In `file`
   * when that is set (a variable an imported module creates when it is imported).
   */
  readonly createdAt: number;
  readonly file?: string;
  /**
   * When `createdAt` is a call of the program's function: the creating call site itself (the
   * `get_variable` or layer call), its line, its file when not the analysed file, and the
   * function called at `createdAt`.
   */
  readonly createdIn?: {
    readonly line: number;
    readonly file?: string;
    readonly function?: string;
  };
  /** Lines of the analysed file's calls that reused it (outermost calls, as `createdAt`). */
  readonly reusedAt: number[];
  readonly certain: boolean;
}

export interface Analysis {
  readonly language: Language;
  readonly events: StaticEvent[];
  readonly callSites: CallSite[];
  readonly scopes: ScopeSite[];
  readonly variables: VariableInfo[];
  readonly diagnostics: Diagnostic[];
  /** Calls of this file whose result is assigned, and what they returned (tensors, layers). */
  readonly results: CallResult[];
  /** False when the interpreter stopped early (budget or an internal limit). */
  readonly complete: boolean;
  /** Why the analysis is not complete (only when `complete` is false). */
  readonly reason?: string;
  /** Every path through the program was explored (see `certain`). */
  readonly exhaustive: boolean;
  /** How many paths of the program were explored. */
  readonly paths: number;
  /** The program's own modules it imported (and analysed at their calls). */
  readonly imports: string[];
}

/** @deprecated the result is not only for Python any more; kept for the schema's users. */
export type PythonAnalysis = Analysis;

export interface AnalyzeOptions {
  /** The file's path: relative imports are resolved from it; its extension picks the language. */
  readonly path?: string;
  readonly language?: Language;
  /** Reads another file of the program (for imports); undefined when it does not exist. */
  readonly readFile?: (path: string) => string | undefined;
  /** Extra folders Python imports are resolved against (after the file's own folder). */
  readonly roots?: readonly string[];
  /** Analysis limits (call depth, loop unrolling); defaults suit most code. */
  readonly limits?: Limits;
  /**
   * The layer libraries' Python modules (module name → source, `exports` among them); by
   * default the `tensorflow._lib` package embedded at build time.
   */
  readonly library?: LibrarySources;
  /**
   * Wall-clock bound of one file's interpretation, in milliseconds (default `TIME_LIMIT_MS`;
   * 0 for none). When it runs out, the analysis so far is the result, with `complete: false`.
   */
  readonly timeLimitMs?: number;
  /**
   * False: only the syntax is checked (`SL-SYNTAX`), nothing is interpreted. For a caller that
   * knows the file cannot reach TensorFlow or the engine API (the CLI's folder walks).
   */
  readonly interpret?: boolean;
  /**
   * Imported modules lowered by earlier analyses, by file, with the text they were lowered
   * from: a caller analysing many files of one program (the CLI) lowers each module once.
   */
  readonly importCache?: Map<string, { readonly text: string; readonly module: ResolvedModule }>;
}

/** The default bound of one file's interpretation (`AnalyzeOptions.timeLimitMs`). */
export const TIME_LIMIT_MS = 10_000;

/** Errors about an existing variable, whose creation is the related site. */
const SHARING_ERRORS = new Set<string>([
  ERROR_CODES.variableExists,
  ERROR_CODES.shapeMismatch,
  ERROR_CODES.dtypeMismatch,
  ERROR_CODES.partitionedExists,
  ERROR_CODES.partitionedShapeMismatch,
  ERROR_CODES.partitionedDtypeMismatch,
  ERROR_CODES.partitionsMismatch,
]);

export function languageOf(path: string | undefined): Language {
  return path && /\.(m|c)?[jt]sx?$/.test(path) ? 'typescript' : 'python';
}

export function analyzePython(source: string, options: AnalyzeOptions = {}): Analysis {
  return analyze(source, { ...options, language: 'python' });
}

export function analyze(source: string, options: AnalyzeOptions = {}): Analysis {
  const language = options.language ?? languageOf(options.path);
  const file = options.path ?? (language === 'python' ? '<input>.py' : '<input>.ts');
  try {
    const lowered = language === 'python' ? lowerPython(source) : lowerSourceResult(source, file);
    const analysis =
      options.interpret === false
        ? { ...failed(language), complete: true, exhaustive: true }
        : analyzeModule(lowered.module, source, file, language, options);
    return withSyntaxErrors(analysis, source, language, lowered);
  } catch {
    return failed(language);
  }
}

/**
 * An open document analysed again after each edit: the front end reuses what did not change
 * (python/document.ts), so a keystroke costs an incremental parse, the changed statement's
 * lowering and the interpretation. Results equal `analyze` of the same text.
 */
export class DocumentAnalyzer {
  private readonly python = new PythonDocument();
  private readonly language: Language;
  private readonly file: string;
  private last: Module | undefined;
  /** The last interpretation, reused while the IR it ran is the same (see `reusable`). */
  private memo: Interpretation | undefined;
  /**
   * The first top-level statement the last edit changed (-1: not known): where the next
   * keystroke most likely lands, so where `prepare` pauses a run.
   */
  private editAt = -1;
  /** A first path paused before `editAt` (`prepare`), for the next `update` to resume. */
  private prefix: Prefix | undefined;
  /**
   * How the last `update` got its interpretation: the previous one reused (the program did not
   * change), a paused prefix resumed, or the whole module interpreted.
   */
  lastRun: 'reused' | 'resumed' | 'full' | 'failed' = 'full';
  /** Counts updates: an analysis's lazy results render only while it is the newest. */
  private version = 0;

  constructor(private readonly options: AnalyzeOptions = {}) {
    this.language = options.language ?? languageOf(options.path);
    this.file = options.path ?? (this.language === 'python' ? '<input>.py' : '<input>.ts');
  }

  update(source: string): Analysis {
    // The last result's lazy parts are rendered from spans this update moves: no longer.
    this.version++;
    this.last = undefined;
    try {
      const lowered =
        this.language === 'python'
          ? this.python.update(source)
          : lowerSourceResult(source, this.file);
      const module = lowered.module;
      this.last = module;
      if (this.memo && reusable(this.memo, module, this.options)) {
        this.lastRun = 'reused';
      } else {
        this.editAt = this.memo ? firstChange(this.memo.body, module.body) : -1;
        // What a prefix has run so far, finished or not, is resumed at most once (it runs on).
        const paused = this.prefix?.run.paused();
        const setup = this.prefix?.setup;
        this.prefix = undefined;
        const resume =
          paused && setup && resumes(paused, setup, module, this.options)
            ? { paused, setup }
            : undefined;
        this.memo = interpretFile(module, this.file, this.language, this.options, resume);
        this.lastRun = resume ? 'resumed' : 'full';
      }
      const version = this.version;
      const analysis = buildAnalysis(
        this.memo,
        source,
        this.file,
        this.language,
        () => this.version === version,
      );
      return withSyntaxErrors(analysis, source, this.language, lowered);
    } catch {
      this.memo = undefined;
      this.prefix = undefined;
      this.lastRun = 'failed';
      return failed(this.language);
    }
  }

  /**
   * Work for the next keystroke, done while the editor waits for one (the language server calls
   * it when idle): runs the program's first path up to the top-level statement the last edit
   * changed and keeps it paused there. An edit at or after that statement then interprets only
   * the statements from it on for that path (`resumes` says when it may), and the result is
   * the same as a fresh analysis's. Python only (a TypeScript module hoists its functions, so
   * its first statements may run code after them). Costs what running those statements costs,
   * in slices of about `sliceMs` (whole statements): 'more' when the slice ran out first (call
   * again; an update meanwhile resumes what ran so far), 'ready' when the run is paused where
   * the edit was, 'none' when there is nothing to do or it cannot be done.
   */
  prepare(sliceMs = Infinity): 'ready' | 'more' | 'none' {
    const module = this.last;
    if (this.language !== 'python' || !module || this.editAt <= 0) return 'none';
    const at = Math.min(this.editAt, module.body.length);
    // A prefix kept here ran this module's statements: every update that changes one drops it.
    // (Whether its imports still read the same is checked when an update resumes it.)
    const current = this.prefix;
    if (!current || current.run.at !== at) {
      const setup = interpretSetup(this.file, this.language, this.options);
      const timeLimit = this.options.timeLimitMs ?? TIME_LIMIT_MS;
      this.prefix = { run: new PrefixRun(module, setup.options, at, timeLimit), setup };
    }
    const prefix = this.prefix as Prefix;
    try {
      if (prefix.run.advance(performance.now() + sliceMs)) return 'more';
    } catch {
      // Nothing is lost: the next update interprets the whole module.
    }
    if (prefix.run.finished) return 'ready';
    this.prefix = undefined;
    return 'none';
  }

  /** Drops a run `prepare` paused (its memory: about what the statements before it made). */
  release(): void {
    this.prefix = undefined;
  }

  /**
   * The IR of the text the last `update` analysed (undefined when lowering failed), for editor
   * features that map positions to calls. Read-only, and only until the next `update`: the
   * Python front end shifts a moved statement's spans in place then.
   */
  get module(): Module | undefined {
    return this.last;
  }
}

function failed(language: Language): Analysis {
  return {
    language,
    events: [],
    callSites: [],
    scopes: [],
    variables: [],
    diagnostics: [],
    results: [],
    complete: false,
    exhaustive: false,
    paths: 0,
    imports: [],
  };
}

function analyzeModule(
  module: Module,
  source: string,
  file: string,
  language: Language,
  options: AnalyzeOptions,
): Analysis {
  return buildAnalysis(interpretFile(module, file, language, options), source, file, language);
}

/** What interpreting a file gave, and what it read: enough to tell when it would be the same. */
interface Interpretation {
  readonly result: InterpretResult;
  /** The top-level statements interpreted (the front end reuses unchanged ones, by identity). */
  readonly body: readonly Stmt[];
  /** Every file an import looked for, and its text (undefined: not there). */
  readonly reads: ReadonlyMap<string, string | undefined>;
  /** The imported modules, by file. */
  readonly lowered: ReadonlyMap<string, ResolvedModule | null>;
  /** The result built from it (positions aside), made on first use. */
  built?: Builder;
  /** The imported files' line maps (their texts are `reads`'). */
  readonly maps: Map<string, LineMap>;
}

/** What an interpretation reads through: its options (less the deadline) and what it read. */
interface Setup {
  readonly options: Omit<InterpretOptions, 'deadline'>;
  /** Every file an import looked for, and its text (undefined: not there). */
  readonly reads: Map<string, string | undefined>;
  readonly lowered: Map<string, ResolvedModule | null>;
}

/** A first path run up to a top-level statement (`PrefixRun`), and what it read. */
interface Prefix {
  readonly run: PrefixRun;
  readonly setup: Setup;
}

/** The deadline of an interpretation starting now (none for a time limit of 0). */
function deadlineOf(options: AnalyzeOptions): { deadline?: number } {
  const timeLimit = options.timeLimitMs ?? TIME_LIMIT_MS;
  return timeLimit > 0 ? { deadline: performance.now() + timeLimit } : {};
}

/**
 * Interprets `module`; with `prefix`, its first path resumes that paused one (the caller has
 * checked `resumable`), and what the prefix read is what this interpretation read before.
 */
function interpretFile(
  module: Module,
  file: string,
  language: Language,
  options: AnalyzeOptions,
  prefix?: { readonly paused: PausedRun; readonly setup: Setup },
): Interpretation {
  const setup = prefix?.setup ?? interpretSetup(file, language, options);
  const result = interpret(module, { ...setup.options, ...deadlineOf(options) }, prefix?.paused);
  return {
    result,
    body: [...module.body],
    reads: setup.reads,
    lowered: setup.lowered,
    maps: new Map(),
  };
}

function interpretSetup(file: string, language: Language, options: AnalyzeOptions): Setup {
  const reads = new Map<string, string | undefined>();
  const lowered = new Map<string, ResolvedModule | null>();
  const resolveImport = (req: ImportRequest): ResolvedModule | undefined => {
    if (!options.readFile) return undefined;
    for (const candidate of importCandidates(req, language, options.roots ?? [], file)) {
      if (candidate === file) continue;
      const known = lowered.get(candidate);
      if (known !== undefined) {
        if (known) return known;
        continue;
      }
      const text = options.readFile(candidate);
      reads.set(candidate, text);
      if (text === undefined) {
        lowered.set(candidate, null);
        continue;
      }
      const cached = options.importCache?.get(candidate);
      if (cached && cached.text === text) {
        lowered.set(candidate, cached.module);
        return cached.module;
      }
      const lang = languageOf(candidate);
      const m: Module = lang === 'python' ? lowerPython(text).module : lowerSource(text, candidate);
      const resolved: ResolvedModule = { file: candidate, module: m, language: lang };
      lowered.set(candidate, resolved);
      options.importCache?.set(candidate, { text, module: resolved });
      return resolved;
    }
    return undefined;
  };
  return {
    options: {
      file,
      language,
      resolveImport,
      readData: (path) => readDataFile(path, file, options, reads),
      limits: options.limits,
      library: libraryFor(options.library),
    },
    reads,
    lowered,
  };
}

/** Data files larger than this are not read for the program (a configuration is small). */
const MAX_DATA_BYTES = 1_000_000;

/**
 * A data file the program opens (`open('wavenet_params.json')`): a JSON file, read through the
 * caller's `readFile`, found as the program would from the analysed file's folder (scripts run
 * where they are) or from a workspace root, and only inside one of those. Recorded in `reads`,
 * so an edit of the file analyses the program again.
 */
function readDataFile(
  path: string,
  file: string,
  options: AnalyzeOptions,
  reads: Map<string, string | undefined>,
): string | undefined {
  if (!options.readFile || !/\.json$/i.test(path)) return undefined;
  const here = dirname(file);
  const roots = options.roots ?? [];
  const inside = (p: string, dir: string) => dir !== '.' && (p === dir || p.startsWith(`${dir}/`));
  const candidates = path.startsWith('/') ? [path] : [here, ...roots].map((d) => joinPath(d, path));
  for (const candidate of candidates) {
    if (!inside(candidate, here) && !roots.some((r) => inside(candidate, joinPath(r, '.'))))
      continue;
    const text = reads.has(candidate) ? reads.get(candidate) : options.readFile(candidate);
    reads.set(candidate, text);
    if (text !== undefined && text.length <= MAX_DATA_BYTES) return text;
  }
  return undefined;
}

/**
 * Whether interpreting `module` again would give `memo`'s result: the interpreter is
 * deterministic, so it does when it runs the same IR (every top-level statement the same
 * object: the Python front end reuses the IR of unchanged statements, and an edit in a comment
 * or between statements changes none), the imports find the same files with the same text, and
 * the step budget (which grows with the text) cut neither run short.
 */
/**
 * Whether `run` (with what it read, `setup`) may be resumed for `module`: the statements it ran are this module's first
 * ones (the same IR objects: the front end keeps an unchanged statement's), the files it read
 * read the same, and this text's step budget would not have stopped it (a fresh run's budget
 * starts at this text's `stepBudget`; the prefix ran within its own text's).
 */
function resumes(run: PausedRun, setup: Setup, module: Module, options: AnalyzeOptions): boolean {
  const body = module.body;
  if (body.length < run.at) return false;
  for (let i = 0; i < run.at; i++) if (body[i] !== run.body[i]) return false;
  const now = stepBudget(module);
  if (now < run.base && run.interp.steps >= now) return false;
  for (const [path, text] of setup.reads) if (options.readFile?.(path) !== text) return false;
  return true;
}

/** The index of the first top-level statement that differs between two bodies. */
function firstChange(before: readonly Stmt[], after: readonly Stmt[]): number {
  const n = Math.min(before.length, after.length);
  for (let i = 0; i < n; i++) if (before[i] !== after[i]) return i;
  return n;
}

function reusable(memo: Interpretation, module: Module, options: AnalyzeOptions): boolean {
  // A run the clock cut short depends on how busy the machine was, not only on the text.
  if (memo.result.stopped === 'time') return false;
  const body = module.body;
  if (body.length !== memo.body.length) return false;
  for (let i = 0; i < body.length; i++) if (body[i] !== memo.body[i]) return false;
  // The same base budget, or neither run came near the smaller one (imports add the same to
  // both: their texts are compared below).
  const { base, maxPath, total } = memo.result.steps;
  const now = stepBudget(module);
  if (now !== base && !(maxPath < Math.min(now, base) && total < 4 * Math.min(now, base)))
    return false;
  for (const [path, text] of memo.reads) if (options.readFile?.(path) !== text) return false;
  return true;
}

function buildAnalysis(
  memo: Interpretation,
  source: string,
  file: string,
  language: Language,
  valid: () => boolean = () => true,
): Analysis {
  const { result, lowered } = memo;
  // The imported modules' texts are those the interpretation read: their line maps are kept.
  const maps = memo.maps;
  let here: LineMap | undefined;
  const lineMap = (f: string) => {
    if (f === file) return (here ??= new LineMap(source));
    let m = maps.get(f);
    if (!m) {
      m = new LineMap(memo.reads.get(f) ?? '');
      maps.set(f, m);
    }
    return m;
  };
  const view: View = {
    lineMap,
    sourceOf: (f) => (f === file ? source : memo.reads.get(f)),
  };
  // Built once per interpretation, and again only when an edit regrouped the calls (`keysHold`).
  let b = memo.built;
  if (!b || !b.keysHold()) {
    b = new Builder(file);
    b.addContext(result.paths, undefined);
    for (const entry of result.entries) b.addContext(entry.paths, entry.name);
    b.addScopes(result.scopes);
    b.finish(result.paths[0] ?? []);
    memo.built = b;
  }
  const diagnostics = b.renderDiagnostics(view);
  for (const n of result.notes) {
    if (n.file !== file) continue;
    const entry = CATALOG[n.key];
    diagnostics.push({
      code: entry.code,
      severity: entry.severity,
      message: entry.message(n.holes),
      start: lineMap(file).position(n.at.span.from),
      end: lineMap(file).position(n.at.span.to),
    });
  }
  diagnostics.sort((a, c) => a.start.line - c.start.line || a.start.column - c.start.column);
  const results: CallResult[] = [];
  for (const [at, values] of result.results) {
    const m = lineMap(file);
    results.push({
      start: m.position(at.span.from),
      end: m.position(at.span.to),
      values: [...values],
    });
  }
  results.sort((a, c) => a.start.line - c.start.line || a.start.column - c.start.column);
  const reason = !result.complete ? incompleteReason(result.stopped) : undefined;
  // Call sites, scopes, variables and events are rendered when first read: publishing the
  // diagnostics needs none of them, and for a large model they are most of what rendering
  // costs. They read the IR's spans, which the next edit of a document moves (`valid`).
  let rendered: RenderedResults | undefined;
  const parts = (): RenderedResults => {
    if (rendered) return rendered;
    if (!valid()) throw new Error(SUPERSEDED);
    return (rendered = (b as Builder).renderResults(view, source));
  };
  return {
    language,
    get events() {
      return parts().events;
    },
    get callSites() {
      return parts().callSites;
    },
    get scopes() {
      return parts().scopes;
    },
    get variables() {
      return parts().variables;
    },
    diagnostics,
    results,
    complete: result.complete,
    exhaustive: result.exhaustive,
    paths: result.paths.length,
    imports: [...lowered.values()].filter((m): m is ResolvedModule => !!m).map((m) => m.file),
    ...(reason ? { reason } : {}),
  };
}

/** What reading an analysis's results after its document's next edit throws. */
const SUPERSEDED =
  "Scope Lens: an analysis's results were read after the next edit of its document";

/** The results `Builder.renderResults` renders when an analysis's are first read. */
interface RenderedResults {
  readonly events: StaticEvent[];
  readonly callSites: CallSite[];
  readonly scopes: ScopeSite[];
  readonly variables: VariableInfo[];
}

function incompleteReason(stopped: InterpretResult['stopped']): string {
  switch (stopped) {
    case 'time':
      return 'time limit: the analysis of this file ran out of time; calls it did not reach are not reported';
    case 'steps':
      return 'step budget: the analysis of this file ran out of steps; calls it did not reach are not reported';
    default:
      return 'internal limit: a path of the analysis stopped early; calls it did not reach are not reported';
  }
}

/**
 * The analysis with the file's syntax errors (`SL-SYNTAX`) among its diagnostics: the Python
 * ones lezer's false errors are filtered from (python/syntax-errors.ts; only computed when the
 * front end met an error node), the TypeScript compiler's own.
 */
function withSyntaxErrors(
  analysis: Analysis,
  source: string,
  language: Language,
  lowered: { readonly module: Module; readonly diagnostics: readonly FrontEndDiagnostic[] },
): Analysis {
  const recoveries = lowered.diagnostics.filter((d) => d.code === 'parse-recovery');
  // Lezer takes an indented top-level statement for a statement (Python does not): no error node.
  const indented =
    language === 'python' &&
    lowered.module.body.some((st) => {
      const lineStart = source.lastIndexOf('\n', st.span.from - 1) + 1;
      return st.span.from > lineStart && !source.slice(lineStart, st.span.from).trim();
    });
  // A backslash before a blank line ends the statement in CPython; lezer joins the next one onto
  // it (`x = 1 + \` then a blank line reads as `x = 1 + y = 2`): no error node either.
  const continuedOntoBlank = language === 'python' && /\\\r?\n[ \t]*(?:\r?\n|$)/.test(source);
  if (recoveries.length === 0 && !indented && !continuedOntoBlank) return analysis;
  const problems =
    language === 'python'
      ? pythonSyntaxErrors(source)
      : recoveries.map((d) => ({
          from: d.span.from,
          to: d.span.to,
          message: `${d.message.replace(/\.? The code here is analysed only as far as it could be read\.$/, '')} (the rest of the file is analysed as far as it could be read)`,
        }));
  if (problems.length === 0) return analysis;
  const map = new LineMap(source);
  const entry = CATALOG.syntax;
  // In place: a copy of the analysis would render its lazy results (`buildAnalysis`).
  const diagnostics = analysis.diagnostics;
  for (const p of problems)
    diagnostics.push({
      code: entry.code,
      severity: entry.severity,
      message: entry.message({ message: p.message }),
      start: map.position(p.from),
      end: map.position(p.to),
    });
  diagnostics.sort((a, c) => a.start.line - c.start.line || a.start.column - c.start.column);
  return analysis;
}

/** Files an import may name, most likely first. */
function importCandidates(
  req: ImportRequest,
  language: Language,
  roots: readonly string[],
  script: string,
): string[] {
  if (language === 'typescript') {
    if (!req.module.startsWith('.')) return [];
    const base = joinPath(dirname(req.fromFile), req.module);
    return ['.ts', '.tsx', '.js', '.mjs', '.cjs', '/index.ts', '/index.js', ''].map(
      (ext) => base + ext,
    );
  }
  const rel = req.module ? req.module.split('.').join('/') : '';
  const bases: string[] = [];
  if (req.level > 0) {
    let dir = dirname(req.fromFile);
    for (let i = 1; i < req.level; i++) dir = dirname(dir);
    bases.push(dir);
  } else {
    // Python's sys.path starts with the analysed script's folder (a module of a package found
    // there, `gym/__init__.py` doing `from gym import spaces`, imports from it too); then the
    // entries the program added (a relative one from where the script may run: its folder or a
    // workspace root, as for data files).
    const added = (req.sysPath ?? []).flatMap((p) =>
      [dirname(script), ...roots].map((from) => joinPath(from, p)),
    );
    for (const b of [dirname(req.fromFile), ...added, dirname(script), ...roots])
      if (!bases.includes(b)) bases.push(b);
  }
  const out: string[] = [];
  for (const base of bases) {
    if (!rel) {
      out.push(joinPath(base, '__init__.py'));
      continue;
    }
    out.push(joinPath(base, `${rel}.py`), joinPath(base, `${rel}/__init__.py`));
  }
  return out;
}

function errorLine(e: VariableEvent): string | undefined {
  return e.error ? displayName(`${e.error.pyClass}: ${firstLine(e.error.message)}`) : undefined;
}

/** Shapes are shared by every event of a variable: each is formatted once. */
const shapeTexts = new WeakMap<object, string>();

function shapeText(shape: Shape | undefined): string | undefined {
  if (shape === undefined) return undefined;
  if (shape === null || typeof shape !== 'object') return formatShape(shape);
  let text = shapeTexts.get(shape);
  if (text === undefined) {
    text = formatShape(shape);
    shapeTexts.set(shape, text);
  }
  return text;
}

/** Two paths' shapes of one variable: the dimensions both have, the others not known. */
function mergeShapes(a: Shape, b: Shape): Shape {
  if (a === b) return a;
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length)
    return UNKNOWN as unknown as Shape;
  let same = true;
  const out = a.map((d, i) => {
    if (d === b[i]) return d;
    same = false;
    return UNKNOWN as unknown as number;
  });
  return same ? a : out;
}

/**
 * A place in a file of the program: the IR's own span object, whose offsets the Python front end
 * keeps current when the statement moves (python/document.ts). Positions are computed from it
 * when the result is rendered, so a built result holds for every text that lowers to the same IR.
 */
interface Ref {
  readonly file: string;
  readonly span: Span;
}

/** An outcome before rendering: its locations are references, turned into positions last. */
interface RawOutcome {
  name: string;
  action: 'create' | 'reuse' | 'raise';
  handled: boolean;
  certain: boolean;
  error?: string;
  code?: ErrorCode;
  byGetter?: boolean;
  shape?: string;
  dtype?: string;
  trainable?: boolean;
  collections?: readonly string[];
  createdAt?: Ref;
  reuse?: ReuseOrigin;
  didYouMean?: readonly string[];
  originallyDefinedAt?: Ref;
  entry?: string;
  scope?: Ref;
  trail?: readonly CallTrail[];
}

interface RawScopeOutcome {
  readonly name: string;
  readonly nameScope?: string;
  readonly reuse: 'True' | 'False' | 'AUTO_REUSE';
  readonly origin?: ReuseOrigin;
  readonly certain: boolean;
}

interface RawVariable {
  readonly name: string;
  readonly key: string;
  readonly shape: string;
  readonly dtype: string;
  /** The outermost call here that led to the creation, or the creating call site. */
  readonly createdAt: Ref;
  readonly file?: string;
  readonly createdIn?: { readonly line: Ref; readonly file?: string; readonly function?: string };
  /** Calls that reused it, in order; their lines (each once) are `reusedAt`. */
  readonly reusedAt: Ref[];
  readonly certain: boolean;
}

/** Who created a variable (`Builder.creations`). */
interface Creation {
  /** The first call in program code that created it (`get_variable` keys only). */
  creator?: { readonly file: string; readonly span: Span; readonly trail: TrailInfo };
  /** The contexts that create it ('' the program's paths, else an entry point), in order. */
  contexts?: string | string[];
  /** When program code first created it (paths in order, events in order); -1: it did not. */
  order: number;
}

/** A creation's contexts, in order. */
function contextsOf(c: Creation | undefined): readonly string[] {
  const contexts = c?.contexts;
  return contexts === undefined ? [] : typeof contexts === 'string' ? [contexts] : contexts;
}

interface Happened {
  count: number;
  /** The last path (1-based) it was counted on. */
  lastPath: number;
  certain: boolean;
  handled: boolean;
  readonly e: VariableEvent;
  readonly o: RawOutcome;
  readonly trail: TrailInfo;
  /** The shape, merged over the paths it happened on. */
  shape: Shape | undefined;
}

interface SiteAcc {
  readonly file: string;
  readonly span: Span;
  /** Outcome key → outcome. */
  readonly outcomes: Map<string, RawOutcome>;
}

/** A trail as the result shows it: the calls outermost first, and a key equal across paths. */
interface TrailInfo {
  /** The calls' files and offsets ('' for no trail): equal trails of two paths have equal keys. */
  readonly key: string;
  /** Outermost first. */
  readonly nodes: readonly CallTrail[];
}

const NO_TRAIL: TrailInfo = { key: '', nodes: [] };

/** The name of the function or method a call expression calls (`build` for `m.build(x)`). */
function calleeOf(at: Expr): string | undefined {
  if (at.kind !== 'Call') return undefined;
  const f = at.func;
  return f.kind === 'Name' ? f.id : f.kind === 'Attribute' ? f.attr : undefined;
}

/** TF's "Originally defined at:" ends the first line of "already exists": completed with where. */
const ORIGINALLY = 'Originally defined at:';

/** What a rendering reads: the line maps and texts of the program's files as they are now. */
interface View {
  readonly lineMap: (file: string) => LineMap;
  readonly sourceOf: (file: string) => string | undefined;
}

/** Related information of a built diagnostic, rendered (undefined: nothing to show). */
type Related = (view: View) => RelatedInformation | undefined;

/** A diagnostic of the built result, rendered with the text's positions (and deduplicated). */
type PendingDiagnostic = (view: View, seen: Set<string>) => Diagnostic | undefined;

/**
 * Builds the result from the explored paths, in two stages. `addContext`/`addScopes` do the work
 * that depends only on the interpretation (grouping outcomes by site and trail, certainty,
 * which diagnostics to give): it holds while the interpretation is reused. `render` then turns
 * references to the IR's spans into positions and writes the texts that quote the source; it
 * runs for every version of the text.
 *
 * The first stage reads one thing of the text: a trail's key holds its calls' offsets (so calls
 * at one place are one call). `keysHold` tells whether the offsets now still group the calls as
 * they did (an edit the front end took for a move keeps their order, so it always does unless
 * two calls came to start at one offset, or stopped doing so).
 */
class Builder {
  private readonly sites = new Map<Expr, SiteAcc>();
  private readonly scopeSites = new Map<
    Expr,
    { file: string; span: Span; outcomes: Map<string, RawScopeOutcome> }
  >();
  private readonly variables = new Map<string, RawVariable>();
  /**
   * Per store key (`\u0000` + the name for a `tf.Variable`): who created it. One map rather than
   * one per fact: maps of a large model's size cost most in their insertions.
   */
  private readonly creations = new Map<string, Creation>();
  /** How many variables program code has created so far (`Creation.order`). */
  private createdCount = 0;
  private readonly diagnostics: PendingDiagnostic[] = [];
  /** Each trail node's `TrailInfo` (nodes are shared by every event under them). */
  private readonly trails = new WeakMap<CallTrail, TrailInfo>();
  /** The calls of this file in trail keys, and the offset each key holds. */
  private readonly keyed = new Map<Expr, number>();
  private events: readonly VariableEvent[] = [];

  constructor(private readonly file: string) {}

  private trailOf(t: CallTrail | null): TrailInfo {
    if (!t) return NO_TRAIL;
    let info = this.trails.get(t);
    if (info) return info;
    const parent = this.trailOf(t.parent);
    const from = t.at.span.from;
    if (t.file === this.file) this.keyed.set(t.at, from);
    const own = `${t.file === this.file ? '' : t.file}:${from}`;
    info = { key: `${parent.key}>${own}`, nodes: [...parent.nodes, t] };
    this.trails.set(t, info);
    return info;
  }

  /**
   * Whether the trail keys built from the offsets then group this file's calls as today's
   * offsets would: the old and the new offsets of the keyed calls correspond one to one.
   */
  keysHold(): boolean {
    const oldToNew = new Map<number, number>();
    const newToOld = new Map<number, number>();
    for (const [at, old] of this.keyed) {
      const now = at.span.from;
      const a = oldToNew.get(old);
      if (a === undefined) oldToNew.set(old, now);
      else if (a !== now) return false;
      const b = newToOld.get(now);
      if (b === undefined) newToOld.set(now, old);
      else if (b !== old) return false;
    }
    return true;
  }

  /**
   * One context: the program's paths, or one entry point's. Outcomes are told apart by call
   * site and by trail: an outcome is certain when every explored path that reaches the site
   * through that trail (the same calls) has it, with no assumption.
   */
  addContext(paths: readonly VariableEvent[][], entry: string | undefined): void {
    // Per site (the call expression) and trail: how many paths reach it; per outcome: on how
    // many of those it happens, and whether always certain and handled.
    const reached = new Map<Expr, Map<string, number>>();
    const happened = new Map<Expr, Map<string, Happened>>();
    const reachMark = new Map<Expr, Map<string, number>>();
    let path = 0;
    for (const events of paths) {
      path++;
      for (const e of events) {
        const site = e.at;
        let outcomes = happened.get(site);
        if (!outcomes) {
          outcomes = new Map();
          happened.set(site, outcomes);
        }
        const trail = this.trailOf(e.trail);
        // Keyed by the name users see: a hole's identity differs from path to path.
        const name = displayName(e.name);
        const key = e.error
          ? `${trail.key}|${e.action}|${name}|${displayName(e.error.message)}`
          : `${trail.key}|${e.action}|${name}`;
        const certain =
          // An entry point runs alone only hypothetically: its callers may pass other
          // arguments, open other scopes or create variables first, so whatever it yields
          // (a name, a reuse, an error) is possible, never certain.
          e.certain && entry === undefined;
        let h = outcomes.get(key);
        if (!h) {
          h = {
            count: 0,
            lastPath: 0,
            certain,
            handled: e.handled,
            e,
            o: this.outcome(e, entry, trail),
            trail,
            shape: e.shape,
          };
          outcomes.set(key, h);
        } else {
          h.certain &&= certain;
          h.handled &&= e.handled;
          // The same variable with another shape on another path (a width counted by a loop
          // over something unknown): only what every path agrees on is shown.
          if (e.shape !== h.shape && e.shape !== undefined && h.shape !== undefined) {
            h.shape = mergeShapes(h.shape, e.shape);
            h.o.shape = shapeText(h.shape);
          }
        }
        if (h.lastPath !== path) {
          h.lastPath = path;
          h.count++;
        }
        let marks = reachMark.get(site);
        let counts = reached.get(site);
        if (!marks || !counts) {
          marks = new Map();
          counts = new Map();
          reachMark.set(site, marks);
          reached.set(site, counts);
        }
        if (marks.get(trail.key) !== path) {
          marks.set(trail.key, path);
          counts.set(trail.key, (counts.get(trail.key) ?? 0) + 1);
        }
        if (e.action === 'create') this.created(e, trail, entry ?? '');
      }
    }
    for (const [site, outcomes] of happened) {
      const counts = reached.get(site) as Map<string, number>;
      for (const h of outcomes.values()) {
        h.o.handled = h.handled;
        h.o.certain = h.certain && h.count === counts.get(h.trail.key);
        this.record(site, h.e, h.o, h.trail);
      }
      this.diagnoseSite(outcomes, counts, entry);
    }
  }

  /** A creation in `context` ('' the program's paths, else an entry point's name). */
  private created(e: VariableEvent, trail: TrailInfo, context: string): void {
    const k = e.plain ? `\u0000${e.name}` : e.key;
    if (!k) return;
    let c = this.creations.get(k);
    if (!c) this.creations.set(k, (c = { order: -1 }));
    const library = isLibraryFile(e.file);
    if (!e.plain) {
      if (!c.creator && !library) c.creator = { file: e.file, span: e.at.span, trail };
      const contexts = c.contexts;
      if (contexts === undefined) c.contexts = context;
      else if (typeof contexts === 'string') {
        if (contexts !== context) c.contexts = [contexts, context];
      } else if (!contexts.includes(context)) contexts.push(context);
    }
    if (!library && c.order < 0) c.order = this.createdCount++;
  }

  /** The call that created the variable of a store key (first seen), and the calls there. */
  private creator(key: string): Creation['creator'] {
    return this.creations.get(key)?.creator;
  }

  private outcome(e: VariableEvent, entry: string | undefined, trail: TrailInfo): RawOutcome {
    const o: RawOutcome = {
      name: displayName(e.name),
      action: e.action,
      handled: e.handled,
      certain: e.certain,
    };
    if (e.error) {
      o.error = errorLine(e);
      o.code = e.error.code;
    }
    if (e.byGetter) o.byGetter = true;
    if (e.action !== 'raise') {
      o.shape = shapeText(e.shape);
      o.dtype = e.dtype?.name;
      if (e.trainable !== undefined) o.trainable = e.trainable;
      if (e.collections) o.collections = e.collections;
    }
    if (e.action === 'reuse' && e.key) {
      const created = this.creator(e.key);
      if (created) o.createdAt = created;
    }
    if ((e.action === 'reuse' || e.error?.code === ERROR_CODES.variableMissing) && e.reuseOrigin)
      o.reuse = e.reuseOrigin;
    if (e.didYouMean) o.didYouMean = e.didYouMean.map(displayName);
    if (e.error && firstLine(e.error.message).endsWith(ORIGINALLY)) {
      const created = this.creator(e.name);
      if (created) o.originallyDefinedAt = created;
    }
    if (entry) o.entry = entry;
    if (e.scopeAt && !isLibraryFile(e.scopeAt.file))
      o.scope = { file: e.scopeAt.file, span: e.scopeAt.at.span };
    if (trail.nodes.length) o.trail = trail.nodes;
    return o;
  }

  /** The outermost call of a trail in the analysed file (undefined: none there). */
  private outermostHere(trail: TrailInfo): CallTrail | undefined {
    return trail.nodes.find((n) => n.file === this.file);
  }

  private record(site: Expr, e: VariableEvent, o: RawOutcome, trail: TrailInfo): void {
    // Library code has no call site of its own (events there carry the program's call).
    if (isLibraryFile(e.file)) return;
    let acc = this.sites.get(site);
    if (!acc) {
      acc = { file: e.file, span: e.at.span, outcomes: new Map() };
      this.sites.set(site, acc);
    }
    const key = `${trail.key}|${o.action}|${o.name}|${o.error ?? ''}`;
    const prev = acc.outcomes.get(key);
    if (prev) {
      prev.certain ||= o.certain;
      prev.handled &&= o.handled;
    } else acc.outcomes.set(key, o);

    const outer = this.outermostHere(trail);
    // A tf.Variable has no get_variable key: its op name may equal a store key of another.
    const varKey = e.plain ? `\u0000${e.name}` : e.key;
    // A getter's computed result (`a + b`) is no variable; the variables it made have events.
    if (e.action === 'create' && varKey && !e.computed && !this.variables.has(varKey)) {
      const here: Ref = { file: e.file, span: e.at.span };
      // Built field by field (object spreads cost most of this method on large models); the
      // fields' order is the one results have always had.
      const v: { -readonly [K in keyof RawVariable]: RawVariable[K] } = {
        name: o.name,
        // What it is stored as: a renaming getter's name (slim's `weights`), not the one asked
        // for (`kernel`).
        key: displayName(o.name.endsWith(':0') ? o.name.slice(0, -2) : o.name),
        shape: o.shape ?? '<unknown>',
        dtype: o.dtype ?? '?',
        createdAt: outer ? { file: this.file, span: outer.at.span } : here,
        reusedAt: [],
        certain: o.certain,
      };
      if (outer) {
        const fn = calleeOf(outer.at);
        const createdIn: { line: Ref; file?: string; function?: string } = { line: here };
        if (e.file !== this.file) createdIn.file = e.file;
        if (fn) createdIn.function = fn;
        v.createdIn = createdIn;
      } else if (e.file !== this.file) v.file = e.file;
      this.variables.set(varKey, v);
    } else if (e.action === 'reuse' && e.key) {
      const v = this.variables.get(e.key);
      const at = outer
        ? { file: this.file, span: outer.at.span }
        : e.file === this.file
          ? { file: e.file, span: e.at.span }
          : undefined;
      if (v && at && !v.reusedAt.some((r) => r.span === at.span)) v.reusedAt.push(at);
    }
  }

  /**
   * The diagnostics of one site's outcomes in one context. An error caused by a call of the
   * program's function is reported at that call in the analysed file (`diagnoseCall`); at the
   * site itself only when the site fails on every call that reaches it (no trail reaching it
   * creates or reuses), when no call leads there (module level), or in an entry point.
   */
  private diagnoseSite(
    outcomes: Map<string, Happened>,
    reached: Map<string, number>,
    entry: string | undefined,
  ): void {
    const succeeds = new Set<string>();
    for (const h of outcomes.values()) if (h.e.action !== 'raise') succeeds.add(h.trail.key);
    const failsEverywhere = [...reached.keys()].every((k) => !succeeds.has(k));
    // At the site, an error is certain when every trail reaching it has it for certain.
    const certainAt = new Map<string, number>();
    for (const h of outcomes.values())
      if (h.e.action === 'raise' && h.o.certain && !h.o.handled) {
        const m = h.o.error ?? '';
        certainAt.set(m, (certainAt.get(m) ?? 0) + 1);
      }
    for (const h of outcomes.values()) {
      const { e, o } = h;
      if (e.action !== 'raise' || o.handled || !e.error || isLibraryFile(e.file)) continue;
      const here = entry === undefined ? this.outermostHere(h.trail) : undefined;
      if (here) this.diagnoseCall(h, here);
      if (!here || failsEverywhere) {
        const certain = here ? certainAt.get(o.error ?? '') === reached.size : o.certain;
        this.diagnose(e, o, certain, entry);
      }
    }
  }

  /** "did you mean encoder/weights? created here", for each name the call most likely meant. */
  private didYouMeanRelated(e: VariableEvent): Related[] {
    const out: Related[] = [];
    for (const name of e.didYouMean ?? []) {
      const at = this.creator(name);
      if (at)
        out.push((view) => ({
          message: `did you mean ${displayName(name)}? created here`,
          ...loc(view, this.file, at.file, at.span),
        }));
    }
    return out;
  }

  /** Related information for a variable's creation: the call that led there, and the site. */
  private creationRelated(name: string, firstCall?: CallTrail): Related[] {
    const created = this.creator(name);
    if (!created) return [];
    const out: Related[] = [];
    const first = firstCall ?? this.outermostHere(created.trail);
    if (first)
      out.push((view) => ({
        message: `${displayName(name)} was first created by this call`,
        ...loc(view, this.file, first.file, first.at.span),
      }));
    out.push((view) => ({
      message: `${displayName(name)} was created here`,
      ...loc(view, this.file, created.file, created.span),
    }));
    return out;
  }

  /** The related information every error diagnostic ends with. */
  private commonRelated(e: VariableEvent, o: RawOutcome): Related[] {
    const out = this.didYouMeanRelated(e);
    const origin = o.reuse;
    if (origin)
      out.push((view) => {
        const reuse = reuseInfo(view, this.file, origin);
        return reuse.at ? { message: reuse.why, ...reuse.at } : undefined;
      });
    const plain = e.plainVariableAt;
    if (plain && !isLibraryFile(plain.file))
      out.push((view) => ({
        message: `a tf.Variable named ${displayName(e.name)} is created here; tf.get_variable cannot share it`,
        ...loc(view, this.file, plain.file, plain.at.span),
      }));
    return out;
  }

  /**
   * An error of a call site reached through the program's calls, at the call in the analysed
   * file that made the difference: for an error about an existing variable, the first call of
   * the trail in this file that is not on the creating trail (the second `build()`), else the
   * outermost call in this file. The calls below it and the site are related information.
   */
  private diagnoseCall(h: Happened, outer: CallTrail): void {
    const { e, o, trail } = h;
    const error = e.error as NonNullable<typeof e.error>;
    const sharing = SHARING_ERRORS.has(error.code);
    const created = sharing ? this.creator(e.name) : undefined;
    let at = outer;
    // The creating trail's call where the two trails part (`build(1)` beside `build(2)`).
    let first: CallTrail | undefined;
    if (created) {
      const nodes = trail.nodes;
      const theirs = created.trail.nodes;
      for (let k = 0; k < nodes.length; k++) {
        if (nodes[k].file === this.file) {
          at = nodes[k];
          first = theirs[k]?.file === this.file ? theirs[k] : undefined;
        }
        if (theirs[k]?.at !== nodes[k].at) break;
      }
    }
    const message = this.message(e);
    const related: Related[] = [];
    const i = trail.nodes.indexOf(at);
    for (const n of trail.nodes.slice(i + 1))
      related.push((view) => ({
        message: 'called from here',
        ...loc(view, this.file, n.file, n.at.span),
      }));
    const fn = calleeOf(e.at);
    related.push((view) => ({
      message:
        fn === undefined || /get_?[vV]ariable|getLocalVariable|get_local_variable/.test(fn)
          ? 'get_variable here'
          : `${fn}(...) here`,
      ...loc(view, this.file, e.file, e.at.span),
    }));
    if (sharing) related.push(...this.creationRelated(e.name, first));
    related.push(...this.commonRelated(e, o));
    const certain = o.certain;
    const span = at.at.span;
    this.pushDiagnostic(span, error.code, certain, message, (view) => {
      let suffix = '';
      if (e.file !== this.file)
        suffix += ` (in ${e.file}:${view.lineMap(e.file).position(e.at.span.from).line})`;
      if (!certain) suffix += ' (on some paths)';
      return { suffix, related: renderRelated(view, related) };
    });
  }

  /** An error at its own call site in the analysed file. */
  private diagnose(
    e: VariableEvent,
    o: RawOutcome,
    certain: boolean,
    entry: string | undefined,
  ): void {
    if (e.file !== this.file) return;
    const span = e.at.span;
    const error = e.error as NonNullable<typeof e.error>;
    const message = this.message(e);
    const related: Related[] = [];
    if (SHARING_ERRORS.has(error.code)) related.push(...this.creationRelated(e.name));
    related.push(...this.commonRelated(e, o));
    this.pushDiagnostic(span, error.code, certain, message, (view) => {
      let suffix = certain ? '' : entry ? ` (when ${entry} runs alone)` : ' (on some paths)';
      let severity: Diagnostic['severity'] | undefined;
      // A function that reuses what another part of the module creates is made to run after
      // it (a decoder sampling from a trained model): alone it fails, but that is how it is
      // written, not a mistake, so it is information, not a warning.
      const other =
        entry !== undefined && error.code === ERROR_CODES.variableMissing
          ? contextsOf(this.creations.get(e.name)).find((c) => c !== entry)
          : undefined;
      const created = other !== undefined ? this.creator(e.name) : undefined;
      if (created && created.file === this.file) {
        const outer = this.outermostHere(created.trail);
        const line = view.lineMap(this.file).position((outer?.at ?? created).span.from).line;
        const by = other ? `${other} creates it` : `it is created by the call at line ${line}`;
        suffix = ` (when ${entry} runs alone; ${by})`;
        severity = 'information';
      }
      const rel = renderRelated(view, related);
      return { suffix, ...(severity ? { severity } : {}), ...(rel.length ? { related: rel } : {}) };
    });
  }

  /**
   * Queues an error diagnostic at `span` of the analysed file, rendered with the view (once per
   * span and text): TF's message, then what `more` adds to it, and its related information.
   */
  private pushDiagnostic(
    span: { from: number; to: number },
    code: string,
    certain: boolean,
    message: (view: View) => string,
    more: (view: View) => {
      suffix: string;
      related?: ReturnType<typeof renderRelated>;
      /** Instead of error (certain) or warning (possible). */
      severity?: Diagnostic['severity'];
    },
  ): void {
    this.diagnostics.push((view, seen) => {
      const text = message(view);
      const key = `${span.from}:${span.to}:${text}`;
      if (seen.has(key)) return undefined;
      seen.add(key);
      const m = view.lineMap(this.file);
      const { suffix, related, severity } = more(view);
      return {
        code,
        severity: severity ?? (certain ? 'error' : 'warning'),
        message: text + suffix,
        start: m.position(span.from),
        end: m.position(span.to),
        ...(related ? { related } : {}),
      };
    });
  }

  /**
   * TF's first line, with "Originally defined at:" completed by the creating call site (as the
   * variable's creator is known now: later contexts may add creators).
   */
  private message(e: VariableEvent): (view: View) => string {
    const error = e.error as NonNullable<typeof e.error>;
    const first = displayName(firstLine(error.message));
    const created = this.creator(e.name);
    if (!first.endsWith(ORIGINALLY) || !created) return () => first;
    return (view) => `${first} ${displayName(definedAtText(view, created))}`;
  }

  addScopes(events: readonly ScopeEvent[]): void {
    for (const s of events) {
      let site = this.scopeSites.get(s.at);
      if (!site) {
        site = { file: s.file, span: s.at.span, outcomes: new Map() };
        this.scopeSites.set(s.at, site);
      }
      const k = `${displayName(s.name)}|${displayName(s.nameScope)}|${s.reuse}`;
      if (site.outcomes.has(k)) continue;
      const name = displayName(s.name);
      const prefix = displayName(s.nameScope);
      site.outcomes.set(k, {
        name,
        reuse: s.reuse,
        certain: s.certain,
        ...(prefix !== `${name}/` ? { nameScope: prefix } : {}),
        ...(s.origin ? { origin: s.origin } : {}),
      });
    }
  }

  /** Ends the first stage: the first path's events, and how complete the exploration was. */
  finish(firstPath: readonly VariableEvent[]): void {
    this.events = firstPath.filter((e) => e.file === this.file && e.conformance);
    // In creation order (a function called twice creates `a/w`, `a/b`, then `b/w`, `b/b`).
    this.ordered = [...this.variables.entries()]
      .map(([k, v], i) => {
        const order = this.creations.get(k)?.order ?? -1;
        return { v, at: order >= 0 ? order : Number.MAX_SAFE_INTEGER, i };
      })
      .sort((x, y) => x.at - y.at || x.i - y.i)
      .map((x) => x.v);
  }

  private ordered: RawVariable[] = [];
  /** The text the last `render` read. */
  private rendered: string | undefined;
  /** What the renders made, kept while it stands (see `Kept`). */
  private kept:
    | {
        readonly events: Kept<VariableEvent, StaticEvent>;
        readonly sites: Kept<SiteAcc, CallSite>;
        readonly scopes: Kept<ScopeAcc, ScopeSite>;
        readonly variables: Kept<RawVariable, VariableInfo>;
      }
    | undefined;

  /** The spans of the analysed file a rendering of each kind of item reads. */
  private keep(): NonNullable<Builder['kept']> {
    const here = (add: (s: Span) => void, file: string, span: Span) => {
      if (file === this.file) add(span);
    };
    return {
      events: new Kept(this.events, (e, add) => here(add, e.file, e.at.span)),
      sites: new Kept([...this.sites.values()], (s, add) => {
        here(add, s.file, s.span);
        for (const o of s.outcomes.values()) {
          if (o.createdAt) here(add, o.createdAt.file, o.createdAt.span);
          if (o.reuse?.at) here(add, o.reuse.file, o.reuse.at.span);
          if (o.originallyDefinedAt)
            here(add, o.originallyDefinedAt.file, o.originallyDefinedAt.span);
          if (o.scope) here(add, o.scope.file, o.scope.span);
          if (o.trail) for (const n of o.trail) here(add, n.file, n.at.span);
        }
      }),
      scopes: new Kept([...this.scopeSites.values()], (s, add) => {
        here(add, s.file, s.span);
        for (const o of s.outcomes.values())
          if (o.origin?.at) here(add, o.origin.file, o.origin.at.span);
      }),
      variables: new Kept(this.ordered, (v, add) => {
        here(add, v.createdAt.file, v.createdAt.span);
        for (const r of v.reusedAt) here(add, r.file, r.span);
        if (v.createdIn) here(add, v.createdIn.line.file, v.createdIn.line.span);
      }),
    };
  }

  /**
   * The second stage: the results at the text's present positions. What an earlier render
   * made and reads only places that did not move (everything before an edit, and after it on
   * later lines when it added no line) is kept. Called when the analysis's results are first
   * read (`buildAnalysis`), so `this.rendered` is the text of the last render that happened.
   */
  renderResults(view: View, text: string): RenderedResults {
    const edit = textEdit(this.rendered, text);
    this.rendered = text;
    const kept = (this.kept ??= this.keep());
    const here = view.lineMap(this.file);
    const events = kept.events.render(edit, (e): StaticEvent => {
      const line = here.position(e.at.span.from).line;
      const name = displayName(e.name);
      return e.action === 'raise'
        ? { line, name, action: 'raise', error: errorLine(e) }
        : { line, name, key: e.key ? displayName(e.key) : undefined, action: e.action };
    });
    const bySpan = <T extends { file: string; span: Span }>(a: T, b: T) =>
      a.file === b.file
        ? a.span.from - b.span.from
        : a.file === this.file
          ? -1
          : b.file === this.file
            ? 1
            : a.file < b.file
              ? -1
              : 1;
    const locs = new Map<Span, Location>();
    const at = (file: string, span: Span): Location => {
      let l = locs.get(span);
      if (!l) {
        l = loc(view, this.file, file, span);
        locs.set(span, l);
      }
      return l;
    };
    const callSites = kept.sites.sorted(bySpan, edit, (s) => ({
      ...at(s.file, s.span),
      outcomes: [...s.outcomes.values()].map((o) => this.renderOutcome(view, o, at)),
    }));
    const scopes = kept.scopes.sorted(bySpan, edit, (s) => ({
      ...at(s.file, s.span),
      outcomes: [...s.outcomes.values()].map((o) => {
        const out: { -readonly [K in keyof ScopeOutcome]: ScopeOutcome[K] } = {
          name: o.name,
          reuse: o.reuse,
          certain: o.certain,
        };
        if (o.nameScope !== undefined) out.nameScope = o.nameScope;
        if (o.origin) out.reuseWhy = reuseInfo(view, this.file, o.origin);
        return out;
      }),
    }));
    const lineOf = (r: Ref) => view.lineMap(r.file).position(r.span.from).line;
    const variables = kept.variables.render(edit, (v) => {
      const reusedAt: number[] = [];
      for (const r of v.reusedAt) {
        const line = lineOf(r);
        if (!reusedAt.includes(line)) reusedAt.push(line);
      }
      const out: { -readonly [K in keyof VariableInfo]: VariableInfo[K] } = {
        name: v.name,
        key: v.key,
        shape: v.shape,
        dtype: v.dtype,
        createdAt: lineOf(v.createdAt),
        reusedAt,
        certain: v.certain,
      };
      const c = v.createdIn;
      if (c) {
        // Built field by field: an object rest and spread cost more than the rest of this.
        const createdIn: { line: number; file?: string; function?: string } = {
          line: lineOf(c.line),
        };
        if (c.file !== undefined) createdIn.file = c.file;
        if (c.function !== undefined) createdIn.function = c.function;
        out.createdIn = createdIn;
      }
      if (v.file !== undefined) out.file = v.file;
      return out;
    });
    return { events, callSites, scopes, variables };
  }

  /** The diagnostics at the text's present positions (a new list each time). */
  renderDiagnostics(view: View): Diagnostic[] {
    const seen = new Set<string>();
    const diagnostics: Diagnostic[] = [];
    for (const d of this.diagnostics) {
      const out = d(view, seen);
      if (out) diagnostics.push(out);
    }
    return diagnostics;
  }

  private renderOutcome(
    view: View,
    r: RawOutcome,
    at: (file: string, span: Span) => Location,
  ): Outcome {
    const o: MutableOutcome = {
      name: r.name,
      action: r.action,
      handled: r.handled,
      certain: r.certain,
    };
    if (r.error !== undefined || r.code !== undefined) {
      o.error = r.error;
      o.code = r.code;
    }
    if (r.byGetter) o.byGetter = true;
    if (r.action !== 'raise') {
      o.shape = r.shape;
      o.dtype = r.dtype;
      if (r.trainable !== undefined) o.trainable = r.trainable;
      if (r.collections) o.collections = r.collections;
    }
    if (r.createdAt) o.createdAt = at(r.createdAt.file, r.createdAt.span);
    if (r.reuse) o.reuse = reuseInfo(view, this.file, r.reuse);
    if (r.didYouMean) o.didYouMean = r.didYouMean;
    if (r.originallyDefinedAt)
      o.originallyDefinedAt = at(r.originallyDefinedAt.file, r.originallyDefinedAt.span);
    if (r.entry) o.entry = r.entry;
    if (r.scope) o.scope = at(r.scope.file, r.scope.span);
    if (r.trail) o.trail = r.trail.map((n) => at(n.file, n.at.span));
    return o;
  }
}

interface ScopeAcc {
  readonly file: string;
  readonly span: Span;
  readonly outcomes: Map<string, RawScopeOutcome>;
}

/** How the text being rendered differs from the text rendered last (see `samePlace`). */
interface TextEdit {
  /** False: nothing rendered before can be kept. */
  readonly valid: boolean;
  /** Where the two texts start to differ. */
  readonly a: number;
  /** How far the text after the difference moved. */
  readonly d: number;
  /** The edit added or removed no line. */
  readonly sameLines: boolean;
  /** Where the first line after the difference starts (in the new text). */
  readonly after: number;
}

const NO_EDIT: TextEdit = { valid: false, a: 0, d: 0, sameLines: false, after: 0 };

function textEdit(old: string | undefined, text: string): TextEdit {
  // Line maps count a lone \r as a line break: such texts are not compared.
  if (old === undefined || old.includes('\r') || text.includes('\r')) return NO_EDIT;
  const max = Math.min(old.length, text.length);
  let a = 0;
  while (a < max && old.charCodeAt(a) === text.charCodeAt(a)) a++;
  let s = 0;
  while (s < max - a && old.charCodeAt(old.length - 1 - s) === text.charCodeAt(text.length - 1 - s))
    s++;
  const newEnd = text.length - s;
  const lines = (t: string, from: number, to: number) => {
    let n = 0;
    for (let i = from; i < to; i++) if (t.charCodeAt(i) === 10) n++;
    return n;
  };
  const nl = text.indexOf('\n', newEnd);
  return {
    valid: true,
    a,
    d: text.length - old.length,
    sameLines: lines(text, a, newEnd) === lines(old, a, old.length - s),
    after: nl < 0 ? Infinity : nl + 1,
  };
}

/**
 * Whether offset `now` of the text being rendered is at the position offset `then` had in the
 * text rendered last: before the first difference of the two texts, or after it on a later line
 * when the edit added or removed no line.
 */
function samePlace(edit: TextEdit, now: number, then: number): boolean {
  return (
    (now <= edit.a && then === now) ||
    (edit.sameLines && now >= edit.after && then === now - edit.d)
  );
}

/**
 * The renderings of a fixed list of items (a built result's call sites, variables, ...), each
 * kept from one render to the next while the spans it read (in the analysed file) are where they
 * were: their offsets then, beside the span objects, whose offsets the front end keeps current.
 */
class Kept<K, T> {
  private readonly spans: Span[] = [];
  /** Item i read `spans[starts[i]]` to `spans[starts[i + 1] - 1]`. */
  private readonly starts: number[] = [0];
  /**
   * The spans' offsets at the last render, from and to. Sized once: an array grown to hundreds
   * of thousands of numbers on every fresh result cost more than filling it.
   */
  private readonly offsets: Int32Array;
  private out: T[] | undefined;

  constructor(
    private readonly items: readonly K[],
    spansOf: (item: K, add: (span: Span) => void) => void,
  ) {
    const add = (span: Span) => {
      this.spans.push(span);
    };
    for (const item of items) {
      spansOf(item, add);
      this.starts.push(this.spans.length);
    }
    this.offsets = new Int32Array(2 * this.spans.length);
  }

  render(edit: TextEdit, make: (item: K) => T): T[] {
    const { items, spans, starts, offsets } = this;
    const prev = this.out;
    const out: T[] = [];
    for (let i = 0; i < items.length; i++) {
      let ok = prev !== undefined && edit.valid;
      for (let j = starts[i]; ok && j < starts[i + 1]; j++)
        ok =
          samePlace(edit, spans[j].from, offsets[2 * j]) &&
          samePlace(edit, spans[j].to, offsets[2 * j + 1]);
      out.push(ok ? (prev as T[])[i] : make(items[i]));
    }
    for (let j = 0; j < spans.length; j++) {
      offsets[2 * j] = spans[j].from;
      offsets[2 * j + 1] = spans[j].to;
    }
    this.out = out;
    return out;
  }

  /** `render`, in the order `compare` gives the items (it may read their offsets). */
  sorted(compare: (a: K, b: K) => number, edit: TextEdit, make: (item: K) => T): T[] {
    const out = this.render(edit, make);
    const order = out
      .map((_, i) => i)
      .sort((i, j) => compare(this.items[i], this.items[j]) || i - j);
    return order.map((i) => out[i]);
  }
}

type MutableOutcome = { -readonly [K in keyof Outcome]: Outcome[K] };

function loc(view: View, analysed: string, file: string, span: Span): Location {
  const m = view.lineMap(file);
  if (file === analysed) return { start: m.position(span.from), end: m.position(span.to) };
  return { file, start: m.position(span.from), end: m.position(span.to) };
}

function renderRelated(view: View, related: readonly Related[]): RelatedInformation[] {
  const out: RelatedInformation[] = [];
  for (const r of related) {
    const info = r(view);
    if (info) out.push(info);
  }
  return out;
}

/** `model.py:6: w = tf.get_variable(...)`: a location as TF's traceback would name it. */
function definedAtText(view: View, l: { file: string; span: Span }): string {
  const p = view.lineMap(l.file).position(l.span.from);
  const text = view.sourceOf(l.file) ?? '';
  const start = l.span.from - (p.column - 1);
  let end = text.indexOf('\n', start);
  if (end < 0) end = text.length;
  const code = text.slice(start, end).trim();
  const base = l.file.slice(Math.max(l.file.lastIndexOf('/'), l.file.lastIndexOf('\\')) + 1);
  return `${base}:${p.line}${code ? `: ${code}` : ''}`;
}

function reuseInfo(view: View, analysed: string, origin: ReuseOrigin): ReuseInfo {
  // Library code is no place to show: its scopes report the program's call that led there,
  // and anything still in a library file is left out.
  const at =
    origin.at && !isLibraryFile(origin.file)
      ? loc(view, analysed, origin.file, origin.at.span)
      : undefined;
  const line = at ? ` (line ${at.start.line}${at.file ? ` of ${at.file}` : ''})` : '';
  const why =
    origin.kind === 'argument'
      ? `reuse set by this scope's argument${line}`
      : origin.kind === 'reuse_variables'
        ? `reuse_variables() called${line}`
        : origin.kind === 'inherited'
          ? `inherited from '${displayName(origin.from ?? '')}'${line}`
          : origin.kind === 'scope-object'
            ? `from the scope object${line}`
            : `reuse is not known here; taken as AUTO_REUSE${line}`;
  return { why, ...(at ? { at } : {}) };
}
