/**
 * The abstract interpreter: executes the IR of a module with concrete values where it can
 * compute them and unknowns (often with holes, see values.ts) elsewhere, and applies TF's rules
 * (through tf-model.ts, i.e. src/core) at every `variable_scope` and `get_variable`.
 *
 * One `Interpreter` runs one path of the program. Where the path depends on what is not known
 * (an `if` on an unknown test, a loop over a sequence of unknown length) it asks its `Chooser`;
 * `interpret` replays the program once per path (explore.ts) and returns every path's events.
 * An `if` whose branches only assign names is not forked: both branches run and the names they
 * bind keep a value only where both agree. A loop of unknown length runs once or twice (a path
 * each), its variable a hole per iteration; it is assumed to run at least once. A loop the test
 * does not end (`while True:`) runs until it breaks or its iterations reach a fixed point
 * (loops.ts).
 *
 * What it follows: assignments (tuples, attributes, subscripts), functions, lambdas and closures
 * with positional, keyword, default and `*`/`**` arguments (to a bounded depth), classes with
 * methods, `self` attributes, inheritance and `__call__`, comprehensions, `with` blocks,
 * `try/except/finally` with Python's exception matching (the try-to-create-then-reuse idiom of TF1 tutorials), `global`, imports of
 * TensorFlow in every form and of the program's own modules (through `resolveImport`), and the
 * TypeScript engine API (`variableScope`/`getVariable` from 'scope-lens'). It never throws on
 * user code: a step budget bounds each path, and an internal failure ends that path quietly.
 */
import { addNumpyArrays, isNdarray, ndarrayAttr, ndarrayBinop, ndarrayUnary } from './numpy';
import { ScopeLensError } from '../../core/errors';
import { AUTO_REUSE } from '../../core/reuse';
import { UNKNOWN } from '../../core/shape';
import type { VariableScopeArgs } from '../../core/variable-scope';
import type { ClassDef, Expr, FunctionDef, Lambda, Module, Param, Stmt } from '../ir';
import { walk } from '../ir';
import type { CatalogKey } from '../diagnostics/catalog';
import { Chooser, explore } from './explore';
import { LoopWatch, WATCH_AFTER } from './loops';
import { jsonModule, openBuiltin, osPathModule } from './files';
import { defaultGraph, engineAttr, initializerCall, TF1_ONLY, tfMember } from './tf-api';
import { isDatasetClass } from './datasets';
import { isLibraryFile, Library } from '../library/index';
import { supportNatives } from '../library/support';
import { stubFile, stubModule } from '../library/stubs';
import { TF1_TOP_LEVEL_NAMES } from './tf-names';
import {
  anyAssumed,
  depsOf,
  SliceBound,
  SliceItem,
  sliceBound,
  stridedSlice,
  dimAttr,
  dimOperand,
  dtypeValue,
  isTensorLike,
  unionDeps,
  withDeps,
  tensor,
  tensorAttr,
  tensorBinop,
  tensorInfo,
  tshapeAttr,
  tshapeIndex,
  tshapeItems,
  variableTensorAttr,
} from './tensors';
import { CallTrail, dtypeArg, reuseArg, ReuseOrigin, TfState, VariableEvent } from './tf-model';
import type { AnalyzerSlots, AVariable } from './tf-model';
import { ResultSummary, summarize, SUMMARY_BUDGET, summaryKey } from './results';
import {
  BuiltinFn,
  Env,
  Hole,
  NONE,
  pyRepr,
  pyStr,
  PyRaise,
  truthy,
  UNKNOWN_DTYPE,
  UNKNOWN_VALUE,
  Value,
  UNSET_OPTION,
} from './values';

/** Default limits (settings may change them: `InterpretOptions.limits`). */
export const MAX_CALL_DEPTH = 24;
/**
 * How deep calls inside the layer libraries (src/runtime/python/tensorflow/_lib) may nest. They
 * do not count against `maxCallDepth`, which bounds the program's own functions: a slim layer
 * with a normalizer is about 20 library calls deep, and a model's own functions around it must
 * not push its variables past the user's bound.
 */
export const MAX_LIBRARY_CALL_DEPTH = 64;
export const MAX_LOOP = 1000;
/** A loop over more items than this that changes nothing TF knows is widened, not unrolled. */
const LONG_LOOP = 32;
/** Nested calls of one library function (its recursion on structures, e.g. nested states). */
const MAX_LIBRARY_RECURSION = 6;
/** Steps allowed per path: a base plus an allowance per character of source. */
const BASE_STEPS = 300_000;
/**
 * Steps allowed per character of the program's code: of the analysed file, and of each of the
 * program's own modules a path imports (a training script whose model is in `models/net.py`).
 */
const STEPS_PER_CHAR = 4;
/** Paths explored for the program, and for each entry point. */
const MAX_PATHS = 32;
const MAX_ENTRY_PATHS = 8;
/** Distinct results kept per bound call (loop iterations and paths). */
const MAX_RESULTS_PER_CALL = 4;

/**
 * How a statement ended, when not normally: `return` (with its value), `break`, `continue`.
 * Returned rather than thrown (throwing cost more than the rest of a call).
 */
class ReturnSignal {
  constructor(readonly value: Value) {}
}
/** `tryBoth` gave up: the `if` forks. */
const NOT_JOINED = Symbol('not joined');
const BREAK = { k: 'break' } as const;
const CONTINUE = { k: 'continue' } as const;
type Completion = ReturnSignal | typeof BREAK | typeof CONTINUE | undefined;
class BudgetExceeded {}

const TF_MODULES = new Set(['tensorflow', 'tensorflow.compat.v1', 'tensorflow.compat']);

/**
 * What `tensorflow.<x>` names below the API's top level (`contrib.slim`, `_lib.base`); `''` for
 * the top level itself (`tensorflow`, `tensorflow.compat.v1`); null for other modules.
 */
function tfSubmodule(name: string): string | null {
  if (name !== 'tensorflow' && !name.startsWith('tensorflow.')) return null;
  let rest = name.slice('tensorflow'.length).replace(/^\./, '');
  if (rest === 'compat' || rest === 'compat.v1') return '';
  if (rest.startsWith('compat.v1.')) rest = rest.slice('compat.v1.'.length);
  return rest;
}
/**
 * The engine API's module: 'scope-lens' (and its subpaths), or a relative import of this
 * package's own sources (`../../src/index`, as its examples and tests write it).
 */
function isEngineModule(spec: string): boolean {
  return (
    spec === 'scope-lens' ||
    spec.startsWith('scope-lens/') ||
    (spec.startsWith('.') && /(^|\/)src(\/index)?(\.[cm]?[jt]s)?$/.test(spec))
  );
}

export type Language = 'python' | 'typescript';

/** A catalog diagnostic at an expression. */
export interface Note {
  readonly key: CatalogKey;
  /** Where it shows: an expression, or a statement (SL-TF2-API's import). */
  readonly at: Expr | Stmt;
  readonly file: string;
  readonly holes: Record<string, string>;
}

/** A `variable_scope` entered: its name, op-name prefix and effective reuse, and why. */
export interface ScopeEvent {
  readonly at: Expr;
  readonly file: string;
  readonly name: string;
  readonly nameScope: string;
  readonly reuse: 'True' | 'False' | 'AUTO_REUSE';
  readonly origin: ReuseOrigin | null;
  readonly certain: boolean;
}

/** An `import` of the program's own module, resolved by the caller. */
export interface ImportRequest {
  /** `pkg.mod` (Python, dots resolved against `level`) or the specifier as written (TS). */
  readonly module: string;
  readonly level: number;
  readonly fromFile: string;
  /**
   * Folders the program put on `sys.path` (`sys.path.insert(0, 'src')`, `.append('..')`), as
   * written: a relative one is relative to where the analysed script runs (its folder).
   */
  readonly sysPath?: readonly string[];
}

export interface ResolvedModule {
  readonly file: string;
  readonly module: Module;
  readonly language: Language;
}

export interface Limits {
  /** Calls followed into before a call's result is unknown. */
  readonly maxCallDepth?: number;
  /**
   * Items of a `range` (or a repeated list) and iterations of a `while` loop before the length
   * is unknown. A loop over a list that exists runs over every item.
   */
  readonly maxLoop?: number;
}

export interface InterpretOptions {
  readonly file: string;
  readonly language: Language;
  readonly limits?: Limits;
  readonly resolveImport?: (req: ImportRequest) => ResolvedModule | undefined;
  /** The layer libraries `tf.layers.dense` and friends resolve to (library/index.ts). */
  readonly library?: Library;
  /**
   * When to stop, in `performance.now()` milliseconds: the interpretation ends as when the step
   * budget runs out (`complete: false`, `stopped: 'time'`). Checked every `CLOCK_STEPS` steps.
   */
  readonly deadline?: number;
  /**
   * The text of a data file the program opens for reading (`open('params.json')`), by the path
   * it gives; undefined when it may not be read or does not exist (files.ts).
   */
  readonly readData?: (path: string) => string | undefined;
}

export interface EntryPoint {
  /** `model`, or `Model.build` for a method. */
  readonly name: string;
  readonly paths: VariableEvent[][];
}

export interface InterpretResult {
  readonly notes: Note[];
  /** Each explored path's events, in execution order; the first path takes branch 0 everywhere. */
  readonly paths: VariableEvent[][];
  /**
   * Functions and methods the program never calls (a library file's `def model(x,
   * scope='model')`), each explored alone in a fresh graph with its parameters at their defaults
   * and holes otherwise. Not part of the program's execution.
   */
  readonly entries: EntryPoint[];
  readonly scopes: ScopeEvent[];
  /**
   * Calls in the analysed file whose result an assignment binds, with what they returned: the
   * distinct summaries over the program's paths and its entry points' (at most a few per call).
   */
  readonly results: ReadonlyMap<Expr, readonly ResultSummary[]>;
  /** False when a budget ran out or an internal error stopped a path early. */
  readonly complete: boolean;
  /** What stopped it early (with `complete` false): the deadline, the step budget, an error. */
  readonly stopped?: 'time' | 'steps' | 'error';
  /** Every path (of the program and of each entry point) was explored. */
  readonly exhaustive: boolean;
  /** The step budget of each path, the most steps one path took, and all paths' steps. */
  readonly steps: {
    /** The analysed file's own budget per path (`stepBudget`). */
    readonly base: number;
    /** The largest a path's budget grew to (the program's imported modules add to it). */
    readonly budget: number;
    readonly maxPath: number;
    readonly total: number;
  };
}

/** The step budget of one path of `module` (a base plus an allowance per character). */
export function stepBudget(module: Module): number {
  return BASE_STEPS + STEPS_PER_CHAR * (module.span.to - module.span.from);
}

/**
 * `interpret`'s first path run up to a top-level statement of a Python module and stopped
 * there (`PrefixRun`), for a later interpretation of a text whose statements before that one
 * are the same IR objects to resume instead of running them again. The interpreter is
 * deterministic and Python runs a module's statements in order, so what those statements did
 * does not depend on the ones after them: the paused interpreter holds exactly the state a
 * fresh run reaches there, with nothing copied. Only a prefix that made no choice (no branch on
 * something not known) and whose every statement ran to its end is kept: the exploration's
 * other paths replay from the start as always.
 */
export interface PausedRun {
  readonly interp: Interpreter;
  /** How many top-level statements ran: `body`. */
  readonly at: number;
  readonly body: readonly Stmt[];
  /** `stepBudget` of the module it ran in (a path's budget starts there). */
  readonly base: number;
}

/**
 * Runs the first `at` top-level statements of `module` as `interpret`'s first path would, a few
 * at a time (`advance`), so a caller on an event loop can stop between two. Wherever it stands,
 * the statements run so far are a prefix another interpretation may resume (`paused`), unless
 * one of them failed: made a choice, raised, ended the module, ran out of steps or took longer
 * than `timeLimitMs` (0: no limit), which leaves the state inside a statement.
 */
export class PrefixRun {
  private readonly interp: Interpreter | undefined;
  private readonly base: number;
  private ran = 0;
  private failed = false;

  constructor(
    private readonly module: Module,
    private readonly options: InterpretOptions,
    readonly at: number,
    private readonly timeLimitMs: number,
  ) {
    this.base = stepBudget(module);
    if (options.language !== 'python' || at <= 0 || at > module.body.length) this.failed = true;
    else this.interp = new Interpreter(options, this.base, null);
  }

  /**
   * Runs statements until `at`, or until `until` (`performance.now()`) has passed after one;
   * true if more remain.
   */
  advance(until = Infinity): boolean {
    const interp = this.interp;
    if (!interp) return false;
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      // At least one statement per call, however short the slice.
      while (!this.failed && this.ran < this.at) {
        const clock: Clock = {
          deadline: this.timeLimitMs > 0 ? performance.now() + this.timeLimitMs : undefined,
          expired: false,
        };
        interp.clock = clock;
        const i = this.ran;
        const ended = interp.runModule(this.module, this.options.file, interp.mainEnv, i, i + 1);
        if (!ended || interp.choicesMade > 0 || clock.expired) this.failed = true;
        else this.ran++;
        if (performance.now() >= until) break;
      }
    } catch {
      // The program ended there (its exception), or a budget or an error stopped it: a fresh
      // run is as cheap as resuming would be, and needs no care.
      this.failed = true;
    } finally {
      Error.stackTraceLimit = limit;
    }
    return !this.failed && this.ran < this.at;
  }

  /** Every statement up to `at` ran. */
  get finished(): boolean {
    return !this.failed && this.ran === this.at;
  }

  /** The statements run so far as a run to resume; undefined when one failed or none ran. */
  paused(): PausedRun | undefined {
    if (this.failed || this.ran === 0 || !this.interp) return undefined;
    return {
      interp: this.interp,
      at: this.ran,
      body: this.module.body.slice(0, this.ran),
      base: this.base,
    };
  }
}

/**
 * Interprets `module`. `resume`: a prefix of the first path already run (`PrefixRun`) on a
 * module whose first `resume.at` statements are this one's; the caller checks that, and that
 * the files it read still read the same.
 */
export function interpret(
  module: Module,
  options: InterpretOptions,
  resume?: PausedRun,
): InterpretResult {
  // TF's errors are the program's exceptions here, thrown and caught all the time: a stack
  // trace for each would cost more than the rest of the work.
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return interpretModule(module, options, resume);
  } finally {
    Error.stackTraceLimit = limit;
  }
}

function interpretModule(
  module: Module,
  options: InterpretOptions,
  resume: PausedRun | undefined,
): InterpretResult {
  const maxSteps = stepBudget(module);
  let totalSteps = 0;
  let maxPath = 0;
  const clock: Clock = { deadline: options.deadline, expired: false };
  const expired = () =>
    clock.expired ||
    (clock.deadline !== undefined && (clock.expired = performance.now() > clock.deadline));
  // The largest budget a path reached (imports of the program's modules raise it).
  let budget = maxSteps;
  const more = () => totalSteps < budget * 4 && !expired();
  let complete = true;
  let stopped: InterpretResult['stopped'];
  const stop = (e: unknown) => {
    complete = false;
    stopped ??= clock.expired ? 'time' : e instanceof BudgetExceeded ? 'steps' : 'error';
  };
  const notes: Note[] = [];
  const scopes: ScopeEvent[] = [];
  const called = new Set<unknown>();
  let first: Interpreter | null = null;
  // Per call, its distinct summaries in order. A summary's key is made only when another
  // summary of the same call needs comparing: most calls have one.
  const results = new Map<Expr, Array<{ readonly s: ResultSummary; key?: string }>>();
  const keyOf = (k: { readonly s: ResultSummary; key?: string }) => (k.key ??= summaryKey(k.s));
  const addResults = (bound: ReadonlyMap<Expr, readonly ResultSummary[]>) => {
    for (const [at, summaries] of bound) {
      let known = results.get(at);
      if (!known) {
        known = [];
        results.set(at, known);
      }
      for (const s of summaries) {
        if (known.length === 0) {
          known.push({ s });
          continue;
        }
        const k = { s, key: summaryKey(s) };
        const same = known.find((x) => keyOf(x) === k.key);
        // Summaries with one key are alike: the first is kept.
        if (!same && known.length < MAX_RESULTS_PER_CALL) known.push(k);
      }
    }
  };

  let paused = resume;
  const program = explore(
    (chooser) => {
      let interp: Interpreter;
      let from = 0;
      if (paused) {
        // The first path (it replays no decision) goes on where the prefix stopped, with the
        // budget this text gives (its imports added what they add to any path).
        interp = paused.interp;
        interp.continueWith(chooser, maxSteps - paused.base);
        from = paused.at;
        paused = undefined;
      } else interp = new Interpreter(options, maxSteps, chooser);
      interp.clock = clock;
      first ??= interp;
      try {
        interp.runModule(module, options.file, interp.mainEnv, from);
      } catch (e) {
        // An uncaught exception of the program ends it, as in Python; anything else is ours.
        if (!(e instanceof PyRaise)) stop(e);
      }
      addResults(interp.boundResults());
      budget = Math.max(budget, interp.maxSteps);
      totalSteps += interp.steps;
      maxPath = Math.max(maxPath, interp.steps);
      for (const n of interp.notes) addNote(notes, n);
      scopes.push(...interp.scopeEvents);
      for (const d of interp.called) called.add(d);
      return { events: interp.events, mark: interp.eventsAtFirstChoice };
    },
    MAX_PATHS,
    more,
  );
  let exhaustive = program.exhaustive;
  const paths = program.results.map((r) => (exhaustive ? r.events : uncertainAfter(r)));

  // Each uncalled function alone; then those another entry point calls are dropped (`block`
  // called by `model` is analysed inside `model`, with the arguments `model` gives it).
  const explored: Array<{
    target: EntryTarget;
    paths: VariableEvent[][];
    calls: Set<unknown>;
    notes: Note[];
    scopes: ScopeEvent[];
    results: Array<ReadonlyMap<Expr, readonly ResultSummary[]>>;
  }> = [];
  const base = first as Interpreter | null;
  if (base) {
    for (const target of entryTargets(module, base, called)) {
      const calls = new Set<unknown>();
      const entryNotes: Note[] = [];
      const entryScopes: ScopeEvent[] = [];
      const entryResults: Array<ReadonlyMap<Expr, readonly ResultSummary[]>> = [];
      const run = explore(
        (chooser) => {
          const r = base.runEntryPoint(target.call, chooser);
          totalSteps += r.steps;
          maxPath = Math.max(maxPath, r.steps);
          if (!r.complete) stop(r.stoppedBy);
          entryNotes.push(...r.notes);
          entryScopes.push(...r.scopes);
          entryResults.push(r.results);
          for (const d of r.called) calls.add(d);
          return { events: r.events, mark: r.eventsAtFirstChoice };
        },
        MAX_ENTRY_PATHS,
        more,
      );
      if (!run.exhaustive) exhaustive = false;
      const entryPaths = run.results.map((r) => (run.exhaustive ? r.events : uncertainAfter(r)));
      explored.push({
        target,
        paths: entryPaths,
        calls,
        notes: entryNotes,
        scopes: entryScopes,
        results: entryResults,
      });
    }
  }
  const entries: EntryPoint[] = [];
  for (const e of explored) {
    const calledByOther = explored.some(
      (o) => o !== e && o.calls.has(e.target.def) && !e.calls.has(o.target.def),
    );
    if (calledByOther) continue;
    for (const n of e.notes) addNote(notes, n);
    scopes.push(...e.scopes);
    for (const r of e.results) addResults(r);
    entries.push({ name: e.target.name, paths: e.paths });
  }
  if (!more()) stop(new BudgetExceeded());
  const callResults = new Map<Expr, readonly ResultSummary[]>();
  for (const [at, known] of results) {
    const values = known.map((k) => k.s);
    // A call that never returned a tensor or a layer here has nothing to show.
    if (values.some((v) => v.kind !== 'other')) callResults.set(at, values);
  }
  return {
    notes,
    paths,
    entries,
    scopes,
    results: callResults,
    complete,
    ...(stopped ? { stopped } : {}),
    exhaustive,
    steps: { base: maxSteps, budget, maxPath, total: totalSteps },
  };
}

/** The deadline shared by every path of one interpretation; `expired` once it has passed. */
interface Clock {
  readonly deadline: number | undefined;
  expired: boolean;
}

/** Steps between two looks at the clock. */
const CLOCK_STEPS = 1024;

/**
 * When not every path was explored, what a path did after its first branch on something not
 * known may not happen on the paths left out: those outcomes are possible, not certain.
 */
function uncertainAfter(r: { events: VariableEvent[]; mark: number | null }): VariableEvent[] {
  if (r.mark === null) return r.events;
  return r.events.map((e, i) =>
    i < (r.mark as number) || !e.certain ? e : { ...e, certain: false },
  );
}

function addNote(notes: Note[], n: Note): void {
  if (!notes.some((m) => m.key === n.key && m.at === n.at)) notes.push(n);
}

interface EntryTarget {
  readonly name: string;
  readonly def: unknown;
  readonly call: (i: Interpreter) => void;
}

/** Module-level functions and classes' methods the program never called. */
function entryTargets(module: Module, interp: Interpreter, called: Set<unknown>): EntryTarget[] {
  const out: EntryTarget[] = [];
  for (const stmt of module.body) {
    if (stmt.kind === 'FunctionDef' && !called.has(stmt)) {
      const fn = interp.mainEnv.vars.get(stmt.name);
      if (fn && fn.k === 'func' && fn.def === stmt) {
        out.push({
          name: stmt.name,
          def: stmt,
          call: (i) => i.callValue(fn, [], new Map(), null, true),
        });
      }
    } else if (stmt.kind === 'ClassDef') {
      const cls = interp.mainEnv.vars.get(stmt.name);
      if (!cls || cls.k !== 'class') continue;
      for (const m of stmt.body) {
        if (m.kind !== 'FunctionDef' || called.has(m)) continue;
        if (m.name === '__init__' && called.has(stmt)) continue;
        out.push({
          name: `${stmt.name}.${m.name}`,
          def: m,
          call: (i) => {
            const self = i.instantiate(cls, [], new Map(), null, m.name === '__init__');
            if (m.name !== '__init__') {
              const method = i.attribute(self, m.name);
              i.callValue(method, [], new Map(), null, true);
            }
          },
        });
      }
    }
  }
  return out;
}

/**
 * A running function: the call that made it (`at`, in `file`: the code that called), its
 * definition and frame (what `super()` reads).
 */
interface FunctionFrame {
  readonly at: Expr | null;
  readonly file: string;
  readonly def: unknown;
  readonly env: Env;
  /** A method's `self` (an instance), so recursion is counted per object. */
  readonly self: Value | undefined;
}

export class Interpreter {
  /** Builtins, the parent of every module's globals. */
  readonly builtinsEnv = new Env(null);
  readonly mainEnv = new Env(this.builtinsEnv);
  events: VariableEvent[] = [];
  /** Calls in the analysed file whose results assignments bound on this run, and the values. */
  private bound = new Map<Expr, Value[]>();
  readonly notes: Note[] = [];
  readonly scopeEvents: ScopeEvent[] = [];
  /** Function and class definitions the program called. */
  readonly called = new Set<unknown>();
  /** The default graph first; `with g.as_default():` pushes another graph's state. */
  readonly graphs: TfState[] = [];
  /**
   * Inside a function `tf.data` traces (`map`'s): it runs in a graph of its own and can create
   * no variable, so an `if` on what is not known there runs both branches (`execBoth`) instead
   * of forking the whole program over an augmentation's coin flip.
   */
  datasetTrace = 0;
  readonly language: Language;
  private readonly maxLoop: number;
  private readonly maxCallDepth: number;
  steps = 0;
  private depth = 0;
  /** The same for functions of the layer libraries (bounded by MAX_LIBRARY_CALL_DEPTH). */
  private libraryDepth = 0;
  /** How many `tf.name_scope` blocks are open (not those variable scopes open). */
  explicitNameScopes = 0;
  /** Outcomes are assumptions while this is positive (inside a scope with an unknown reuse). */
  assumptions = 0;
  /**
   * The program's calls into library code whose outcomes rest on an assumed gradient: made
   * there (`minimize`) or passed in (`apply_gradients(grads_and_vars)`).
   */
  private readonly assumedSites = new Set<Expr>();

  /** What the running library call creates from here on rests on an assumption. */
  assumeAtSite(): void {
    const site = this.librarySite();
    if (site) this.assumedSites.add(site.at);
  }
  /** The file whose code is running. */
  get currentFile(): string {
    return this.file;
  }
  set currentFile(file: string) {
    this.file = file;
    this.inLibrary = isLibraryFile(file);
  }
  private file = '';
  /** `currentFile` is Scope Lens's own code (decided once per change, not at every step). */
  private inLibrary = false;
  private readonly functionStack: FunctionFrame[] = [];
  /** The class each method was defined in (for `super()`). */
  private readonly methodClass = new WeakMap<object, Value & { k: 'class' }>();
  /** What a `super()` object stands for. */
  private readonly supers = new WeakMap<Map<string, Value>, { cls: Value; self: Value }>();
  /** The items of instances of tuple subclasses (made by `tuple.__new__(Cls, items)`). */
  private readonly tupleItems = new WeakMap<Value, Value & { k: 'tuple' }>();
  /** Default values of parameters, evaluated once when the function is defined. */
  private readonly defaults = new WeakMap<object, Map<unknown, Value>>();
  private nextHole = 1;
  private readonly modules = new Map<string, Value>();

  constructor(
    readonly options: InterpretOptions,
    /** This path's step budget: grows as it imports the program's own modules. */
    public maxSteps: number,
    private chooser: Chooser | null,
  ) {
    this.language = options.language;
    this.currentFile = options.file;
    this.maxLoop = Math.max(1, options.limits?.maxLoop ?? MAX_LOOP);
    this.maxCallDepth = Math.max(1, options.limits?.maxCallDepth ?? MAX_CALL_DEPTH);
    this.graphs.push(this.newGraph());
    for (const [name, fn] of Object.entries(this.builtins())) {
      this.builtinsEnv.set(name, { k: 'builtin', name, call: fn, harmless: HARMLESS.has(name) });
    }
    for (const cls of [
      'ValueError',
      'TypeError',
      'Exception',
      'BaseException',
      'KeyError',
      'RuntimeError',
      'NotImplementedError',
      'IndexError',
      'AssertionError',
      'Error',
    ]) {
      this.builtinsEnv.set(cls, { k: 'exctype', cls });
    }
    this.builtinsEnv.set('object', {
      k: 'class',
      name: 'object',
      attrs: new Map(),
      bases: [],
      file: '<builtins>',
    });
    this.mainEnv.set('__name__', { k: 'str', v: '__main__' });
    this.mainEnv.set('__file__', { k: 'str', v: options.file });
    this.builtinsEnv.set('open', openBuiltin(options.readData));
  }

  /**
   * `tf.<ns>.<attr>`, made once per interpreter: TF's members are the same objects at every
   * access (as in Python), and resolving one walks the library's exports and the op tables.
   */
  private tfMemberOnce(ns: string, attr: string): Value {
    let members = this.tfMembers.get(ns);
    if (members === undefined) {
      members = new Map();
      this.tfMembers.set(ns, members);
    }
    let v = members.get(attr);
    if (v === undefined) {
      v = tfMember(this, ns, attr);
      members.set(attr, v);
    }
    return v;
  }

  /** By namespace, then member: no key string is built at every `tf.x` access. */
  private readonly tfMembers = new Map<string, Map<string, Value>>();

  /** The TF state of the current default graph. */
  get tf(): TfState {
    return this.graphs[this.graphs.length - 1];
  }

  /** Where TF state records its events: the current path's list, with the call context. */
  private readonly sink = (() => {
    const self = this as Interpreter;
    return {
      get events() {
        return self.events;
      },
      get file() {
        return self.currentFile;
      },
      get trail() {
        return self.trail;
      },
      get site() {
        return self.librarySite();
      },
      get assumptions() {
        return self.assumptions;
      },
      get siteAssumed() {
        const site = self.librarySite();
        return site !== undefined && self.assumedSites.has(site.at);
      },
    };
  })();

  newGraph(): TfState {
    return new TfState(this.sink, (fn, args, kwargs) => this.callValue(fn, args, kwargs, null));
  }

  /**
   * The program's calls running now, innermost first (each node points at its caller's): calls
   * made from the program's own code (the analysed file and its modules), never from library
   * code. Events keep the node current when they happen, so a trail costs one allocation per
   * program call and nothing per event.
   */
  private trail: CallTrail | null = null;

  /**
   * While library code runs: the call in the program's code (the analysed file or its own
   * modules) that led into the library. What the library does is reported there, as TF's own
   * functions' work is reported at their call; library frames are never user locations.
   */
  librarySite(): { readonly at: Expr; readonly file: string } | undefined {
    if (!this.inLibrary) return undefined;
    for (let i = this.functionStack.length - 1; i >= 0; i--) {
      const f = this.functionStack[i];
      if (!isLibraryFile(f.file)) return f.at ? { at: f.at, file: f.file } : undefined;
    }
    return undefined;
  }

  note(key: CatalogKey, at: Expr | Stmt, holes: Record<string, string>): void {
    this.noteIn(this.currentFile, key, at, holes);
  }

  /** A note at `at` in `file` (the program's call of library code, from inside it). */
  noteIn(file: string, key: CatalogKey, at: Expr | Stmt, holes: Record<string, string>): void {
    if (file !== this.options.file) return;
    if (!this.notes.some((n) => n.key === key && n.at === at))
      this.notes.push({ key, at, file, holes });
  }

  /** One of `n` branches of statement `site`, where the path depends on what is not known. */
  choose(n: number, site: Stmt | Expr): number {
    if (this.probing > 0) throw NOT_HARMLESS;
    this.eventsAtFirstChoice ??= this.events.length;
    this.choices++;
    return this.chooser ? this.chooser.choose(n, site, this.inLibrary) : 0;
  }

  /**
   * What this path decided for a flag it does not know (`self.dueling`, `args.flip`), per
   * object and attribute path: a second `if self.dueling:` takes the branch the first took, as
   * the program would, instead of forking into combinations it cannot run (DQN builds its
   * network and its target network each under `if self.dueling:`).
   */
  private readonly flagDecisions = new WeakMap<object, Map<string, boolean>>();

  /** `obj.a.b` or `not obj.a.b` with `obj` a name bound to an object: the flag it tests. */
  private flagOf(
    test: Expr,
    env: Env,
  ): { owner: object; path: string; negated: boolean } | undefined {
    let negated = false;
    let e = test;
    while (e.kind === 'UnaryOp' && e.op === 'not') {
      negated = !negated;
      e = e.operand;
    }
    const attrs: string[] = [];
    while (e.kind === 'Attribute') {
      attrs.unshift(e.attr);
      e = e.value;
    }
    if (e.kind !== 'Name' || attrs.length === 0) return undefined;
    const owner = env.lookup(e.id);
    // Objects with an identity of their own (an instance, a module, a namespace); `unknown`
    // is one shared value, so it says nothing about which object it stands for.
    if (!owner || owner.k === 'unknown') return undefined;
    return { owner, path: attrs.join('.'), negated };
  }

  /** How many `try` bodies the statement being run is inside (on this path's stack). */
  private tryDepth = 0;

  /** How many events had happened when the path first depended on something not known. */
  eventsAtFirstChoice: number | null = null;

  /** A fresh hole labelled `label`. */
  hole(label: string): Hole {
    return { label, id: this.nextHole++ };
  }

  /** An unknown with a hole of its own (so that formatting it twice gives the same name). */
  named(v: Value, label: string): Value {
    if (v.k === 'unknown' && !v.hole) return { ...v, hole: this.hole(label) };
    return v;
  }

  /** Runs `fn` alone in a fresh graph (parameters at defaults, else holes); its results. */
  runEntryPoint(
    call: (i: Interpreter) => void,
    chooser: Chooser,
  ): {
    events: VariableEvent[];
    notes: Note[];
    scopes: ScopeEvent[];
    results: ReadonlyMap<Expr, readonly ResultSummary[]>;
    called: Set<unknown>;
    steps: number;
    complete: boolean;
    stoppedBy?: unknown;
    eventsAtFirstChoice: number | null;
  } {
    const calledBefore = new Set(this.called);
    const saved = {
      events: this.events,
      chooser: this.chooser,
      notes: this.notes.length,
      scopes: this.scopeEvents.length,
      steps: this.steps,
      mark: this.eventsAtFirstChoice,
      bound: this.bound,
    };
    this.events = [];
    this.bound = new Map();
    this.chooser = chooser;
    this.steps = 0;
    this.eventsAtFirstChoice = null;
    this.graphs.push(this.newGraph());
    let complete = true;
    let stoppedBy: unknown;
    try {
      call(this);
    } catch (e) {
      if (!(e instanceof PyRaise)) {
        complete = false;
        stoppedBy = e;
      }
    } finally {
      this.graphs.pop();
    }
    const result = {
      events: this.events,
      notes: this.notes.splice(saved.notes),
      scopes: this.scopeEvents.splice(saved.scopes),
      results: this.boundResults(),
      called: new Set([...this.called].filter((d) => !calledBefore.has(d))),
      steps: this.steps,
      complete,
      stoppedBy,
      eventsAtFirstChoice: this.eventsAtFirstChoice,
    };
    for (const d of result.called) this.called.delete(d);
    this.events = saved.events;
    this.bound = saved.bound;
    this.chooser = saved.chooser;
    this.steps = saved.steps;
    this.eventsAtFirstChoice = saved.mark;
    return result;
  }

  /**
   * What the calls bound on this run returned, summarised now (a layer object's variables are
   * those it holds when the run has ended).
   */
  boundResults(): Map<Expr, ResultSummary[]> {
    const out = new Map<Expr, ResultSummary[]>();
    const items = (v: Value) => this.tupleItems.get(v);
    const budget = { left: SUMMARY_BUDGET };
    for (const [at, values] of this.bound) {
      const seen = new Set<string>();
      const summaries: ResultSummary[] = [];
      for (const v of values) {
        const s = summarize(v, items, budget);
        const k = summaryKey(s);
        if (!seen.has(k)) {
          seen.add(k);
          summaries.push(s);
        }
      }
      out.set(at, summaries);
    }
    return out;
  }

  /** An assignment in the analysed file bound the result of a call (or of calls: `f(), g()`). */
  private noteBound(value: Expr | null | undefined, v: Value): void {
    if (this.currentFile !== this.options.file) return;
    if (value?.kind === 'Tuple' || value?.kind === 'List') {
      if ((v.k === 'tuple' || v.k === 'list') && v.items.length === value.elts.length)
        value.elts.forEach((e, i) => this.noteBound(e, v.items[i]));
      return;
    }
    if (value?.kind !== 'Call') return;
    let values = this.bound.get(value);
    if (!values) {
      values = [];
      this.bound.set(value, values);
    }
    // A loop binds the same call once per iteration: a few values are enough to show.
    if (values.length < MAX_RESULTS_PER_CALL && !values.includes(v)) values.push(v);
  }

  private tick(): void {
    // A step of the layer libraries' own code (bounded: it always ends) weighs a quarter of a
    // program's step, so a model of hundreds of layers is analysed whole within the budget.
    if (this.inLibrary && (++this.libraryTicks & 3) !== 0) return;
    if (++this.steps > this.maxSteps) throw new BudgetExceeded();
    if (++this.clockTicks >= CLOCK_STEPS) {
      this.clockTicks = 0;
      const clock = this.clock;
      if (
        clock?.deadline !== undefined &&
        (clock.expired || (clock.expired = performance.now() > clock.deadline))
      )
        throw new BudgetExceeded();
    }
  }

  private libraryTicks = 0;
  private clockTicks = 0;
  /** The interpretation's deadline (set by `interpret`). */
  clock: Clock | undefined;

  /**
   * Runs `module`'s top-level statements `from` to `to` (all of them by default); false when one
   * ended the module early (a `return` or `break` at the top level of half-typed code).
   */
  runModule(module: Module, file: string, env: Env, from = 0, to = module.body.length): boolean {
    const saved = this.currentFile;
    this.currentFile = file;
    this.moduleBodies.set(env, module.body);
    try {
      const body =
        from === 0 && to === module.body.length ? module.body : module.body.slice(from, to);
      return this.execBlock(body, env) === undefined;
    } finally {
      this.currentFile = saved;
    }
  }

  /** Branches on something not known so far (`choose`). */
  get choicesMade(): number {
    return this.choices;
  }

  /** A paused first path (`PausedRun`) taken up: its chooser, and its budget moved by `delta`. */
  continueWith(chooser: Chooser, delta: number): void {
    this.chooser = chooser;
    this.maxSteps += delta;
  }

  // -- statements ------------------------------------------------------------------------------

  execBlock(body: readonly Stmt[], env: Env): Completion {
    for (const s of body) {
      const c = this.exec(s, env);
      if (c) return c;
    }
    return undefined;
  }

  exec(s: Stmt, env: Env): Completion {
    this.tick();
    switch (s.kind) {
      case 'ExprStmt':
        this.eval(s.expr, env);
        return;
      case 'Assign': {
        const v = this.eval(s.value, env);
        this.noteBound(s.value, v);
        const t0 = s.targets[0];
        // TypeScript: a statement that starts at its target has no let/const/var, so it writes
        // the existing binding (a closure's outer variable), as JavaScript does.
        if (
          this.language === 'typescript' &&
          s.targets.length === 1 &&
          t0.kind === 'Name' &&
          t0.span.from === s.span.from
        ) {
          env.assignExisting(t0.id, this.named(v, t0.id));
          return;
        }
        if (s.value.kind === 'Tuple' || s.value.kind === 'List')
          this.checkUnpack(s.targets, s.value);
        for (const t of s.targets) this.assign(t, v, env);
        return;
      }
      case 'AugAssign': {
        const v = this.binop(s.op, this.eval(s.target, env), this.eval(s.value, env));
        if (this.language === 'typescript' && s.target.kind === 'Name')
          env.assignExisting(s.target.id, this.named(v, s.target.id));
        else this.assign(s.target, v, env);
        return;
      }
      case 'AnnAssign':
        if (s.value) {
          const v = this.eval(s.value, env);
          this.noteBound(s.value, v);
          this.assign(s.target, v, env);
        }
        return;
      case 'FunctionDef': {
        let fn: Value = { k: 'func', def: s, closure: env, name: s.name, file: this.currentFile };
        this.evalDefaults(fn, env);
        // A decorator the interpreter does not know makes the function unknown; the function
        // itself is then analysed as an entry point.
        if (s.decorators.length > 0) fn = this.decorate(fn, s.decorators, env);
        env.set(s.name, fn);
        return;
      }
      case 'ClassDef':
        env.set(s.name, this.defineClass(s, env));
        return;
      case 'Return':
        return new ReturnSignal(s.value ? this.eval(s.value, env) : NONE);
      case 'Global':
        // In a function a probe called, its frame goes with the call, and what it writes to
        // the module is journalled; in the probe's own frame the declaration would outlast it.
        if (this.probing > 0 && this.functionStack.length <= this.probeFrames) throw NOT_HARMLESS;
        for (const n of s.names) env.declareGlobal(n);
        return;
      case 'Pass':
      case 'Nonlocal':
      case 'UnknownStmt':
        return;
      case 'Break':
        return BREAK;
      case 'Continue':
        return CONTINUE;
      case 'If': {
        // A script's usage check on an option the command line did not give (`if not
        // FLAGS.dataset_dir: raise ValueError('You must supply ...')`): the analysis runs the
        // script as it is meant to be run, with the option given.
        if (
          this.undecided === 0 &&
          endsInRaise(s.body) &&
          !endsInRaise(s.orelse) &&
          this.usageCheck(s.test, env)
        )
          return this.execBlock(s.orelse, env);
        const t = truthy(this.eval(s.test, env));
        if (t === true) return this.execBlock(s.body, env);
        if (t === false) return this.execBlock(s.orelse, env);
        // `if sv.should_stop(): break` in a loop run once as a probe (`tryOnce`): the loop's
        // iterations are not known anyway, and what they wrote is unknown after it.
        if (this.probing > 0 && this.endsProbedIteration(s)) return undefined;
        // Python: both branches as a probe (an op named on one branch only, `y = x + 1.0`,
        // changes the names that follow: that forks). TypeScript: when they only bind names.
        if (this.language !== 'python' && onlyAssignsNames(s)) {
          this.execBoth(s, env);
          return undefined;
        }
        // Checks of what is not known are taken to pass: in the layer libraries (a dtype an
        // unmodelled op gave) TF raises only for programs TF itself rejects; in the program
        // (`if actual_rank not in expected: raise ValueError(...)` on an entry point's
        // hypothetical argument, `if not os.path.exists(a.input_dir): raise`) the path that
        // raises only ends, creating nothing, and a fork at each such check (BERT checks every
        // tensor's rank) would spend the paths on endings and never reach the model. Where a
        // `try` could catch the raise, the program may go on differently: that forks.
        if (
          (this.inLibrary || this.tryDepth === 0) &&
          endsInRaise(s.body) !== endsInRaise(s.orelse)
        )
          return this.execBlock(endsInRaise(s.body) ? s.orelse : s.body, env);
        const flag = this.language === 'python' ? this.flagOf(s.test, env) : undefined;
        const decided = flag && this.flagDecisions.get(flag.owner)?.get(flag.path);
        if (flag && decided !== undefined)
          return this.undecidedBranch(decided !== flag.negated ? s.body : s.orelse, env);
        if (this.language === 'python') {
          const both = this.tryBoth(s, env);
          if (both !== NOT_JOINED) return both;
        }
        if (this.datasetTrace > 0 && this.probing === 0 && !leavesBlock(s)) {
          this.execBoth(s, env);
          return undefined;
        }
        const branch = this.choose(2, s);
        if (flag) {
          let known = this.flagDecisions.get(flag.owner);
          if (!known) this.flagDecisions.set(flag.owner, (known = new Map()));
          known.set(flag.path, (branch === 0) !== flag.negated);
        }
        return this.undecidedBranch(branch === 0 ? s.body : s.orelse, env);
      }
      case 'For':
        return this.execFor(s, env);
      case 'While':
        return this.execWhile(s, env);
      case 'With':
        return this.execWith(s.items, 0, s.body, env);
      case 'Try':
        return this.execTry(s, env);
      case 'Raise': {
        const v = s.exc ? this.eval(s.exc, env) : UNKNOWN_VALUE;
        if (v.k === 'exception') throw new PyRaise(v);
        if (v.k === 'exctype') throw new PyRaise({ k: 'exception', cls: v.cls, message: '' });
        throw new PyRaise({ k: 'exception', cls: 'Exception', message: '' });
      }
      case 'Import':
        if (this.probing > 0) throw NOT_HARMLESS;
        for (const a of s.names) this.importModule(a.name, a.asName, env, s);
        return;
      case 'ImportFrom':
        if (this.probing > 0) throw NOT_HARMLESS;
        this.importFrom(s, env);
        return;
    }
  }

  /**
   * How many branches taken on a value not known (a path's choice) enclose what runs now. A
   * usage check is the script's only where it runs whatever the options are: inside
   * `if a.mode == 'test':` with `--mode` not known, `if a.checkpoint is None: raise` is that
   * mode's requirement, and the path that takes it ends there as the script would.
   */
  private undecided = 0;

  private undecidedBranch(block: readonly Stmt[], env: Env): Completion {
    this.undecided++;
    try {
      return this.execBlock(block, env);
    } finally {
      this.undecided--;
    }
  }

  /**
   * Whether `test` only asks whether options were given (`not FLAGS.x`, `args.x is None`,
   * `FLAGS.x == None`, `or` of such, beside parts known to be false) and one was left at its
   * None default (`UNSET_OPTION`). Only names and attributes are read: evaluating them has no
   * effect, so the test may be evaluated again when this says no.
   */
  private usageCheck(test: Expr, env: Env): boolean {
    const plain = (e: Expr): boolean =>
      e.kind === 'Name' || (e.kind === 'Attribute' && plain(e.value));
    const readOnly = (e: Expr): boolean =>
      plain(e) ||
      e.kind === 'Constant' ||
      (e.kind === 'UnaryOp' && readOnly(e.operand)) ||
      (e.kind === 'Compare' && readOnly(e.left) && e.comparators.every(readOnly)) ||
      (e.kind === 'BoolOp' && e.values.every(readOnly));
    // What a part asks about: `X` of `not X`, `X is None`, `X == None`; null for other tests.
    const asked = (e: Expr): Expr | null => {
      if (e.kind === 'UnaryOp' && e.op === 'not' && plain(e.operand)) return e.operand;
      if (
        e.kind === 'Compare' &&
        e.ops.length === 1 &&
        (e.ops[0] === 'is' || e.ops[0] === '==') &&
        plain(e.left) &&
        e.comparators[0].kind === 'Constant' &&
        e.comparators[0].value === null
      )
        return e.left;
      return null;
    };
    const parts = test.kind === 'BoolOp' && test.op === 'or' ? test.values : [test];
    let unset = false;
    for (const part of parts) {
      const x = asked(part);
      if (x && this.eval(x, env) === UNSET_OPTION) {
        unset = true;
        continue;
      }
      // Any other part must be read-only and false for the check to pass.
      if (!x && !readOnly(part)) return false;
      if (truthy(this.eval(part, env)) !== false) return false;
    }
    return unset;
  }

  /**
   * Both branches of an `if` that can make no TF outcome, one after the other on this path (no
   * fork): what they bind (names, attributes, dict entries, list items) keeps a value where both
   * agree and is unknown where they differ. The body's writes are undone before the `else` runs.
   */
  private execBoth(s: Extract<Stmt, { kind: 'If' }>, env: Env): Completion {
    const before = new Map(env.vars);
    let bodyEnds: Completion;
    let orelseEnds: Completion;
    const body = this.journalled(() => (bodyEnds = this.execBlock(s.body, env)), true);
    const afterBody = new Map(env.vars);
    const written = body.snapshot();
    body.undo();
    env.vars.clear();
    for (const [k, v] of before) env.vars.set(k, v);
    const orelse = this.journalled(() => (orelseEnds = this.execBlock(s.orelse, env)), true);
    // Both branches return (`if ...: return a` / `else: return b`, the `else` maybe an `elif`
    // chain): so does the `if`. A `return` on one branch only cannot be joined.
    const a = bodyEnds;
    const b = orelseEnds;
    let ends: Completion;
    if (a instanceof ReturnSignal && b instanceof ReturnSignal) {
      const same = a.value === b.value || sameValue(a.value, b.value);
      if (!same && this.probing > 0 && (decidesBehaviour(a.value) || decidesBehaviour(b.value)))
        throw NOT_HARMLESS;
      ends = new ReturnSignal(
        same
          ? a.value
          : joinTensors(a.value, b.value) || { k: 'unknown', hole: this.hole('return') },
      );
    } else if (this.probing > 0 && (a instanceof ReturnSignal || b instanceof ReturnSignal))
      throw NOT_HARMLESS;
    for (const k of new Set([...afterBody.keys(), ...env.vars.keys()])) {
      const a = afterBody.get(k);
      const b = env.vars.get(k);
      if (a === b) continue;
      if (a && b && sameValue(a, b)) continue;
      // Which class or function a name holds decides what calling it creates (`layer_class =
      // Conv1D` / `Conv2D` on a rank not known): unknown would create nothing; fork instead.
      if (this.probing > 0 && (decidesBehaviour(a) || decidesBehaviour(b))) throw NOT_HARMLESS;
      env.vars.set(k, (a && b && joinTensors(a, b)) || { k: 'unknown', hole: this.hole(k) });
    }
    // Attributes, items and entries: the body's value (where only `else` wrote: the value
    // before the `if`) against the value now.
    const differ = (a: Value | undefined, b: Value | undefined) =>
      a !== b && !(a && b && sameValue(a, b));
    for (const attrs of new Set([...orelse.attrs.keys(), ...written.attrs.keys()])) {
      const keys = new Set([
        ...(orelse.attrs.get(attrs)?.keys() ?? []),
        ...(written.attrs.get(attrs)?.keys() ?? []),
      ]);
      for (const key of keys) {
        const mine = written.attrs.get(attrs);
        const a = mine?.has(key) ? mine.get(key) : orelse.attrs.get(attrs)?.get(key);
        if (differ(a === ABSENT ? undefined : (a as Value | undefined), attrs.get(key))) {
          this.recordAttr(attrs, key);
          attrs.set(key, { k: 'unknown', hole: this.hole(key) });
        }
      }
    }
    for (const items of new Set([...orelse.arrays.keys(), ...written.arrays.keys()])) {
      if (this.droppedLists.has(items)) continue;
      const a = written.arrays.get(items) ?? orelse.arrays.get(items) ?? [];
      if (a.length !== items.length) {
        // A list grown on one branch only has no one length to keep.
        if (this.probing > 0 && !this.grownOnBranch(items)) throw NOT_HARMLESS;
        continue;
      }
      for (let i = 0; i < a.length; i++) {
        if (differ(a[i], items[i])) {
          this.recordArray(items);
          items[i] = { k: 'unknown', hole: this.hole('item') };
        }
      }
    }
    for (const d of new Set([...orelse.dicts.keys(), ...written.dicts.keys()])) {
      const a = written.dicts.get(d) ?? orelse.dicts.get(d) ?? [];
      const entry = (entries: Array<[Value, Value]>, key: Value) =>
        entries.find(([k]) => sameKey(k, key))?.[1];
      for (const key of [...a.map(([k]) => k), ...d.entries.map(([k]) => k)]) {
        if (differ(entry(a, key), entry(d.entries, key))) {
          this.recordDict(d);
          setEntry(d, key, { k: 'unknown', hole: this.hole('item') });
        }
      }
    }
    return ends;
  }

  /**
   * An `if` on something not known whose branches turn out to make no TF outcome and to run
   * no function (`if not os.path.exists(d): os.makedirs(d)`, a seed or a file name set either
   * way): both run on this path, as `execBoth` runs them, instead of forking it. Every fork
   * before a model is built builds the model once more, and scripts make many such forks.
   * The branches run as a probe: at the first call of a TF API, an op, a `return` on one
   * branch only, an import, a choice or an exception, everything they wrote is undone and the
   * `if` forks as usual (`NOT_JOINED`). When both branches return, so does the `if`, with
   * what they return joined.
   */
  private tryBoth(s: Extract<Stmt, { kind: 'If' }>, env: Env): Completion | typeof NOT_JOINED {
    let completion: Completion;
    return this.probe(env, () => {
      completion = this.execBoth(s, env);
    })
      ? completion
      : NOT_JOINED;
  }

  /**
   * Runs `fn` as a probe: true when it ran to its end; false when it gave up (or raised), with
   * everything it wrote undone (`env`'s bindings and all it journalled).
   */
  private probe(env: Env, fn: () => void): boolean {
    const vars = new Map(env.vars);
    const all = new Journal();
    this.journals.push(all);
    this.probing++;
    const outerFrames = this.probeFrames;
    this.probeFrames = this.functionStack.length;
    try {
      fn();
      return true;
    } catch (e) {
      if (e !== NOT_HARMLESS && !(e instanceof PyRaise)) throw e;
      all.undo();
      env.vars.clear();
      for (const [k, v] of vars) env.vars.set(k, v);
      return false;
    } finally {
      this.probing--;
      this.probeFrames = outerFrames;
      this.journals.pop();
    }
  }

  /** The depth of the function stack where the innermost probe started. */
  private probeFrames = 0;

  /**
   * A loop over a sequence of unknown length, or a `while` whose test is not known, whose body
   * turns out to do only bookkeeping (`for k, v in options: print(k, v)`, `while not text: text
   * = input()`): it runs once on this path, as a probe (`tryBoth`),
   * instead of forking into one and two iterations, and what it wrote is unknown after it (the
   * number of iterations is not known). A list it grew, a `break` or anything a probe gives up
   * on undoes it, and the loop forks as before.
   */
  private tryOnce(loop: LoopStmt, env: Env, bind: () => void): boolean {
    const vars = new Map(env.vars);
    const outer = this.onceLoop;
    this.onceLoop = { loop, env, frame: this.functionStack.length };
    try {
      return this.onceProbe(loop, env, bind, vars);
    } finally {
      this.onceLoop = outer;
      if (outer === null) this.grownOnBranches.clear();
    }
  }

  /**
   * The loop whose body `tryOnce` runs, in frame `env` (of that depth), while it runs. An `if`
   * on what is not known right in it whose only statement is `break` or `continue` ends the
   * iteration early or not, which is what running the body once for any number of iterations
   * already allows (`endsProbedIteration`); a list only a name of the frame holds may grow on
   * one branch of an `if` in it (`grownOnBranch`), as it may in the loop.
   */
  private onceLoop: { readonly loop: LoopStmt; readonly env: Env; readonly frame: number } | null =
    null;
  /** Lists `tryOnce`'s loop grew on one branch of an `if` (`grownOnBranch`). */
  private readonly grownOnBranches = new Set<Value[]>();
  /**
   * Lists a `tryOnce` took from the only name that held them (`freshList`): nothing holds them
   * any more, so a probe around it (a branch that called the function) need not keep them.
   */
  private readonly droppedLists = new WeakSet<Value[]>();

  /** `s` is `if <not known>: break` (or `continue`) right in the body `tryOnce` runs. */
  private endsProbedIteration(s: Extract<Stmt, { kind: 'If' }>): boolean {
    const once = this.onceLoop;
    if (once === null || once.frame !== this.functionStack.length) return false;
    // A `break` skips a loop's `else`.
    if (once.loop.orelse.length > 0) return false;
    if (s.orelse.length !== 0 || s.body.length !== 1) return false;
    const only = s.body[0].kind;
    return (only === 'Break' || only === 'Continue') && once.loop.body.includes(s);
  }

  /**
   * A list grown on one branch of an `if` in the body `tryOnce` runs, in its frame, that only a
   * name of the frame holds (`freshList`): the probe goes on, and the list is no longer the
   * name's value after the loop.
   */
  private grownOnBranch(items: Value[]): boolean {
    const once = this.onceLoop;
    if (once === null || once.frame !== this.functionStack.length) return false;
    if (this.freshListNames(once.loop, once.env, items) === null) return false;
    this.grownOnBranches.add(items);
    return true;
  }

  private onceProbe(loop: LoopStmt, env: Env, bind: () => void, vars: Map<string, Value>): boolean {
    return this.probe(env, () => {
      bind();
      const written = this.journalled(() => this.execBlock(loop.body, env));
      // A list the body grew has no one length after it: unless nothing but a name of this
      // frame can hold it (`filesets = []` before the loop, only appended to in it), whose value
      // is then not known, the loop forks (`freshList`).
      const dropped: string[] = [];
      const grown = (items: Value[], before: Value[]) =>
        items.length !== before.length || this.grownOnBranches.has(items);
      for (const [items, before] of written.arrays) {
        if (!grown(items, before) || this.droppedLists.has(items)) continue;
        const names = this.freshListNames(loop, env, items);
        if (names === null) throw NOT_HARMLESS;
        dropped.push(...names);
        this.droppedLists.add(items);
      }
      const unknown = (label: string): Value => ({ k: 'unknown', hole: this.hole(label) });
      for (const name of dropped) env.vars.set(name, unknown(name));
      for (const [k, v] of env.vars) {
        const b = vars.get(k);
        if (v !== b && !(b && sameValue(v, b))) env.vars.set(k, unknown(k));
      }
      for (const [attrs, keys] of written.attrs)
        for (const [key, old] of keys) {
          const now = attrs.get(key);
          if (old === ABSENT || !now || (now !== old && !sameValue(now, old))) {
            this.recordAttr(attrs, key);
            attrs.set(key, unknown(key));
          }
        }
      for (const [items, before] of written.arrays) {
        // A grown list is no longer the value of any name (above).
        if (grown(items, before)) continue;
        items.forEach((x, i) => {
          if (x !== before[i] && !sameValue(x, before[i])) items[i] = unknown('item');
        });
      }
      for (const [d, before] of written.dicts) {
        for (const [key, v] of [...d.entries]) {
          const old = before.find(([k]) => k === key || compare('==', k, key) === true)?.[1];
          if (!old || (old !== v && !sameValue(old, v))) setEntry(d, key, unknown('item'));
        }
      }
    });
  }

  /**
   * The names of this frame (`env`, a function's) that hold the list whose items are `items`,
   * when each is a list nothing else can hold while `loop` runs (`freshList`); else null.
   */
  private freshListNames(loop: LoopStmt, env: Env, items: Value[]): string[] | null {
    // The statements of the frame the loop runs in: a function's, or a module's.
    const frame = this.functionStack[this.functionStack.length - 1];
    let body: readonly Stmt[] | undefined;
    if (frame && frame.env === env) {
      const def = frame.def as FunctionDef | Lambda;
      if (def.kind === 'FunctionDef') body = def.body;
    } else body = this.moduleBodies.get(env);
    if (!body) return null;
    const names: string[] = [];
    for (const [name, v] of env.vars) {
      if (v.k !== 'list' || v.items !== items) continue;
      if (!freshList(body, loop, name)) return null;
      names.push(name);
    }
    return names.length > 0 ? names : null;
  }

  /** Each module's statements, by the frame of its globals (`freshListNames`). */
  private readonly moduleBodies = new WeakMap<Env, readonly Stmt[]>();

  /** Branches run as a probe (`tryBoth`): what could make an outcome gives up instead. */
  probing = 0;

  /** An op is about to be named in the graph: not while probing (`tryBoth`). */
  touchGraph(): void {
    this.effects++;
    if (this.probing > 0) throw NOT_HARMLESS;
  }

  /** Runs `fn`, recording the first value of everything it writes. */
  private journalled(fn: () => Completion, returns = false): Journal {
    const j = new Journal();
    this.journals.push(j);
    try {
      // A `return`, `break` or `continue` on one branch cannot be joined with the other (a
      // `return` may be, when the caller joins returns: `execBoth`).
      const c = fn();
      if (c !== undefined && this.probing > 0 && !(returns && c instanceof ReturnSignal))
        throw NOT_HARMLESS;
    } finally {
      this.journals.pop();
    }
    return j;
  }

  private readonly journals: Journal[] = [];

  private recordAttr(attrs: Map<string, Value>, key: string): void {
    for (const j of this.journals) j.attr(attrs, key);
  }
  private recordArray(items: Value[]): void {
    for (const j of this.journals) j.array(items);
  }
  private recordDict(d: Value & { k: 'dict' }): void {
    for (const j of this.journals) j.dict(d);
  }

  /** A method of a list or dict: harmless for `tryBoth`, its writes journalled. */
  private containerMethod(m: Value, record: () => void): Value {
    if (m.k !== 'builtin') return m;
    return {
      k: 'builtin',
      name: m.name,
      harmless: true,
      call: (args, kwargs, at) => {
        if (this.journals.length > 0) record();
        return m.call(args, kwargs, at);
      },
    };
  }

  /**
   * `while`. An unknown test: the loop runs once or twice more (a path each) and then stops. A
   * known true test (`while True:`): iterations run while the test says so, until one breaks or
   * returns, or until they reach a fixed point (loops.ts: an iteration adds no outcome and leaves
   * the state where the one before left it, counters widened). Past that point the path would
   * loop for ever, and its alternatives (a `break` at any iteration) are queued already: the
   * path ends as such a program does, by the interrupt that stops it (a `KeyboardInterrupt`,
   * which `finally`, `with` and `except KeyboardInterrupt:` see). The `else` block runs when
   * the test ends the loop.
   */
  private execWhile(s: Extract<Stmt, { kind: 'While' }>, env: Env): Completion {
    let watch: LoopWatch | null = null;
    for (let i = 0; i < this.maxLoop; i++) {
      const t = truthy(this.eval(s.test, env));
      if (t === false) return this.execBlock(s.orelse, env);
      // A test not known from the start, and a body that only does bookkeeping (`while not
      // text: text = input()`): the body runs once on this path, what it writes unknown after.
      if (
        t === undefined &&
        i === 0 &&
        this.language === 'python' &&
        this.tryOnce(s, env, () => undefined)
      )
        return this.execBlock(s.orelse, env);
      if (t === undefined && (i >= 2 || this.choose(2, s) === 1))
        return this.execBlock(s.orelse, env);
      // Library code always ends; a test that can end the loop is given a few iterations first.
      const watched =
        t === true && !this.inLibrary && (s.test.kind === 'Constant' || i >= WATCH_AFTER);
      if (watched) {
        // A probe (`tryBoth`) cannot undo what a watch widens, nor join a path that may end.
        if (this.probing > 0) throw NOT_HARMLESS;
        (watch ??= new LoopWatch(this, env, s.test)).start();
      }
      const c = this.execBlock(s.body, env);
      if (c === BREAK) return undefined;
      if (c instanceof ReturnSignal) return c;
      if (watched && (watch as LoopWatch).settled(i + 1))
        throw new PyRaise({ k: 'exception', cls: 'KeyboardInterrupt', message: '' });
      if (watched && (watch as LoopWatch).counted) {
        // Counting towards its bound and changing nothing else: one more iteration, its
        // counters unknown, stands for all the others (as a long `for` loop's widened one),
        // and the loop ends as its test would end it.
        this.assumptions++;
        try {
          const w = this.execBlock(s.body, env);
          if (w === BREAK) return undefined;
          if (w instanceof ReturnSignal) return w;
        } finally {
          this.assumptions--;
        }
        return this.execBlock(s.orelse, env);
      }
    }
    return undefined;
  }

  /** The id the next hole will get (holes made from now on are newer). */
  get holeCount(): number {
    return this.nextHole;
  }

  private execFor(s: Extract<Stmt, { kind: 'For' }>, env: Env): Completion {
    const iterable = this.eval(s.iter, env);
    const it = this.iterate(iterable);
    if (it) {
      // Every item of a sequence that exists runs (a list of a model's 4,000 variables was
      // cut at the unrolling bound, which made the rest of the program wrong); `range`s and
      // repeated lists longer than the bound are not made (their length is not known).
      let n = 0;
      let quiet = 0;
      let forking = 0;
      // A loop over the graph's own objects (`for v in tf.trainable_variables()`, a
      // collection's losses) picks among them by name, and what it keeps feeds the model (the
      // regularization losses of one network): every item runs, as the list is known.
      let overGraph: boolean | undefined;
      for (const item of it) {
        n++;
        const before = this.effects;
        const choicesBefore = this.choices;
        this.assign(s.target, item, env);
        const c = this.execBlock(s.body, env);
        if (c === BREAK) return undefined;
        if (c instanceof ReturnSignal) return c;
        quiet = this.effects === before ? quiet + 1 : 0;
        forking = this.choices !== choicesBefore ? forking + 1 : 0;
        // Only long loops of the program's own code: short ones (over a shape, a few layers)
        // compute values the code after them needs, and cost little; unless each iteration
        // forks (`if loss < best:` per epoch), which doubles the paths every iteration.
        if (
          quiet >= 2 &&
          n < it.length &&
          ((it.length > LONG_LOOP && !fillsContainers(s)) || forking >= 2) &&
          !this.inLibrary &&
          !(overGraph ??= it.every(isGraphObject))
        ) {
          const w = this.widenedIteration(s, env, item);
          if (w === BREAK) return undefined;
          if (w instanceof ReturnSignal) return w;
          break;
        }
      }
      return this.execBlock(s.orelse, env);
    }
    // Unknown length: once or twice (a path each), the loop variable a new hole per iteration;
    // a body that only does bookkeeping runs once on this path instead.
    if (
      this.language === 'python' &&
      this.tryOnce(s, env, () =>
        this.assign(s.target, this.symbolicItem(iterable, 0, s.target), env),
      )
    )
      return this.execBlock(s.orelse, env);
    const times = 1 + this.choose(2, s);
    for (let k = 0; k < times; k++) {
      this.assign(s.target, this.symbolicItem(iterable, k, s.target), env);
      const c = this.execBlock(s.body, env);
      if (c === BREAK) return undefined;
      if (c instanceof ReturnSignal) return c;
    }
    return this.execBlock(s.orelse, env);
  }

  /**
   * The rest of a loop over a known sequence whose last two iterations changed nothing TF
   * knows (a training loop of 200 epochs that runs the session and logs): one more iteration,
   * standing for all the others, with the loop variable and everything the body assigns not
   * known (so a branch on the epoch forks), its outcomes possible. Unrolling every iteration
   * spent the step budget on iterations that could only repeat the ones before.
   */
  private widenedIteration(s: Extract<Stmt, { kind: 'For' }>, env: Env, last: Value): Completion {
    // Through `assign`, so that a probe around the loop journals these writes too.
    for (const target of loopTargets(s)) {
      if (target.kind === 'Name')
        this.assign(target, { k: 'unknown', hole: this.hole(target.id) }, env);
      else if (target.kind === 'Attribute' && target.value.kind === 'Name')
        this.assign(target, { k: 'unknown', hole: this.hole(target.attr) }, env);
    }
    const label = s.target.kind === 'Name' ? s.target.id : '?';
    const next: Value =
      last.k === 'int' && !last.hole
        ? { k: 'unknown', hole: this.hole(label), lo: last.v + 1 }
        : { k: 'unknown', hole: this.hole(label) };
    this.assign(s.target, next, env);
    this.assumptions++;
    try {
      const c = this.execBlock(s.body, env);
      return c === CONTINUE ? undefined : c;
    } finally {
      this.assumptions--;
    }
  }

  /**
   * Calls of TF APIs (builtins that are not harmless), ops named and TF contexts entered: what
   * may change TF's state. A loop iteration that leaves it as it was changed nothing TF knows.
   */
  private effects = 0;
  /** Choices this path made (`choose`): a loop whose iterations keep forking is costly. */
  private choices = 0;

  /** Iteration `k` (0 or 1) of a sequence of unknown length, labelled after the target. */
  symbolicItem(seq: Value, k: number, target: Expr | null): Value {
    const label = target && target.kind === 'Name' ? target.id : '?';
    if (seq.k === 'object' && seq.kind === 'range') {
      const start = seq.attrs.get('start') as Value;
      const step = seq.attrs.get('step') as Value;
      if (start.k === 'int' && step.k === 'int' && step.v > 0) {
        return k === 0
          ? { k: 'int', v: start.v, hole: this.hole(label) }
          : { k: 'unknown', hole: this.hole(label), lo: start.v + step.v };
      }
      return { k: 'unknown', hole: this.hole(label) };
    }
    if (seq.k === 'object' && seq.kind === 'enumerate') {
      const labels =
        target && (target.kind === 'Tuple' || target.kind === 'List') ? target.elts : [];
      const iLabel = labels[0]?.kind === 'Name' ? labels[0].id : 'i';
      const index: Value =
        k === 0
          ? { k: 'int', v: 0, hole: this.hole(iLabel) }
          : { k: 'unknown', hole: this.hole(iLabel), lo: 1 };
      const inner = seq.attrs.get('inner') as Value;
      return { k: 'tuple', items: [index, this.symbolicItem(inner, k, labels[1] ?? null)] };
    }
    if (seq.k === 'object' && seq.kind === 'zip') {
      const parts = seq.attrs.get('parts') as Value & { k: 'tuple' };
      const labels =
        target && (target.kind === 'Tuple' || target.kind === 'List') ? target.elts : [];
      return {
        k: 'tuple',
        items: parts.items.map((p, i) => {
          const known = this.iterate(p);
          if (known) return known[k] ?? UNKNOWN_VALUE;
          return this.symbolicItem(p, k, labels[i] ?? null);
        }),
      };
    }
    return { k: 'unknown', hole: this.hole(label) };
  }

  private execWith(
    items: Extract<Stmt, { kind: 'With' }>['items'],
    i: number,
    body: readonly Stmt[],
    env: Env,
  ): Completion {
    if (i === items.length) return this.execBlock(body, env);
    const ctx = this.eval(items[i].context, env);
    if (ctx.k === 'instance' && this.classLookup(ctx.cls, '__enter__')) {
      const entered = this.callValue(
        this.attribute(ctx, '__enter__'),
        [],
        NO_KWARGS,
        items[i].context,
      );
      if (items[i].asName) this.assign(items[i].asName as Expr, entered, env);
      let raised: PyRaise | null = null;
      try {
        return this.execWith(items, i + 1, body, env);
      } catch (e) {
        if (e instanceof PyRaise) raised = e;
        throw e;
      } finally {
        const exit = this.attribute(ctx, '__exit__');
        const exc: Value[] = raised
          ? [{ k: 'exctype', cls: raised.exc.cls }, raised.exc, NONE]
          : [NONE, NONE, NONE];
        this.callValue(exit, exc, NO_KWARGS, items[i].context);
      }
    }
    if (ctx.k !== 'context') {
      // `with open(path) as f:` binds the file itself.
      const entered = ctx.k === 'object' && ctx.kind === 'file' ? ctx : UNKNOWN_VALUE;
      if (items[i].asName) this.assign(items[i].asName as Expr, entered, env);
      return this.execWith(items, i + 1, body, env);
    }
    if (this.probing > 0) throw NOT_HARMLESS;
    this.effects++;
    const entered = this.guardTf(() => ctx.enter());
    if (items[i].asName) this.assign(items[i].asName as Expr, entered, env);
    try {
      return this.execWith(items, i + 1, body, env);
    } finally {
      ctx.exit();
    }
  }

  private execTry(s: Extract<Stmt, { kind: 'Try' }>, env: Env): Completion {
    let c: Completion;
    try {
      try {
        this.tryDepth++;
        try {
          c = this.execBlock(s.body, env);
        } finally {
          this.tryDepth--;
        }
      } catch (e) {
        if (!(e instanceof PyRaise)) throw e;
        const handler = s.handlers.find((h) => this.matches(h.type, e.exc, env));
        if (!handler) throw e;
        for (const event of e.events) event.handled = true;
        if (handler.name) env.set(handler.name, e.exc);
        return (c = this.execBlock(handler.body, env));
      }
      if (!c) c = this.execBlock(s.orelse, env);
      return c;
    } finally {
      // A return/break/continue in `finally` replaces the outcome (and any exception).
      const f = this.execBlock(s.finalbody, env);
      // eslint-disable-next-line no-unsafe-finally -- Python's semantics
      if (f) return f;
    }
  }

  private matches(type: Expr | null, exc: Value & { k: 'exception' }, env: Env): boolean {
    // The interrupt that stops an endless loop (execWhile) is no Exception; in JavaScript it
    // ends the process, so no catch sees it.
    const interrupt = exc.cls === 'KeyboardInterrupt';
    if (interrupt && this.language === 'typescript') return false;
    if (type === null) return true;
    const t = this.eval(type, env);
    const classes = t.k === 'tuple' ? t.items : [t];
    return classes.some((c) => {
      if (c.k === 'unknown') return true; // an exception class we do not know may match
      if (c.k !== 'exctype') return false;
      if (c.cls === 'BaseException') return true;
      if (c.cls === 'Exception' || c.cls === 'Error') return !interrupt;
      return c.cls === exc.cls;
    });
  }

  /**
   * `a, b = 1, 2, 3`: a tuple or list written out on the right has a count the analyzer knows
   * for sure, so a target list it does not fit raises Python's ValueError, as the program would.
   * (A list built elsewhere may be short of the program's; `assign` leaves such targets unknown.)
   */
  private checkUnpack(targets: readonly Expr[], value: Expr & { kind: 'Tuple' | 'List' }): void {
    if (value.elts.some((e) => e.kind === 'Starred')) return;
    const got = value.elts.length;
    for (const t of targets) {
      if (t.kind !== 'Tuple' && t.kind !== 'List') continue;
      const starred = t.elts.filter((e) => e.kind === 'Starred').length;
      if (starred > 1) continue;
      const need = t.elts.length - starred;
      const message =
        starred === 1
          ? got < need
            ? `not enough values to unpack (expected at least ${need}, got ${got})`
            : undefined
          : got < need
            ? `not enough values to unpack (expected ${need}, got ${got})`
            : got > need
              ? `too many values to unpack (expected ${need})`
              : undefined;
      if (message) throw new PyRaise({ k: 'exception', cls: 'ValueError', message });
    }
  }

  assign(target: Expr, v: Value, env: Env): void {
    switch (target.kind) {
      case 'Name':
        if (this.journals.length > 0 && env.isGlobal(target.id))
          this.recordAttr(env.moduleVars(), target.id);
        env.assign(target.id, this.named(v, target.id));
        return;
      case 'Tuple':
      case 'List':
        this.assignSequence(target, v, env);
        return;
      case 'Attribute': {
        const obj = this.eval(target.value, env);
        if (obj.k === 'instance' || obj.k === 'class' || obj.k === 'object') {
          if (this.journals.length > 0) this.recordAttr(obj.attrs, target.attr);
          obj.attrs.set(target.attr, v);
        } else if (obj.k === 'dict') {
          if (this.journals.length > 0) this.recordDict(obj);
          setEntry(obj, { k: 'str', v: target.attr }, v);
        }
        return;
      }
      case 'Subscript': {
        const obj = this.eval(target.value, env);
        if (target.index.kind === 'Slice' && obj.k === 'list') {
          this.assignSlice(obj, target.index, v, env);
          return;
        }
        const key = this.eval(target.index, env);
        if (obj.k === 'dict') {
          if (this.journals.length > 0) this.recordDict(obj);
          setEntry(obj, key, v);
        } else if (obj.k === 'list' && key.k === 'int') {
          const idx = key.v < 0 ? obj.items.length + key.v : key.v;
          if (idx >= 0 && idx < obj.items.length) {
            if (this.journals.length > 0) this.recordArray(obj.items);
            obj.items[idx] = v;
          }
        }
        return;
      }
      default:
        return;
    }
  }

  /**
   * `a, b = v` and `a, *rest = v`. Apart from `assign`, and without closures: a closure there
   * would make V8 allocate a context on every assignment.
   */
  private assignSequence(
    target: Extract<Expr, { kind: 'Tuple' | 'List' }>,
    v: Value,
    env: Env,
  ): void {
    const seq = this.tupleItems.get(v) ?? v;
    const items = seq.k === 'tuple' || seq.k === 'list' ? seq.items : null;
    const elts = target.elts;
    const n = elts.length;
    let star = -1;
    for (let i = 0; i < n; i++) {
      if (elts[i].kind === 'Starred') {
        star = i;
        break;
      }
    }
    for (let i = 0; i < n; i++) {
      const t = elts[i];
      if (t.kind === 'Starred') {
        const rest: Value =
          items && items.length >= n - 1
            ? { k: 'list', items: items.slice(i, items.length - (n - 1 - i)) }
            : UNKNOWN_VALUE;
        this.assign(t.value, rest, env);
        continue;
      }
      // Too few or too many values raise ValueError in Python; a list the analyzer built may be
      // short of the program's (a loop over something unknown), so a count that does not fit
      // leaves the targets unknown instead of ending the path.
      const fits = items !== null && (star >= 0 ? items.length >= n - 1 : items.length === n);
      const idx = star >= 0 && i > star && items ? items.length - (n - i) : i;
      this.assign(t, fits && items ? items[idx] : UNKNOWN_VALUE, env);
    }
  }

  /**
   * `items[lo:hi] = seq`: the slice replaced by `seq`'s items. A sequence not known gives one or
   * two items (a path each, as `extend` does); bounds not known, or a step, leave no length the
   * analyzer can tell, so the list's items after the lower bound are unknown.
   */
  private assignSlice(
    list: Value & { k: 'list' },
    slice: Extract<Expr, { kind: 'Slice' }>,
    v: Value,
    env: Env,
  ): void {
    const bound = (x: Expr | null) => (x ? this.eval(x, env) : NONE);
    const num = (x: Value) => (x.k === 'int' && !x.hole ? x.v : x.k === 'none' ? undefined : NaN);
    const [a, b, c] = [bound(slice.lower), bound(slice.upper), bound(slice.step)].map(num);
    if (this.journals.length > 0) this.recordArray(list.items);
    const n = list.items.length;
    const at = (x: number | undefined, dflt: number) =>
      x === undefined ? dflt : Math.min(Math.max(x < 0 ? n + x : x, 0), n);
    if (Number.isNaN(a) || Number.isNaN(b) || c !== undefined) {
      // Where the slice starts is all that is known, at best: nothing after it is.
      const from = Number.isNaN(a) ? 0 : at(a, 0);
      for (let i = from; i < n; i++) list.items[i] = { k: 'unknown', hole: this.hole('item') };
      return;
    }
    const lo = at(a, 0);
    const hi = Math.max(at(b, n), lo);
    let items = this.iterate(v);
    if (!items) {
      const times = 1 + this.choose(2, slice);
      items = [];
      for (let k = 0; k < times; k++) items.push(this.symbolicItem(v, k, null));
    }
    list.items.splice(lo, hi - lo, ...items);
  }

  // -- expressions -----------------------------------------------------------------------------

  eval(e: Expr, env: Env): Value {
    this.tick();
    switch (e.kind) {
      case 'Constant': {
        // Scalars are immutable: each literal's value is made once per process.
        let c = CONSTANTS.get(e);
        if (c === undefined) CONSTANTS.set(e, (c = constantValue(e)));
        return c;
      }
      case 'Name':
        return env.lookup(e.id) ?? UNKNOWN_VALUE;
      case 'Attribute': {
        const obj = this.eval(e.value, env);
        if (obj.k === 'module' && obj.path === 'tf-top' && TF1_ONLY.has(e.attr))
          this.noteTf2TopLevel(obj, e);
        return this.attribute(obj, e.attr);
      }
      case 'Call':
        return this.call(e, env);
      case 'List':
      case 'Tuple':
      case 'Set': {
        const items: Value[] = [];
        for (const x of e.elts) {
          if (x.kind === 'Starred') {
            const inner = this.iterate(this.eval(x.value, env));
            if (!inner) return UNKNOWN_VALUE;
            items.push(...inner);
          } else items.push(this.eval(x, env));
        }
        if (e.kind === 'Set') return makeSet(items);
        return e.kind === 'Tuple' ? { k: 'tuple', items } : { k: 'list', items };
      }
      case 'Dict': {
        const entries: Array<[Value, Value]> = [];
        for (let i = 0; i < e.keys.length; i++) {
          const key = e.keys[i];
          const value = this.eval(e.values[i], env);
          if (key) setEntries(entries, this.eval(key, env), value);
          else if (value.k === 'dict')
            for (const [k, v] of value.entries) setEntries(entries, k, v);
          else return UNKNOWN_VALUE;
        }
        return { k: 'dict', entries };
      }
      case 'Lambda': {
        const fn: Value = {
          k: 'func',
          def: e,
          closure: env,
          name: '<lambda>',
          file: this.currentFile,
        };
        this.evalDefaults(fn, env);
        return fn;
      }
      case 'FString': {
        let out = '';
        for (const p of e.parts) {
          if (typeof p === 'string') out += p;
          else {
            const s = pyStr(this.named(this.eval(p.value, env), exprLabel(p.value)));
            if (s === undefined) return UNKNOWN_VALUE;
            out += s;
          }
        }
        return { k: 'str', v: out };
      }
      case 'BinOp':
        return this.binop(e.op, this.eval(e.left, env), this.eval(e.right, env), e);
      case 'UnaryOp': {
        const v = this.eval(e.operand, env);
        if (e.op === 'not') {
          const t = truthy(v);
          return t === undefined ? UNKNOWN_VALUE : t ? FALSE : TRUE;
        }
        if (e.op === '-' && (v.k === 'int' || v.k === 'float')) return { k: v.k, v: -v.v };
        if (e.op === '-' && isTensorLike(v)) {
          const t = tensorInfo(v);
          return withDeps(tensor(null, t.dtype, t.shape), depsOf(v), anyAssumed([v]));
        }
        if (e.op === '+' && (v.k === 'int' || v.k === 'float')) return v;
        if ((e.op === '-' || e.op === '+') && isNdarray(v)) return v;
        return UNKNOWN_VALUE;
      }
      case 'BoolOp': {
        let last: Value = UNKNOWN_VALUE;
        for (const x of e.values) {
          last = this.eval(x, env);
          const t = truthy(last);
          if (t === undefined) return UNKNOWN_VALUE;
          if (e.op === 'and' ? !t : t) return last;
        }
        return last;
      }
      case 'Compare': {
        let left = this.eval(e.left, env);
        for (let i = 0; i < e.ops.length; i++) {
          const right = this.eval(e.comparators[i], env);
          const op = e.ops[i];
          if (e.ops.length === 1 && ORDERING.has(op) && (isTensorLike(left) || isTensorLike(right)))
            // `x > 0` on a tensor: TF's `Greater` op (a bool tensor).
            return tensorBinop(this, op, left, right);
          if (op === 'in' || op === 'not in') {
            const r = this.contains(right, left);
            if (r === undefined) return UNKNOWN_VALUE;
            if (r !== (op === 'in')) return FALSE;
            left = right;
            continue;
          }
          const l = dimOperand(left);
          const rr = dimOperand(right);
          // TF 1.x: comparing an unknown Dimension gives None (falsy), not a bool.
          if ((l.k === 'dim' || rr.k === 'dim') && op !== 'is' && op !== 'is not') return NONE;
          const r = compare(op, l, rr);
          if (r === undefined) return UNKNOWN_VALUE;
          if (!r) return FALSE;
          left = right;
        }
        return TRUE;
      }
      case 'IfExp': {
        const t = truthy(this.eval(e.test, env));
        if (t === undefined) {
          const a = this.eval(e.body, env);
          const b = this.eval(e.orelse, env);
          return sameValue(a, b) ? a : UNKNOWN_VALUE;
        }
        return this.eval(t ? e.body : e.orelse, env);
      }
      case 'Subscript':
        return this.subscript(this.eval(e.value, env), e.index, env);
      case 'ListComp':
      case 'SetComp':
      case 'GeneratorExp':
      case 'DictComp':
        return this.evalComprehension(e, env);
      case 'FunctionExpr':
        return { k: 'func', def: e.def, closure: env, name: e.def.name, file: this.currentFile };
      default:
        return UNKNOWN_VALUE;
    }
  }

  /*
   * The two cases of `eval` that make closures live apart from it: a closure in `eval` would make
   * V8 allocate a context for `e`, `env` and `this` on every call of `eval`, which runs hundreds
   * of thousands of times per analysis.
   */

  private noteTf2TopLevel(
    obj: Extract<Value, { k: 'module' }>,
    e: Extract<Expr, { kind: 'Attribute' }>,
  ): void {
    // Once per file, on the import the hint is about (its code action rewrites it).
    if (!this.notes.some((n) => n.key === 'tf2TopLevel'))
      this.note('tf2TopLevel', obj.importedAt ?? e, { name: e.attr });
  }

  private evalComprehension(
    e: Extract<Expr, { kind: 'ListComp' | 'SetComp' | 'GeneratorExp' | 'DictComp' }>,
    env: Env,
  ): Value {
    if (e.kind !== 'DictComp')
      return this.comprehension(e.generators, env, (inner) => this.eval(e.elt, inner), 'list');
    return this.comprehension(
      e.generators,
      env,
      (inner) => ({ k: 'tuple', items: [this.eval(e.key, inner), this.eval(e.value, inner)] }),
      'dict',
    );
  }

  /** `x in seq`: undefined when not known. */
  private contains(seq: Value, x: Value): boolean | undefined {
    if (isVagueSet(seq)) return undefined;
    if (seq.k === 'str' && x.k === 'str') {
      if (seq.v.includes('\u0001') || x.v.includes('\u0001')) return undefined;
      return seq.v.includes(x.v);
    }
    // `v in var_list` runs over every variable of a big model: no allocation per item.
    if (seq.k === 'list' || seq.k === 'tuple') return memberOf(seq.items, x);
    if (seq.k !== 'dict') return undefined;
    if (x.k === 'variable' && seq.entries.length >= INDEXED_FROM) {
      const ix = variableIndex(seq.entries);
      if (ix) return ix.has(x.v);
    }
    let unknown = false;
    for (const [k] of seq.entries) {
      const r = k === x ? true : equalsFast(k, x);
      if (r === true) return true;
      if (r === undefined) unknown = true;
    }
    return unknown ? undefined : false;
  }

  private subscript(v: Value, index: Expr, env: Env): Value {
    v = this.tupleItems.get(v) ?? v;
    if (v.k === 'tshape') {
      if (index.kind === 'Slice') {
        const b = (x: Expr | null) => (x ? this.eval(x, env) : NONE);
        const [lo, hi, st] = [b(index.lower), b(index.upper), b(index.step)];
        const n = (x: Value) => (x.k === 'int' ? x.v : x.k === 'none' ? undefined : NaN);
        if ([lo, hi].some((x) => Number.isNaN(n(x))) || st.k !== 'none') return UNKNOWN_VALUE;
        return tshapeIndex(v, { lo: n(lo), hi: n(hi) });
      }
      return tshapeIndex(v, this.eval(index, env));
    }
    if (isTensorLike(v)) {
      // Slicing a tensor (`x[:, 0]`, `x[..., :3]`, `x[:, None]`): TF's `strided_slice`.
      const items: SliceItem[] = [];
      const inputs: Value[] = [v];
      let listIndex = false;
      const bound = (x: Expr | null): SliceBound => {
        if (!x) return null;
        const b = this.eval(x, env);
        inputs.push(b);
        return sliceBound(b);
      };
      const add = (b: Value): void => {
        if (b.k === 'none') items.push({ kind: 'newaxis' });
        else if (b.k === 'list' || b.k === 'tuple' || b.k === 'str' || b.k === 'float')
          listIndex = true;
        else items.push({ kind: 'index', at: sliceBound(b) });
      };
      const item = (p: Expr): void => {
        if (p.kind === 'Slice') {
          const begin = bound(p.lower);
          const end = bound(p.upper);
          items.push({ kind: 'slice', begin, end, step: bound(p.step) });
        } else if (p.kind === 'Constant' && p.pyType === 'Ellipsis')
          items.push({ kind: 'ellipsis' });
        else {
          const b = this.eval(p, env);
          inputs.push(b);
          add(b);
        }
      };
      if (index.kind === 'Tuple') index.elts.forEach(item);
      else if (index.kind === 'Slice' || index.kind === 'Constant') item(index);
      else {
        // `x[[0, 1]]`: TF 1.15 takes a list as the tuple of indices (`x[0, 1]`).
        const whole = this.eval(index, env);
        inputs.push(whole);
        if (whole.k === 'list' || whole.k === 'tuple') whole.items.forEach(add);
        else add(whole);
      }
      // A nested list, a str or a float index is TF 1.15's TypeError: not followed here.
      const out = listIndex
        ? tensor(null, tensorInfo(v).dtype, UNKNOWN as never)
        : stridedSlice(this, v, items);
      return withDeps(out, unionDeps(inputs), anyAssumed(inputs));
    }
    if (v.k === 'str' && index.kind !== 'Slice' && !v.v.includes('\u0001')) {
      const i = this.eval(index, env);
      if (i.k !== 'int') return UNKNOWN_VALUE;
      const c = v.v[i.v < 0 ? v.v.length + i.v : i.v];
      return c === undefined ? UNKNOWN_VALUE : str(c);
    }
    if (index.kind === 'Slice') {
      const items = v.k === 'list' || v.k === 'tuple' ? v.items : null;
      const bound = (x: Expr | null) => (x ? this.eval(x, env) : NONE);
      const [lo, hi, st] = [bound(index.lower), bound(index.upper), bound(index.step)];
      const num = (x: Value) => (x.k === 'int' ? x.v : x.k === 'none' ? undefined : NaN);
      const [a, b, c] = [num(lo), num(hi), num(st)];
      if (v.k === 'str' && !v.v.includes('\u0001') && c === undefined) {
        if (Number.isNaN(a) || Number.isNaN(b)) return UNKNOWN_VALUE;
        return { k: 'str', v: v.v.slice(a, b) };
      }
      if (!items || Number.isNaN(a) || Number.isNaN(b) || (c !== undefined && c !== 1))
        return UNKNOWN_VALUE;
      return { k: v.k as 'list', items: items.slice(a, b) };
    }
    const i = this.eval(index, env);
    if ((v.k === 'list' || v.k === 'tuple') && i.k === 'int') {
      const idx = i.v < 0 ? v.items.length + i.v : i.v;
      return v.items[idx] ?? UNKNOWN_VALUE;
    }
    if (v.k === 'dict') {
      const found = v.entries[entryIndex(v.entries, i)];
      return found ? found[1] : UNKNOWN_VALUE;
    }
    return UNKNOWN_VALUE;
  }

  /**
   * A comprehension: every element is evaluated (its `get_variable` calls happen); the result is
   * known only when every generator's sequence and condition is.
   */
  private comprehension(
    generators: Extract<Expr, { kind: 'ListComp' }>['generators'],
    env: Env,
    element: (inner: Env) => Value,
    kind: 'list' | 'dict',
  ): Value {
    const out: Value[] = [];
    let exact = true;
    const scope = new Env(env);
    const loop = (g: number): void => {
      if (g === generators.length) {
        out.push(element(scope));
        return;
      }
      const gen = generators[g];
      const seq = this.eval(gen.iter, g === 0 ? env : scope);
      let items = this.iterate(seq);
      if (!items) {
        exact = false;
        items = [this.symbolicItem(seq, 0, gen.target)];
      }
      for (const item of items) {
        this.assign(gen.target, item, scope);
        let keep: boolean | undefined = true;
        for (const cond of gen.ifs) {
          keep = truthy(this.eval(cond, scope));
          if (keep !== true) break;
        }
        if (keep === false) continue;
        if (keep === undefined) exact = false;
        loop(g + 1);
      }
    };
    loop(0);
    if (!exact) return UNKNOWN_VALUE;
    if (kind === 'dict') {
      const entries: Array<[Value, Value]> = [];
      for (const t of out) if (t.k === 'tuple') setEntries(entries, t.items[0], t.items[1]);
      return { k: 'dict', entries };
    }
    return { k: 'list', items: out };
  }

  binop(op: string, a0: Value, b0: Value, at?: Expr): Value {
    // A Dimension computes as its int; TF's unknown Dimension stays unknown (`None` propagates).
    const a = dimOperand(a0);
    const b = dimOperand(b0);
    if (a.k === 'dim' || b.k === 'dim') {
      const other = a.k === 'dim' ? b : a;
      return other.k === 'int' || other.k === 'dim' ? { k: 'dim', v: null } : UNKNOWN_VALUE;
    }
    if (isTensorLike(a) || isTensorLike(b)) return tensorBinop(this, op, a, b);
    if (isNdarray(a) || isNdarray(b)) return ndarrayBinop(op, a, b);
    if ((a.k === 'unknown' && a.deps) || (b.k === 'unknown' && b.deps)) {
      // Arithmetic on what a TF op returned (`5e-4 * tf.nn.l2_loss(w)`): an op of both.
      const deps = unionDeps([a, b]);
      return deps === undefined ? UNKNOWN_VALUE : { k: 'unknown', deps };
    }
    if (a.k === 'list' && b.k === 'list' && a.set && b.set) {
      const how = SET_OPERATORS[op];
      if (how) return setAlgebra(how, a, b);
    }
    if (op === '+') {
      if (a.k === 'str' && b.k === 'str') return { k: 'str', v: a.v + b.v };
      if ((a.k === 'list' || a.k === 'tuple') && a.k === b.k)
        return { k: a.k, items: [...a.items, ...b.items] } as Value;
      // JavaScript's `+` turns the other operand into a string.
      if (this.language === 'typescript' && (a.k === 'str' || b.k === 'str')) {
        const x = pyStr(a.k === 'str' ? a : this.named(a, at ? exprLabel(left(at)) : '?'));
        const y = pyStr(b.k === 'str' ? b : this.named(b, at ? exprLabel(right(at)) : '?'));
        if (x === undefined || y === undefined) return UNKNOWN_VALUE;
        return { k: 'str', v: jsStr(a, x) + jsStr(b, y) };
      }
    }
    if (op === '%' && a.k === 'str') {
      const args = b.k === 'tuple' ? b.items : [b];
      const labels =
        at && at.kind === 'BinOp'
          ? at.right.kind === 'Tuple'
            ? at.right.elts.map(exprLabel)
            : [exprLabel(at.right)]
          : [];
      let i = 0;
      let ok = true;
      const out = a.v.replace(/%(?:\.\d+)?[sdrif%]/g, (m) => {
        if (m === '%%') return '%';
        const label = labels[i] ?? '?';
        const arg = this.named(args[i++] ?? UNKNOWN_VALUE, label);
        const s = m.endsWith('f') && arg.k !== 'unknown' ? undefined : pyStr(arg);
        if (s === undefined) ok = false;
        return s ?? '';
      });
      return ok ? { k: 'str', v: out } : UNKNOWN_VALUE;
    }
    if (op === '*' && (a.k === 'list' || a.k === 'tuple') && b.k === 'int') {
      const items: Value[] = [];
      // Longer than the unrolling bound, its length is not known (as a long `range`'s).
      if (b.v * a.items.length > this.maxLoop) return UNKNOWN_VALUE;
      for (let i = 0; i < b.v; i++) items.push(...a.items);
      return { k: a.k, items } as Value;
    }
    if ((a.k === 'int' || a.k === 'float') && (b.k === 'int' || b.k === 'float')) {
      const isInt = a.k === 'int' && b.k === 'int';
      const x = a.v;
      const y = b.v;
      switch (op) {
        case '+':
          return { k: isInt ? 'int' : 'float', v: x + y };
        case '-':
          return { k: isInt ? 'int' : 'float', v: x - y };
        case '*':
          return { k: isInt ? 'int' : 'float', v: x * y };
        case '/':
          if (y === 0) return UNKNOWN_VALUE;
          return this.language === 'typescript' && Number.isInteger(x / y)
            ? { k: 'int', v: x / y }
            : { k: 'float', v: x / y };
        case '//':
          return y === 0 ? UNKNOWN_VALUE : { k: isInt ? 'int' : 'float', v: Math.floor(x / y) };
        case '%':
          return y === 0 ? UNKNOWN_VALUE : { k: isInt ? 'int' : 'float', v: ((x % y) + y) % y };
        case '**':
          return { k: isInt && y >= 0 ? 'int' : 'float', v: x ** y };
      }
    }
    // A counter known to be at least `lo` stays so when a non-negative number is added.
    if (op === '+' && a.k === 'unknown' && a.lo !== undefined && b.k === 'int' && b.v >= 0)
      return { k: 'unknown', lo: a.lo + b.v };
    return UNKNOWN_VALUE;
  }

  iterate(v: Value): Value[] | null {
    v = this.tupleItems.get(v) ?? v;
    // A set's order is not known: what depends on it (a loop, `list(s)`) is not either.
    if (v.k === 'list' && v.set && v.items.length > 1) return null;
    return this.members(v);
  }

  /** `set(iterable)`: the distinct items of `iterable` (an empty set without one). */
  private newSet(iterable: Value | undefined): Value {
    if (!iterable) return { k: 'list', items: [], set: true };
    const items = this.members(iterable);
    return items ? makeSet(items) : UNKNOWN_VALUE;
  }

  /** The items of `v` in any order (a set's too): for what the order cannot change. */
  members(v: Value): Value[] | null {
    v = this.tupleItems.get(v) ?? v;
    if (isVagueSet(v)) return null;
    if (v.k === 'list' || v.k === 'tuple') return [...v.items];
    if (v.k === 'tshape') return tshapeItems(v);
    if (v.k === 'str') return v.v.includes('\u0001') ? null : [...v.v].map((c) => str(c));
    if (v.k === 'dict') return v.entries.map(([k]) => k);
    // PartitionedVariable.__iter__: its parts, in order (the layers' add_weight tracks them).
    if (v.k === 'partitioned' && v.v.parts.length > 0)
      return v.v.parts.map((part): Value => ({ k: 'variable', v: part }));
    return null;
  }

  attribute(v: Value, attr: string): Value {
    // The commonest cases, in a function that makes no closure (`attributeOf` makes several, and
    // V8 would allocate their context on every call, as for `eval`).
    if (v.k === 'module') return this.moduleAttr(v, attr);
    if (v.k === 'instance') {
      const own = v.attrs.get(attr);
      if (own !== undefined) return own;
    }
    return this.attributeOf(v, attr);
  }

  private moduleAttr(v: Extract<Value, { k: 'module' }>, attr: string): Value {
    if (v.env) return v.env.vars.get(attr) ?? UNKNOWN_VALUE;
    if (v.path === 'engine') return engineAttr(this, attr);
    if (v.path.startsWith('tf.')) {
      const ns = v.path.slice(3);
      if (ns === 'compat' && attr === 'v1') return { k: 'module', path: 'tf' };
      return this.tfMemberOnce(ns, attr);
    }
    if (attr === 'v1') return { k: 'module', path: 'tf' };
    if (attr === 'compat') return { k: 'module', path: 'tf.compat' };
    return this.tfMemberOnce('', attr);
  }

  private attributeOf(v: Value, attr: string): Value {
    // `s.__contains__(x)` (UGATIT's `gan_type.__contains__('wgan')`): `x in s`.
    if (
      attr === '__contains__' &&
      (v.k === 'str' || v.k === 'list' || v.k === 'tuple' || v.k === 'dict')
    )
      return {
        k: 'builtin',
        name: attr,
        harmless: true,
        call: (args) => {
          const r = args.length === 1 ? this.contains(v, args[0]) : undefined;
          return r === undefined ? UNKNOWN_VALUE : { k: 'bool', v: r };
        },
      };
    switch (v.k) {
      case 'module':
        return this.moduleAttr(v, attr);
      case 'scope':
        return this.scopeAttr(v, attr);
      case 'variable':
        if (attr === 'name') return str(`${v.v.opName}:0`);
        if (attr === 'op') return this.variableOp(v.v);
        if (attr === 'graph') return defaultGraph(this);
        if (attr === 'trainable') return { k: 'bool', v: v.v.trainable };
        return variableTensorAttr(v, attr) ?? UNKNOWN_VALUE;
      case 'exception':
        if (attr === 'message') return str(v.message);
        return UNKNOWN_VALUE;
      case 'instance': {
        const own = v.attrs.get(attr);
        if (own !== undefined) return own;
        if (attr === '__class__') return v.cls;
        const found = this.classLookup(v.cls, attr);
        if (found && found.k === 'func') return this.bind(found, v);
        if (found && found.k === 'object') {
          const fget = found.attrs.get('fget');
          if (found.kind === 'property' && fget) return this.callValue(fget, [v], NO_KWARGS, null);
          if (found.kind === 'staticmethod' && fget) return fget;
          if (found.kind === 'classmethod' && fget && fget.k === 'func')
            return this.bind(fget, v.cls);
          if (found.kind === 'classmethod' && fget && fget.k === 'builtin') {
            const cls = v.cls;
            return builtin(fget.name, (args, kwargs, at) => fget.call([cls, ...args], kwargs, at));
          }
        }
        return found ?? { k: 'unknown', hole: this.hole(attr) };
      }
      case 'class': {
        if (attr === '__name__') return str(v.name);
        const found = this.classLookup(v, attr);
        if (found && found.k === 'object' && found.kind === 'classmethod') {
          const fget = found.attrs.get('fget');
          if (fget && fget.k === 'func') return this.bind(fget, v);
          if (fget && fget.k === 'builtin')
            return builtin(fget.name, (args, kwargs, at) => fget.call([v, ...args], kwargs, at));
        }
        if (found && found.k === 'object' && found.kind === 'staticmethod')
          return found.attrs.get('fget') ?? UNKNOWN_VALUE;
        return found ?? UNKNOWN_VALUE;
      }
      case 'func':
        if (attr === '__name__') return str(v.name);
        return UNKNOWN_VALUE;
      case 'builtin':
        if (attr === '__name__') return str(v.name.split('.').pop() ?? v.name);
        if (v.name === 'tuple' && attr === '__new__')
          // `tuple.__new__(Cls, items)` in a tuple subclass's `__new__` (a namedtuple-like class).
          return builtin('tuple.__new__', (args) => {
            const cls = args[0];
            const items = args[1] ? this.iterate(args[1]) : [];
            if (!cls || cls.k !== 'class' || !items) return UNKNOWN_VALUE;
            const self: Value = { k: 'instance', cls, attrs: new Map() };
            this.tupleItems.set(self, { k: 'tuple', items });
            return self;
          });
        return UNKNOWN_VALUE;
      case 'context':
        // `cm.__enter__()` / `cm.__exit__(...)` called by hand (a library's own context class).
        if (attr === '__enter__') return builtin(attr, () => this.guardTf(() => v.enter()));
        if (attr === '__exit__')
          return builtin(attr, () => {
            v.exit();
            return NONE;
          });
        return UNKNOWN_VALUE;
      case 'tensor':
        return tensorAttr(this, v, attr);
      case 'tshape':
        return tshapeAttr(v, attr);
      case 'dim':
        return dimAttr(v, attr);
      case 'int':
        // Dimension-like reads on a plain int (TF 2-style shapes hold ints).
        if (attr === 'value') return v;
        return UNKNOWN_VALUE;
      case 'object':
        if (v.kind === 'super') return this.superAttr(v, attr);
        if (v.kind === 'ndarray') return ndarrayAttr(v, attr);
        if (v.kind === 'InitializerNamespace')
          return builtin(attr, () => ({ k: 'object', kind: 'Initializer', attrs: new Map() }));
        if (v.kind === 'Initializer' && attr === '__call__')
          return builtin(attr, (args, kwargs) => initializerCall(v, args, kwargs));
        return v.attrs.get(attr) ?? UNKNOWN_VALUE;
      case 'dict': {
        // TypeScript options objects: `opts.reuse`.
        if (this.language !== 'typescript')
          return this.containerMethod(this.dictMethod(v, attr), () => this.recordDict(v));
        const found = v.entries.find(([k]) => k.k === 'str' && k.v === attr);
        return found ? found[1] : NONE;
      }
      case 'list':
        return this.containerMethod(this.listMethod(v, attr), () => this.recordArray(v.items));
      case 'str': {
        const m = this.strMethod(v.v, attr);
        return m.k === 'builtin' ? { k: 'builtin', name: m.name, call: m.call, harmless: true } : m;
      }
      case 'unknown':
        if (v.dtype) return attr === 'base_dtype' || attr === 'real_dtype' ? v : UNKNOWN_VALUE;
        // What has a `dtype` in TF1 code (a tensor, a variable, an array) never has None.
        if (attr === 'dtype') return UNKNOWN_DTYPE;
        // `hparams.n_layer`: unknown, but formatted as `{n_layer}`. A TF namespace's member
        // stays TF's (`tf.foo.bar(x)` is an op of `x`).
        return v.tf
          ? { k: 'unknown', hole: this.hole(attr), tf: true }
          : { k: 'unknown', hole: this.hole(attr) };
      default:
        return UNKNOWN_VALUE;
    }
  }

  /** `list` methods that build the sequences loops run over (`layers.append(...)`). */
  private listMethod(v: Value & { k: 'list' }, attr: string): Value {
    if (v.set) return this.setMethod(v, attr);
    if (this.language === 'typescript') {
      const js = this.arrayMethod(v, attr);
      if (js) return js;
    }
    switch (attr) {
      case 'copy':
        return builtin(attr, () => ({ k: 'list', items: [...v.items] }));
      case 'append':
        return builtin(attr, (args) => {
          v.items.push(args[0] ?? UNKNOWN_VALUE);
          return NONE;
        });
      case 'extend':
        return builtin(attr, (args, _kw, at) => {
          const seq = args[0];
          const items = seq ? this.iterate(seq) : null;
          if (items) v.items.push(...items);
          else if (seq && at) {
            // A sequence not known (`count.extend(Counter(words).most_common(n))`): one or two
            // items (a path each), as a loop over it runs once or twice; the list is not left
            // as it was, which would give `len` a length TF's program never has.
            const times = 1 + this.choose(2, at);
            for (let k = 0; k < times; k++) v.items.push(this.symbolicItem(seq, k, null));
          }
          return NONE;
        });
      case 'insert':
        return builtin(attr, (args) => {
          const i = args[0];
          if (i && i.k === 'int') v.items.splice(i.v, 0, args[1] ?? UNKNOWN_VALUE);
          return NONE;
        });
      case 'pop':
        return builtin(attr, (args) => {
          const i = args[0] ?? { k: 'int', v: -1 };
          if (i.k !== 'int' || v.items.length === 0) return UNKNOWN_VALUE;
          const idx = i.v < 0 ? v.items.length + i.v : i.v;
          return v.items.splice(idx, 1)[0] ?? UNKNOWN_VALUE;
        });
      case 'index':
        return builtin(attr, (args) => {
          const idx = v.items.findIndex((x) => compare('==', x, args[0] ?? UNKNOWN_VALUE) === true);
          return idx >= 0 ? { k: 'int', v: idx } : UNKNOWN_VALUE;
        });
      default:
        return UNKNOWN_VALUE;
    }
  }

  /**
   * `set` methods. Those that make a set from others are unknown when an item's equality to
   * another is (a hole); those that change the set in place leave it unknown then too.
   */
  private setMethod(v: Value & { k: 'list' }, attr: string): Value {
    if (isVagueSet(v)) {
      // What it holds is not known: changing it leaves it so, and the rest is not known.
      const mutates = ['add', 'update', 'discard', 'remove', 'clear'].includes(attr);
      return mutates ? builtin(attr, () => NONE) : UNKNOWN_VALUE;
    }
    const operand = (args: Value[], i = 0): Value[] | null =>
      args[i] ? this.members(args[i]) : null;
    /** Replaces the set's items with `items` (deduplicated); false when that is not known. */
    const replace = (items: Value[] | null): Value => {
      const out = items && makeSet(items);
      if (!out || out.k !== 'list') {
        // Not known any more: neither its items nor its size (see `VAGUE_SET_ITEM`).
        v.items.splice(0, v.items.length, VAGUE_SET_ITEM);
        return NONE;
      }
      v.items.splice(0, v.items.length, ...out.items);
      return NONE;
    };
    const combine = (how: 'union' | 'intersection' | 'difference' | 'symmetric_difference') =>
      builtin(attr, (args) => {
        let acc: Value = v;
        for (let i = 0; i < Math.max(1, args.length); i++) {
          const other = args.length === 0 ? [] : operand(args, i);
          acc = other ? setAlgebra(how, acc, makeSet(other)) : UNKNOWN_VALUE;
          if (acc.k !== 'list') return UNKNOWN_VALUE;
        }
        return acc.k === 'list' ? { k: 'list', items: [...acc.items], set: true } : acc;
      });
    const test = (how: 'issubset' | 'issuperset' | 'isdisjoint') =>
      builtin(attr, (args) => {
        const other = operand(args);
        const r = other ? setRelation(how, v.items, other) : undefined;
        return r === undefined ? UNKNOWN_VALUE : { k: 'bool', v: r };
      });
    switch (attr) {
      case 'add':
        return builtin(attr, (args) => replace([...v.items, args[0] ?? UNKNOWN_VALUE]));
      case 'update':
        return builtin(attr, (args) => {
          const items = [...v.items];
          for (let i = 0; i < args.length; i++) {
            const more = operand(args, i);
            if (!more) return replace(null);
            items.push(...more);
          }
          return replace(items);
        });
      case 'discard':
      case 'remove':
        return builtin(attr, (args) => {
          const x = args[0] ?? UNKNOWN_VALUE;
          const kept: Value[] = [];
          let found: boolean | undefined = false;
          for (const item of v.items) {
            const r = item === x ? true : equalsFast(item, x);
            if (r === undefined) found = undefined;
            else if (r) found = found === undefined ? undefined : true;
            else kept.push(item);
          }
          if (found === undefined) return replace(null);
          if (!found && attr === 'remove')
            throw new PyRaise({ k: 'exception', cls: 'KeyError', message: pyRepr(x) ?? '' });
          return replace(kept);
        });
      case 'clear':
        return builtin(attr, () => replace([]));
      case 'copy':
        return builtin(attr, () => ({ k: 'list', items: [...v.items], set: true }));
      case 'union':
      case 'intersection':
      case 'difference':
      case 'symmetric_difference':
        return combine(attr);
      case 'issubset':
      case 'issuperset':
      case 'isdisjoint':
        return test(attr);
      default:
        return UNKNOWN_VALUE;
    }
  }

  /** JavaScript array members that drive engine code (`layers.forEach(...)`, `xs.length`). */
  private arrayMethod(v: Value & { k: 'list' }, attr: string): Value | null {
    const each = (fn: Value | undefined, at: Expr, collect: boolean): Value => {
      if (!fn) return UNKNOWN_VALUE;
      const out: Value[] = [];
      const items = [...v.items];
      for (let i = 0; i < items.length && i < this.maxLoop; i++) {
        const r = this.callValue(fn, [items[i], { k: 'int', v: i }, v], NO_KWARGS, at);
        if (collect) out.push(r);
      }
      return collect ? { k: 'list', items: out } : NONE;
    };
    switch (attr) {
      case 'length':
        return { k: 'int', v: v.items.length };
      case 'push':
        return builtin(attr, (args) => {
          v.items.push(...args);
          return { k: 'int', v: v.items.length };
        });
      case 'forEach':
        return builtin(attr, (args, _kw, at) => each(args[0], at, false));
      case 'map':
        return builtin(attr, (args, _kw, at) => each(args[0], at, true));
      case 'slice':
        return builtin(attr, (args) => {
          const a = args[0]?.k === 'int' ? args[0].v : 0;
          const b = args[1]?.k === 'int' ? args[1].v : undefined;
          return { k: 'list', items: v.items.slice(a, b) };
        });
      case 'concat':
        return builtin(attr, (args) => {
          const items = [...v.items];
          for (const a of args) items.push(...(this.iterate(a) ?? [a]));
          return { k: 'list', items };
        });
      default:
        return null;
    }
  }

  /** `dict` methods (`hparams.get('n_layer', 12)`, `.items()`, ...). */
  private dictMethod(v: Value & { k: 'dict' }, attr: string): Value {
    const find = (key: Value) => v.entries[entryIndex(v.entries, key)];
    switch (attr) {
      case 'copy':
        return builtin(attr, () => ({ k: 'dict', entries: v.entries.map(([k, x]) => [k, x]) }));
      case 'get':
        return builtin(attr, (args) => {
          const found = find(args[0] ?? UNKNOWN_VALUE);
          return found ? found[1] : (args[1] ?? NONE);
        });
      case 'keys':
        return builtin(attr, () => ({ k: 'list', items: v.entries.map(([k]) => k) }));
      case 'values':
        return builtin(attr, () => ({ k: 'list', items: v.entries.map(([, x]) => x) }));
      case 'items':
        return builtin(attr, () => ({
          k: 'list',
          items: v.entries.map(([k, x]) => ({ k: 'tuple', items: [k, x] }) as Value),
        }));
      case 'update':
        return builtin(attr, (args, kwargs) => {
          const other = args[0];
          if (other && other.k === 'dict') for (const [k, x] of other.entries) setEntry(v, k, x);
          for (const [k, x] of kwargs) setEntry(v, str(k), x);
          return NONE;
        });
      case 'setdefault':
        return builtin(attr, (args) => {
          const key = args[0] ?? UNKNOWN_VALUE;
          const found = find(key);
          if (found) return found[1];
          const value = args[1] ?? NONE;
          setEntry(v, key, value);
          return value;
        });
      case 'pop':
        return builtin(attr, (args) => {
          const key = args[0] ?? UNKNOWN_VALUE;
          const i = v.entries.findIndex(([k]) => compare('==', k, key) === true);
          if (i < 0) return args[1] ?? UNKNOWN_VALUE;
          forgetIndex(v.entries);
          return v.entries.splice(i, 1)[0][1];
        });
      default:
        return UNKNOWN_VALUE;
    }
  }

  /** The string methods names are built with; holes pass through. */
  private strMethod(s: string, attr: string): Value {
    const text = (x: Value | undefined) => (x ? pyStr(x) : undefined);
    const pattern = s.includes('\u0001');
    if (attr === 'length' && this.language === 'typescript')
      return pattern ? UNKNOWN_VALUE : { k: 'int', v: s.length };
    switch (attr) {
      case 'format':
        return builtin(attr, (args, kwargs, at) => {
          let auto = 0;
          let ok = true;
          const labels = at && at.kind === 'Call' ? at.args.map(exprLabel) : [];
          const out = s.replace(/\{\{|\}\}|\{([^{}:!]*)(?:[:!][^{}]*)?\}/g, (m, field: string) => {
            if (m === '{{') return '{';
            if (m === '}}') return '}';
            let v: Value | undefined;
            let label = field;
            if (field === '') {
              label = labels[auto] ?? '?';
              v = args[auto++];
            } else if (/^\d+$/.test(field)) {
              label = labels[Number(field)] ?? '?';
              v = args[Number(field)];
            } else v = kwargs.get(field);
            const t = text(v === undefined ? undefined : this.named(v, label));
            if (t === undefined) ok = false;
            return t ?? '';
          });
          return ok ? str(out) : UNKNOWN_VALUE;
        });
      case 'join':
        return builtin(attr, (args) => {
          const items = args[0] ? this.iterate(args[0]) : null;
          if (!items) return UNKNOWN_VALUE;
          const parts = items.map((x) => text(x));
          return parts.every((x) => x !== undefined) ? str(parts.join(s)) : UNKNOWN_VALUE;
        });
      case 'replace':
        return builtin(attr, (args) => {
          const [a, b] = [text(args[0]), text(args[1])];
          return a === undefined || b === undefined || pattern
            ? UNKNOWN_VALUE
            : str(s.split(a).join(b));
        });
      case 'lower':
      case 'upper':
      case 'strip':
      case 'rstrip':
      case 'lstrip':
      case 'title':
        return builtin(attr, (args) => {
          const chars = args[0] && args[0].k === 'str' ? args[0].v : null;
          if (chars !== null && !pattern && attr.endsWith('strip')) {
            // `s.lstrip('-')`: the given characters, from the left, the right or both ends.
            let lo = 0;
            let hi = s.length;
            if (attr !== 'rstrip') while (lo < hi && chars.includes(s[lo])) lo++;
            if (attr !== 'lstrip') while (hi > lo && chars.includes(s[hi - 1])) hi--;
            return str(s.slice(lo, hi));
          }
          if (pattern || args.length > 0) return UNKNOWN_VALUE;
          if (attr === 'lower') return str(s.toLowerCase());
          if (attr === 'upper') return str(s.toUpperCase());
          if (attr === 'strip') return str(s.trim());
          if (attr === 'rstrip') return str(s.trimEnd());
          if (attr === 'lstrip') return str(s.trimStart());
          return UNKNOWN_VALUE;
        });
      case 'split':
        return builtin(attr, (args) => {
          const sep = args[0] ? text(args[0]) : undefined;
          if (pattern || (args[0] && sep === undefined)) return UNKNOWN_VALUE;
          const parts = sep === undefined ? s.split(/\s+/).filter(Boolean) : s.split(sep);
          return { k: 'list', items: parts.map(str) };
        });
      case 'isupper':
      case 'islower':
      case 'isdigit':
      case 'isalpha':
      case 'isalnum':
        return builtin(attr, () => {
          if (pattern || s.length === 0) return pattern ? UNKNOWN_VALUE : { k: 'bool', v: false };
          const tests: Record<string, (x: string) => boolean> = {
            isupper: (x) => x !== x.toLowerCase() && x === x.toUpperCase(),
            islower: (x) => x !== x.toUpperCase() && x === x.toLowerCase(),
            isdigit: (x) => /^[0-9]+$/.test(x),
            isalpha: (x) => /^[A-Za-z]+$/.test(x),
            isalnum: (x) => /^[A-Za-z0-9]+$/.test(x),
          };
          return { k: 'bool', v: tests[attr](s) };
        });
      case 'startswith':
      case 'endswith':
        return builtin(attr, (args) => {
          const x = text(args[0]);
          if (x === undefined || pattern) return UNKNOWN_VALUE;
          return { k: 'bool', v: attr === 'startswith' ? s.startsWith(x) : s.endsWith(x) };
        });
      default:
        return UNKNOWN_VALUE;
    }
  }

  private scopeAttr(v: Value & { k: 'scope' }, attr: string): Value {
    const s = v.scope;
    switch (attr) {
      case 'name':
        return str(s.name);
      case 'original_name_scope':
      case 'originalNameScope':
        return str(s.originalNameScope);
      case 'reuse':
        return s.reuse === true || s.reuse === false
          ? { k: 'bool', v: s.reuse }
          : { k: 'object', kind: 'AUTO_REUSE', attrs: new Map() };
      case 'reuse_variables':
      case 'reuseVariables':
        return builtin('reuse_variables', (_a, _k, at) => {
          if (s === this.tf.scopes.root && at) this.note('rootReuseLeak', at, {});
          s.reuseVariables();
          const site = this.librarySite();
          this.tf.reuseOrigins.set(s, {
            kind: 'reuse_variables',
            at: site ? site.at : at,
            file: site ? site.file : this.currentFile,
          });
          return NONE;
        });
      case 'initializer':
        return s.initializer ?? NONE;
      case 'regularizer':
        return s.regularizer ?? NONE;
      case 'partitioner':
        return s.partitioner ?? NONE;
      case 'custom_getter':
        return s.customGetter ?? NONE;
      case 'set_initializer':
      case 'set_regularizer':
      case 'set_partitioner': {
        const slot = attr.slice(4) as 'initializer' | 'regularizer' | 'partitioner';
        return builtin(attr, (args) => {
          s[slot] = args[0] && args[0].k !== 'none' ? args[0] : null;
          return NONE;
        });
      }
    }
    return UNKNOWN_VALUE;
  }

  /** `super().attr`: looked up from the base of the method's class, bound to `self`. */
  private superAttr(v: Value & { k: 'object' }, attr: string): Value {
    const info = this.supers.get(v.attrs);
    if (!info || info.cls.k !== 'class') return UNKNOWN_VALUE;
    for (const b of info.cls.bases) {
      if (b.k !== 'class') continue;
      const found = this.classLookup(b, attr);
      if (found === undefined) continue;
      if (found.k === 'func') return this.bind(found, info.self);
      if (found.k === 'object' && found.kind === 'property') {
        const fget = found.attrs.get('fget');
        return fget ? this.callValue(fget, [info.self], NO_KWARGS, null) : UNKNOWN_VALUE;
      }
      return found;
    }
    // `object.__init__` and other methods of `object`: nothing to do.
    if (attr === '__init__') return builtin('__init__', () => NONE);
    return UNKNOWN_VALUE;
  }

  /** `super()` (in a method: its class and first argument) or `super(Cls, self)`. */
  private makeSuper(args: Value[]): Value {
    let cls: Value | undefined = args[0];
    let self: Value | undefined = args[1];
    if (!cls) {
      const frame = this.functionStack[this.functionStack.length - 1];
      if (!frame) return UNKNOWN_VALUE;
      cls = this.methodClass.get(frame.def as object);
      const def = frame.def as { params?: readonly Param[] };
      const first = def.params?.[0];
      self = first ? frame.env.vars.get(first.name) : undefined;
    }
    if (!cls || cls.k !== 'class' || !self) return UNKNOWN_VALUE;
    const attrs = new Map<string, Value>();
    this.supers.set(attrs, { cls, self });
    return { k: 'object', kind: 'super', attrs };
  }

  /** `isinstance(v, cls)`: builtin types, the program's and the libraries' classes. */
  private isInstance(v: Value, cls: Value): boolean | undefined {
    if (cls.k === 'tuple') {
      let unknown = false;
      for (const c of cls.items) {
        const r = this.isInstance(v, c);
        if (r === true) return true;
        if (r === undefined) unknown = true;
      }
      return unknown ? undefined : false;
    }
    if (v.k === 'unknown') return undefined;
    if (cls.k === 'class') {
      if (cls.name === 'object' && cls.bases.length === 0 && cls.attrs.size === 0) return true;
      // A modelled TF object (an initializer, a dtype, a graph, ...) is no instance of a class
      // written in Python; only a `super()` proxy may stand for one.
      if (v.k !== 'instance') return v.k === 'object' && v.kind === 'super' ? undefined : false;
      for (let c: Value | undefined = v.cls, n = 0; c && c.k === 'class' && n < 32; n++) {
        if (c === cls) return true;
        c = c.bases.find((b) => b.k === 'class');
      }
      return false;
    }
    if (cls.k === 'exctype') return v.k === 'exception' ? v.cls === cls.cls : false;
    // `tf.data.Dataset`: a dataset the program made is one, and nothing else the analyzer
    // knows is (an input function's result: a dataset, or a features-and-labels tuple).
    if (isDatasetClass(cls)) return v.k === 'object' && v.kind === 'Dataset';
    if (cls.k !== 'builtin') return undefined;
    switch (cls.name) {
      case 'int':
        return v.k === 'int' || v.k === 'bool';
      case 'float':
        return v.k === 'float';
      case 'bool':
        return v.k === 'bool';
      case 'str':
        return v.k === 'str';
      case 'list':
        return v.k === 'list';
      case 'tuple':
        return v.k === 'tuple' || this.tupleItems.has(v);
      case 'dict':
        return v.k === 'dict';
      case 'Tensor':
        return v.k === 'tensor' ? true : v.k === 'object' ? undefined : false;
      case 'Variable':
        return v.k === 'variable' ? true : v.k === 'object' ? undefined : false;
      case 'TensorShape':
        return v.k === 'tshape';
      case 'VariableScope':
        return v.k === 'scope';
      case 'PartitionedVariable':
        return v.k === 'partitioned' ? true : v.k === 'object' ? undefined : false;
      case 'Dimension':
        return v.k === 'dim';
      case 'ndarray':
        return isNdarray(v);
      default:
        return undefined;
    }
  }

  /** Whether `obj` has attribute `name` (a literal): known for instances, classes, dicts. */
  private hasAttr(obj: Value, name: string): boolean | undefined {
    if (obj.k === 'module' && (obj.path === 'tf' || obj.path === 'tf-top'))
      return TF1_TOP_LEVEL_NAMES.has(name);
    if (obj.k === 'instance') {
      if (obj.attrs.has(name)) return true;
      return this.classLookup(obj.cls, name) !== undefined;
    }
    if (obj.k === 'class') return this.classLookup(obj, name) !== undefined;
    if (obj.k === 'none' || obj.k === 'int' || obj.k === 'float' || obj.k === 'bool')
      return name === 'value' && obj.k === 'int' ? true : false;
    return undefined;
  }

  // -- layer libraries (library/index.ts) --------------------------------------------------------

  /** `tf.<dotted>` when `_lib/exports.py` exports it: the library attribute, else undefined. */
  libraryExport(dotted: string): Value | undefined {
    const lib = this.options.library;
    const target = lib?.exports.get(dotted);
    if (!lib || !target) return undefined;
    const mod = this.loadLibraryModule(target.module);
    if (!mod || mod.k !== 'module' || !mod.env) return UNKNOWN_VALUE;
    return mod.env.vars.get(target.attr) ?? UNKNOWN_VALUE;
  }

  isLibraryNamespace(dotted: string): boolean {
    return this.options.library?.namespaces.has(dotted) ?? false;
  }

  /** Library module `name`, run once per path at first use (as the program's imports are). */
  private loadLibraryModule(name: string): Value | null {
    const lib = this.options.library;
    if (!lib) return null;
    const key = `lib:${name}`;
    const cached = this.modules.get(key);
    if (cached) return cached;
    const m = lib.module(name);
    if (!m) return null;
    const value = this.runModuleOnce(key, `tensorflow._lib.${name}`, lib.fileOf(name), m);
    if (name === '_support' && value.k === 'module' && value.env)
      for (const [k, v] of supportNatives(this, new Map(value.env.vars))) value.env.set(k, v);
    return value;
  }

  /**
   * Runs module `m` in a fresh environment as `file`, cached under `key` for this path (cached
   * before it runs, so an import cycle sees the partial module, as in Python). A failing module
   * keeps what it defined so far; running out of budget is not contained.
   */
  private runModuleOnce(key: string, name: string, file: string, m: Module): Value {
    // A probe (`tryBoth`) gives up before a module's first run (`slim.conv2d` first read on
    // one branch): the probe would undo part of what the module set up and leave it cached.
    if (this.probing > 0) throw NOT_HARMLESS;
    const env = new Env(this.builtinsEnv);
    env.set('__name__', str(name));
    const value: Value = { k: 'module', path: file, env };
    this.modules.set(key, value);
    if (!isLibraryFile(file)) this.maxSteps += STEPS_PER_CHAR * (m.span.to - m.span.from);
    const depth = this.depth;
    const libraryDepth = this.libraryDepth;
    try {
      this.runModule(m, file, env);
    } catch (e) {
      if (e instanceof BudgetExceeded) throw e;
      this.depth = depth;
      this.libraryDepth = libraryDepth;
    }
    return value;
  }

  private classLookup(cls: Value & { k: 'class' }, attr: string, depth = 0): Value | undefined {
    const own = cls.attrs.get(attr);
    if (own !== undefined || depth > 16) return own;
    for (const b of cls.bases) {
      if (b.k === 'class') {
        const found = this.classLookup(b, attr, depth + 1);
        if (found !== undefined) return found;
      }
    }
    return undefined;
  }

  /**
   * A variable's `op`: one Operation per variable (and graph), as in TF, where `v.op is v.op`.
   * Made once: the optimizers and slot code read it several times per variable.
   */
  private variableOp(v: AVariable): Value {
    const graph = defaultGraph(this);
    const known = VARIABLE_OPS.get(v);
    if (known && known.attrs.get('graph') === graph) return known;
    const op: Value & { k: 'object' } = {
      k: 'object',
      kind: 'Operation',
      attrs: new Map<string, Value>([
        ['name', str(v.opName)],
        ['type', str(v.isResource ? 'VarHandleOp' : 'VariableV2')],
        ['graph', graph],
      ]),
    };
    VARIABLE_OPS.set(v, op);
    return op;
  }

  private bind(fn: Value & { k: 'func' }, self: Value): Value {
    return {
      k: 'builtin',
      name: fn.name,
      // The method itself is judged where it is called (callValue of the function).
      harmless: true,
      method: fn,
      call: (args, kwargs, at) => this.callValue(fn, [self, ...args], kwargs, at),
    };
  }

  private defineClass(s: ClassDef, env: Env): Value {
    const bases = s.bases.map((b) => this.eval(b, env));
    const body = new Env(env);
    this.execBlock(s.body, body);
    const cls = {
      k: 'class',
      name: s.name,
      attrs: body.vars,
      bases,
      file: this.currentFile,
      def: s,
    } as Value & { k: 'class' };
    for (const m of body.vars.values()) {
      const f = methodFunction(m);
      if (f) this.methodClass.set(f.def, cls);
    }
    return cls;
  }

  /** `Cls(*args)`: a new instance, `__init__` called on it. */
  instantiate(
    cls: Value & { k: 'class' },
    args: Value[],
    kwargs: Map<string, Value>,
    at: Expr | null,
    callInit = true,
  ): Value {
    const def = (cls as unknown as { def?: ClassDef }).def;
    if (def) this.called.add(def);
    const make = this.classLookup(cls, '__new__');
    if (make && make.k === 'func') return this.callValue(make, [cls, ...args], kwargs, at);
    if (make && make.k === 'builtin' && make.name === 'namedtuple.__new__')
      return make.call([cls, ...args], kwargs, at as Expr);
    const self: Value = { k: 'instance', cls, attrs: new Map() };
    const init = this.classLookup(cls, '__init__');
    if (callInit && init && init.k === 'func') this.callValue(init, [self, ...args], kwargs, at);
    return self;
  }

  private decorate(fn: Value, decorators: readonly Expr[], env: Env): Value {
    let out = fn;
    for (let i = decorators.length - 1; i >= 0; i--) {
      const d = decorators[i];
      const name = d.kind === 'Name' ? d.id : d.kind === 'Attribute' ? d.attr : '';
      if (name === 'staticmethod' || name === 'classmethod' || name === 'property') {
        out = { k: 'object', kind: name, attrs: new Map([['fget', out]]) };
        continue;
      }
      if (['wraps', 'contextmanager'].includes(name)) continue;
      const dv = this.eval(d, env);
      if (dv.k === 'func' || dv.k === 'builtin') out = this.callValue(dv, [out], NO_KWARGS, null);
      else return UNKNOWN_VALUE;
    }
    return out;
  }

  private call(e: Extract<Expr, { kind: 'Call' }>, env: Env): Value {
    const fn = this.eval(e.func, env);
    const given = e.args;
    // Sized once when no argument is starred: an array grown by `push` from empty reserves room
    // for 17 values, and most calls pass one to three.
    let starred = false;
    for (let i = 0; i < given.length; i++) if (given[i].kind === 'Starred') starred = true;
    let args: Value[];
    if (!starred) {
      args = new Array<Value>(given.length);
      for (let i = 0; i < given.length; i++) args[i] = this.eval(given[i], env);
    } else {
      args = [];
      for (const a of given) {
        if (a.kind === 'Starred') {
          const items = this.iterate(this.eval(a.value, env));
          if (!items) return UNKNOWN_VALUE;
          args.push(...items);
        } else args.push(this.eval(a, env));
      }
    }
    if (e.keywords.length === 0) return this.callValue(fn, args, NO_KWARGS, e);
    const kwargs = new Map<string, Value>();
    for (const k of e.keywords) {
      const v = this.eval(k.value, env);
      if (k.name !== null) kwargs.set(k.name, v);
      else if (v.k === 'dict') {
        for (const [key, val] of v.entries) if (key.k === 'str') kwargs.set(key.v, val);
      } else return UNKNOWN_VALUE;
    }
    return this.callValue(fn, args, kwargs, e);
  }

  /**
   * Calls `fn`. `entry`: the call that starts an entry point, whose missing arguments are holes
   * (in TypeScript a missing argument is otherwise `undefined`, i.e. None). `body`: `fn` is a
   * block of the call at `at` (the callback of the engine API's `variableScope(name, () => ...)`),
   * not a call of its own in the program's call trail.
   */
  callValue(
    fn: Value,
    args: Value[],
    kwargs: Map<string, Value>,
    at: Expr | null,
    entry = false,
    body = false,
  ): Value {
    if (fn.k === 'builtin' && !fn.harmless) this.effects++;
    if (this.probing > 0 && !harmlessCallee(fn)) throw NOT_HARMLESS;
    switch (fn.k) {
      case 'builtin':
        return fn.call(args, kwargs, at as Expr);
      case 'object':
      case 'instance': {
        const c = this.attribute(fn, '__call__');
        return c.k === 'unknown' ? UNKNOWN_VALUE : this.callValue(c, args, kwargs, at);
      }
      case 'class':
        return this.instantiate(fn, args, kwargs, at);
      case 'exctype': {
        const msg = args[0] ? pyStr(args[0]) : '';
        return { k: 'exception', cls: fn.cls, message: msg ?? '' };
      }
      case 'func':
        break;
      case 'unknown':
        // A TF function not modelled: an op of its arguments (what it depends on, theirs).
        if (fn.tf) {
          const deps = unionDeps([...args, ...kwargs.values()]);
          return deps === undefined ? UNKNOWN_VALUE : { k: 'unknown', deps };
        }
        return UNKNOWN_VALUE;
      default:
        return UNKNOWN_VALUE;
    }
    this.called.add(fn.def);
    const library = isLibraryFile(fn.file);
    if (library ? this.libraryDepth >= MAX_LIBRARY_CALL_DEPTH : this.depth >= this.maxCallDepth)
      return UNKNOWN_VALUE;
    // Library code recursing on something not known (a state size of unknown structure) would
    // fork at every level until the budget is spent: past a few levels its value is unknown.
    const self0 = args[0] && args[0].k === 'instance' ? args[0] : undefined;
    if (library && this.recursion(fn.def, self0) >= MAX_LIBRARY_RECURSION) return UNKNOWN_VALUE;
    // A program's call into library code with an assumed gradient among its arguments: what
    // the library makes of it rests on that assumption.
    if (
      at &&
      library &&
      !isLibraryFile(this.currentFile) &&
      anyAssumed([...args, ...kwargs.values()])
    )
      this.assumedSites.add(at);
    const env = new Env(fn.closure);
    this.bindParams(fn, fn.def.params, args, kwargs, env, fn.closure, entry);
    if (library) this.libraryDepth++;
    else this.depth++;
    this.functionStack.push({ at, file: this.currentFile, def: fn.def, env, self: self0 });
    const savedTrail = this.trail;
    if (at && !body && !this.inLibrary)
      this.trail = { at, file: this.currentFile, parent: savedTrail };
    const savedFile = this.currentFile;
    this.currentFile = fn.file;
    try {
      if (fn.def.kind === 'Lambda') return this.eval(fn.def.body, env);
      const c = this.execBlock(fn.def.body, env);
      return c instanceof ReturnSignal ? c.value : NONE;
    } catch (e) {
      // What the layer libraries do not model yet (their NotImplementedError) is not known:
      // the program's call returns an unknown and its path goes on (TF would not raise).
      if (
        e instanceof PyRaise &&
        e.exc.cls === 'NotImplementedError' &&
        library &&
        !isLibraryFile(savedFile)
      )
        return UNKNOWN_VALUE;
      throw e;
    } finally {
      this.currentFile = savedFile;
      this.trail = savedTrail;
      this.functionStack.pop();
      if (library) this.libraryDepth--;
      else this.depth--;
    }
  }

  /** How many calls of `def` (on the same `self`, for a method) are running now. */
  private recursion(def: FunctionFrame['def'], self: Value | undefined): number {
    let n = 0;
    for (const f of this.functionStack) if (f.def === def && f.self === self) n++;
    return n;
  }

  /** Python evaluates parameter defaults once, where the function is defined. */
  private evalDefaults(fn: Value & { k: 'func' }, env: Env): void {
    if (this.language !== 'python') return;
    const params = fn.def.params.filter((p) => p.default);
    if (params.length === 0) return;
    const map = new Map<unknown, Value>();
    for (const p of params) map.set(p, this.eval(p.default as Expr, env));
    this.defaults.set(fn, map);
  }

  private bindParams(
    fnValue: object,
    params: readonly Param[],
    args: Value[],
    kwargs: Map<string, Value>,
    env: Env,
    defEnv: Env,
    entry: boolean,
  ): void {
    let i = 0;
    // Keywords not bound yet (copied only when a `**kwargs` parameter needs the rest).
    let used: Set<string> | null = null;
    const given = this.defaults.get(fnValue);
    for (const p of params) {
      switch (p.paramKind) {
        case 'positional':
        case 'kwonly': {
          const byName = kwargs.size > 0 ? kwargs.get(p.name) : undefined;
          if (p.paramKind === 'positional' && i < args.length)
            env.set(p.name, this.named(args[i++], p.name));
          else if (byName !== undefined) {
            env.set(p.name, this.named(byName, p.name));
            (used ??= new Set()).add(p.name);
          } else env.set(p.name, this.fallback(p, given, defEnv, entry));
          break;
        }
        case 'vararg':
          env.set(p.name, { k: 'tuple', items: args.slice(i) });
          i = args.length;
          break;
        default: {
          const entries: Array<[Value, Value]> = [];
          for (const [k, v] of kwargs) if (!used || !used.has(k)) entries.push([str(k), v]);
          env.set(p.name, { k: 'dict', entries });
        }
      }
    }
  }

  /** A parameter's value when the call gives none: its default, else a hole (or None in TS). */
  private fallback(
    p: Param,
    given: Map<unknown, Value> | undefined,
    defEnv: Env,
    entry: boolean,
  ): Value {
    const d = given?.get(p);
    if (d !== undefined) return d;
    if (p.default) return this.eval(p.default, defEnv);
    return this.language === 'typescript' && !entry
      ? NONE
      : { k: 'unknown', hole: this.hole(p.name) };
  }

  /** Runs a TF rule; TF's errors become Python exceptions of the program. */
  guardTf<T>(fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      if (e instanceof ScopeLensError) {
        const event = this.tf.lastRaise;
        this.tf.lastRaise = null;
        throw new PyRaise(
          { k: 'exception', cls: e.info.pyClass, message: e.info.message, info: e.info },
          event && event.error === e.info ? [event] : [],
        );
      }
      throw e;
    }
  }

  // -- imports ---------------------------------------------------------------------------------

  private importModule(name: string, asName: string | null, env: Env, at?: Stmt): void {
    const sub = tfSubmodule(name);
    if (asName && sub !== null && sub !== '') {
      // `import tensorflow.contrib.slim as slim`, `import tensorflow._lib.base as base`.
      env.set(asName, this.tfModule(sub));
      return;
    }
    if (name === 'tensorflow' || name.startsWith('tensorflow.')) {
      // `import tensorflow as tf` is TF 2's top level too (SL-TF2-API); compat.v1 is not.
      const path = name === 'tensorflow' ? 'tf-top' : 'tf';
      const importedAt =
        path === 'tf-top' && at && this.currentFile === this.options.file ? at : undefined;
      env.set(asName ?? 'tensorflow', { k: 'module', path, ...(importedAt ? { importedAt } : {}) });
      return;
    }
    if (isEngineModule(name)) {
      env.set(asName ?? name, { k: 'module', path: 'engine' });
      return;
    }
    const mod = this.loadModule(name, 0) ?? this.builtinModule(name);
    if (asName) env.set(asName, mod ?? UNKNOWN_VALUE);
    else {
      // `import a.b` binds `a`.
      const top = name.split('.')[0];
      env.set(
        top,
        top === name ? (mod ?? UNKNOWN_VALUE) : (this.loadModule(top, 0) ?? UNKNOWN_VALUE),
      );
    }
  }

  /** `tensorflow.<sub>` as a module value: a `_lib` module, or a namespace of `tf`. */
  private tfModule(sub: string): Value {
    if (sub.startsWith('_lib.')) return this.loadLibraryModule(sub.slice(5)) ?? UNKNOWN_VALUE;
    const parts = sub.split('.');
    let v: Value = { k: 'module', path: 'tf' };
    for (const p of parts) v = this.attribute(v, p);
    return v;
  }

  private importFrom(s: Extract<Stmt, { kind: 'ImportFrom' }>, env: Env): void {
    const sub = s.level === 0 ? tfSubmodule(s.module) : null;
    if (sub) {
      // `from tensorflow.contrib import slim`, `from tensorflow._lib import base`.
      const mod = this.tfModule(sub);
      for (const a of s.names) {
        const lib = sub === '_lib' ? this.loadLibraryModule(a.name) : null;
        env.set(a.asName ?? a.name, lib ?? this.attribute(mod, a.name));
      }
      return;
    }
    if (s.level === 0 && TF_MODULES.has(s.module)) {
      for (const a of s.names) {
        env.set(
          a.asName ?? a.name,
          a.name === 'v1' ? { k: 'module', path: 'tf' } : tfMember(this, '', a.name),
        );
      }
      return;
    }
    if (s.level === 0 && isEngineModule(s.module)) {
      for (const a of s.names) env.set(a.asName ?? a.name, engineAttr(this, a.name));
      return;
    }
    const mod =
      this.loadModule(s.module, s.level) ?? (s.level === 0 ? this.builtinModule(s.module) : null);
    for (const a of s.names) {
      if (a.name === '*') {
        if (mod && mod.k === 'module' && mod.env)
          for (const [k, v] of mod.env.vars) if (!k.startsWith('_')) env.set(k, v);
        continue;
      }
      let v: Value | undefined =
        mod && mod.k === 'module' && mod.env ? mod.env.vars.get(a.name) : undefined;
      if (v === undefined) {
        const sub = this.loadModule(s.module ? `${s.module}.${a.name}` : a.name, s.level);
        v = sub ?? undefined;
      }
      env.set(a.asName ?? a.name, v ?? UNKNOWN_VALUE);
    }
  }

  /** The standard-library modules the interpreter implements itself, by name. */
  private builtinModule(name: string): Value | null {
    if (name === 'collections') return this.collections();
    if (name === 'copy') return this.copyModule();
    if (name === 'math' || name === 'numpy') return this.mathModule(name);
    if (name === 'importlib') return this.importlibModule();
    if (name === 'sys') return this.sysModule();
    if (name === 'functools') return this.functoolsModule();
    if (name === 'json') return jsonModule();
    if (name === 'os.path') return osPathModule();
    if (name === 'os')
      return { k: 'object', kind: 'module os', attrs: new Map([['path', osPathModule()]]) };
    return null;
  }

  /**
   * Python's `sys` as far as programs change where imports are found: `sys.path` is a list
   * (one per path, so its writes are journalled like any list's) whose known strings
   * `loadModule` passes on (`sys.path.insert(0, 'src')` before `from optimize import ...`).
   * Everything else of `sys` is not known.
   */
  private sysModule(): Value {
    this.sysPath ??= { k: 'list', items: [] };
    return { k: 'object', kind: 'module sys', attrs: new Map([['path', this.sysPath]]) };
  }

  /**
   * Python's `functools` as model code uses it: `partial` (a network function with its
   * arguments bound, `functools.partial(slim.conv2d, padding='SAME')`), `wraps` and
   * `lru_cache` (decorators that keep the function: slim's `nets_factory.get_network_fn`
   * returns a function wrapped with `functools.wraps`), `reduce`. `update_wrapper` keeps its
   * first argument. What else it has is not known.
   */
  private functoolsModule(): Value {
    const env = new Env(null);
    const keep = builtin('decorator', (args) => args[0] ?? UNKNOWN_VALUE);
    env.set(
      'wraps',
      builtin('wraps', () => keep),
    );
    env.set(
      'update_wrapper',
      builtin('update_wrapper', (args) => args[0] ?? UNKNOWN_VALUE),
    );
    env.set(
      'lru_cache',
      builtin('lru_cache', (args) => {
        const f = args[0];
        // `@lru_cache` on the function itself, or `@lru_cache(maxsize=...)` giving a decorator.
        return f && (f.k === 'func' || f.k === 'builtin') ? f : keep;
      }),
    );
    env.set('cache', keep);
    env.set(
      'partial',
      builtin('partial', (args, kwargs) => {
        const [fn, ...bound] = args;
        if (!fn) return UNKNOWN_VALUE;
        const boundKw = new Map(kwargs);
        const attrs = new Map<string, Value>([
          ['func', fn],
          ['args', { k: 'tuple', items: bound }],
          ['keywords', { k: 'dict', entries: [...boundKw].map(([k, v]) => [str(k), v]) }],
        ]);
        const call = builtin('partial', (more, moreKw, at) => {
          const kw = new Map(boundKw);
          for (const [k, v] of moreKw) kw.set(k, v);
          return this.callValue(fn, [...bound, ...more], kw, at);
        });
        attrs.set('__call__', call);
        return { k: 'object', kind: 'partial', attrs };
      }),
    );
    env.set(
      'reduce',
      builtin('reduce', (args, _kwargs, at) => {
        const [fn, seq, initial] = args;
        const items = seq ? this.iterate(seq) : null;
        if (!fn || !items) return UNKNOWN_VALUE;
        let acc = initial;
        for (const x of items)
          acc = acc === undefined ? x : this.callValue(fn, [acc, x], NO_KWARGS, at);
        return acc ?? UNKNOWN_VALUE;
      }),
    );
    return { k: 'module', path: '<functools>', env };
  }

  /** `sys.path` of this path, made at the first `import sys`. */
  private sysPath: (Value & { k: 'list' }) | undefined;

  /**
   * Python's `importlib.import_module(name)`: the module an `import name as m` binds, when
   * `name` is known and absolute (facenet picks its network with
   * `importlib.import_module(args.model_def)`, an option whose default names a module of the
   * repository). A relative or unknown name is not known.
   */
  private importlibModule(): Value {
    const env = new Env(null);
    env.set(
      'import_module',
      builtin('import_module', (args, kwargs) => {
        const name = args[0] ?? kwargs.get('name');
        const text = name ? pyStr(name) : undefined;
        if (text === undefined || text === '' || text.startsWith('.') || /\{/.test(text))
          return UNKNOWN_VALUE;
        const scratch = new Env(null);
        this.importModule(text, 'm', scratch);
        return scratch.vars.get('m') ?? UNKNOWN_VALUE;
      }),
    );
    return { k: 'module', path: '<importlib>', env };
  }

  /**
   * Python's `math`, and NumPy's scalar math under the same names: model code computes widths
   * and constants with them (`1.0 / math.sqrt(size_per_head)`, GELU's `np.sqrt(2 / np.pi)`).
   * Numbers in, a number out; anything else (arrays, tensors) is not known. A domain error
   * (`sqrt(-1)`) is not known either. NumPy's other names are not known.
   */
  private mathModule(name: 'math' | 'numpy'): Value {
    const env = new Env(null);
    const num = (v: Value | undefined): number | undefined =>
      v && (v.k === 'int' || v.k === 'float') && !(v.k === 'int' && v.hole)
        ? v.v
        : v?.k === 'bool'
          ? Number(v.v)
          : undefined;
    const float = (x: number): Value => (Number.isFinite(x) ? { k: 'float', v: x } : UNKNOWN_VALUE);
    // Pure functions of numbers: harmless (a loop calling them still changes nothing TF knows).
    const pure = (fnName: string, call: BuiltinFn): Value => ({
      k: 'builtin',
      name: fnName,
      call,
      harmless: true,
    });
    const unary = (fn: (x: number) => number, toInt = false) =>
      pure('math', (args) => {
        const x = num(args[0]);
        if (x === undefined)
          return (name === 'numpy' && args[0] && ndarrayUnary(args[0])) || UNKNOWN_VALUE;
        const y = fn(x);
        if (Number.isNaN(y)) return UNKNOWN_VALUE;
        return toInt && Number.isFinite(y) ? { k: 'int', v: y } : float(y);
      });
    const fns: Record<string, (x: number) => number> = {
      sqrt: Math.sqrt,
      exp: Math.exp,
      tanh: Math.tanh,
      sin: Math.sin,
      cos: Math.cos,
      log2: Math.log2,
      log10: Math.log10,
      log1p: Math.log1p,
    };
    for (const [k, fn] of Object.entries(fns)) env.set(k, unary(fn));
    env.set(
      'log',
      pure('log', (args) => {
        const x = num(args[0]);
        const b = args.length > 1 ? num(args[1]) : Math.E;
        if (x === undefined || b === undefined || x <= 0) return UNKNOWN_VALUE;
        return float(Math.log(x) / Math.log(b));
      }),
    );
    env.set(name === 'math' ? 'fabs' : 'abs', unary(Math.abs));
    // math.floor and math.ceil give ints; NumPy's give floats.
    env.set('floor', unary(Math.floor, name === 'math'));
    env.set('ceil', unary(Math.ceil, name === 'math'));
    env.set('pi', { k: 'float', v: Math.PI });
    env.set('e', { k: 'float', v: Math.E });
    if (name === 'numpy') {
      // `np.prod(dims)` of known sizes (baselines' `conv_to_fc` flattens by it): their product,
      // an int when every factor is one.
      env.set(
        'prod',
        pure('prod', (args) => {
          const items = args[0] ? this.iterate(args[0]) : null;
          if (!items) return UNKNOWN_VALUE;
          let p = 1;
          let ints = true;
          for (const raw of items) {
            const x = raw.k === 'dim' ? dimOperand(raw) : raw;
            const n = num(x);
            if (n === undefined) return UNKNOWN_VALUE;
            if (x.k !== 'int') ints = false;
            p *= n;
          }
          return ints ? { k: 'int', v: p } : float(p);
        }),
      );
      // NumPy's scalar types as dtypes (TF takes them for its own: `tf.placeholder(dtype=
      // np.uint8)`, `space.dtype == np.int8`), and `np.dtype(x)` of one or of its name.
      const types: Record<string, string> = { bool_: 'bool' };
      for (const t of NUMPY_DTYPES) env.set(t, dtypeValue(types[t] ?? t));
      env.set(
        'dtype',
        pure('dtype', (args) => {
          const v = args[0];
          if (v && v.k === 'object' && v.kind === 'DType') return v;
          if (v && v.k === 'str' && NUMPY_DTYPES.includes(v.v)) return dtypeValue(v.v);
          return UNKNOWN_VALUE;
        }),
      );
      addNumpyArrays(env);
    }
    return { k: 'module', path: `<${name}>`, env };
  }

  /**
   * Python's `copy`: `copy.deepcopy(config)` is how model code (BERT's `BertModel`) takes its
   * configuration, so a copy keeps what the analyzer knows. Instances, lists and dicts are
   * copied (deeply for `deepcopy`); anything else is itself (immutable, or a TF object).
   */
  private copyModule(): Value {
    const copy = (v: Value, deep: boolean, depth: number): Value => {
      if (depth > 8) return v;
      const item = (x: Value) => (deep ? copy(x, deep, depth + 1) : x);
      switch (v.k) {
        case 'list':
          return { k: 'list', items: v.items.map(item) };
        case 'dict':
          return { k: 'dict', entries: v.entries.map(([k, x]) => [k, item(x)]) };
        case 'instance': {
          const attrs = new Map<string, Value>();
          for (const [k, x] of v.attrs) attrs.set(k, item(x));
          return { k: 'instance', cls: v.cls, attrs };
        }
        default:
          return v;
      }
    };
    const env = new Env(null);
    env.set(
      'copy',
      builtin('copy', (args) => copy(args[0] ?? UNKNOWN_VALUE, false, 0)),
    );
    env.set(
      'deepcopy',
      builtin('deepcopy', (args) => copy(args[0] ?? UNKNOWN_VALUE, true, 0)),
    );
    return { k: 'module', path: '<copy>', env };
  }

  /**
   * Python's `collections`, for what programs build their configuration with: `namedtuple`
   * (classes with `_fields`, `_make`, `_replace`, `_asdict`, indexing and unpacking).
   */
  private collections(): Value {
    const env = new Env(null);
    env.set(
      'namedtuple',
      builtin('namedtuple', (args, kwargs) => this.namedtuple(args, kwargs)),
    );
    env.set('OrderedDict', this.builtinsEnv.lookup('dict') ?? UNKNOWN_VALUE);
    return { k: 'module', path: '<collections>', env };
  }

  /** `collections.namedtuple(typename, field_names, *, rename=False, defaults=None)`. */
  private namedtuple(args: Value[], kwargs: Map<string, Value>): Value {
    const typename = pyStr(args[0] ?? kwargs.get('typename') ?? UNKNOWN_VALUE);
    const spec = args[1] ?? kwargs.get('field_names') ?? UNKNOWN_VALUE;
    let fields: string[] | undefined;
    if (spec.k === 'str' && !spec.v.includes('\u0001'))
      fields = spec.v.split(/[\s,]+/).filter((f) => f.length > 0);
    else {
      const items = this.iterate(spec);
      const names = items?.map((i) => pyStr(i));
      if (names && names.every((n) => n !== undefined)) fields = names as string[];
    }
    if (typename === undefined || !fields) return UNKNOWN_VALUE;
    const defaultsArg = kwargs.get('defaults');
    const defaults =
      !defaultsArg || defaultsArg.k === 'none' ? [] : (this.iterate(defaultsArg) ?? null);
    if (!defaults) return UNKNOWN_VALUE;
    const names = fields;
    const attrs = new Map<string, Value>();
    const cls = { k: 'class', name: typename, attrs, bases: [], file: '<collections>' } as Value & {
      k: 'class';
    };
    const make = (c: Value, values: Value[], kw: Map<string, Value>): Value => {
      if (c.k !== 'class' || values.length > names.length) return UNKNOWN_VALUE;
      const out: (Value | undefined)[] = names.map((_n, i) => values[i]);
      for (const [k, v] of kw) {
        const i = names.indexOf(k);
        if (i < 0 || out[i] !== undefined) return UNKNOWN_VALUE;
        out[i] = v;
      }
      const first = names.length - defaults.length;
      for (let i = 0; i < names.length; i++)
        if (out[i] === undefined && i >= first) out[i] = defaults[i - first];
      if (out.some((v) => v === undefined)) return UNKNOWN_VALUE; // TF: Python's TypeError
      const items = out as Value[];
      const self: Value = { k: 'instance', cls: c, attrs: new Map() };
      names.forEach((n, i) => self.attrs.set(n, items[i]));
      self.attrs.set(
        '_replace',
        builtin('_replace', (_a, changes) => {
          const next = new Map<string, Value>();
          names.forEach((n, i) => next.set(n, changes.get(n) ?? items[i]));
          if ([...changes.keys()].some((k) => !names.includes(k))) return UNKNOWN_VALUE;
          return make(c, [], next);
        }),
      );
      self.attrs.set(
        '_asdict',
        builtin('_asdict', () => ({ k: 'dict', entries: names.map((n, i) => [str(n), items[i]]) })),
      );
      this.tupleItems.set(self, { k: 'tuple', items });
      return self;
    };
    attrs.set('_fields', { k: 'tuple', items: names.map((n) => str(n)) });
    attrs.set(
      '__new__',
      builtin('namedtuple.__new__', (a, kw) => make(a[0] ?? UNKNOWN_VALUE, a.slice(1), kw)),
    );
    attrs.set('_make', {
      k: 'object',
      kind: 'classmethod',
      attrs: new Map([
        [
          'fget',
          builtin('_make', (a) => {
            const items = a[1] ? this.iterate(a[1]) : null;
            return items ? make(a[0] ?? UNKNOWN_VALUE, items, new Map()) : UNKNOWN_VALUE;
          }),
        ],
      ]),
    });
    return cls;
  }

  /** The program's own module `name`, run once per path (at its first import), or null. */
  /** A stub module (library/stubs.ts: `argparse`, `absl.flags`), run once per path. */
  loadStub(name: string): Value | null {
    const key = `stub:${name}`;
    const cached = this.modules.get(key);
    if (cached) return cached;
    const m = stubModule(name);
    if (!m) return null;
    const value = this.runModuleOnce(key, name, stubFile(name), m);
    if (value.k === 'module' && value.env?.vars.has('_UNSET'))
      value.env.set('_UNSET', UNSET_OPTION);
    return value;
  }

  private loadModule(name: string, level: number): Value | null {
    const resolve = this.options.resolveImport;
    if (!resolve) return level === 0 ? this.loadStub(name) : null;
    let resolved: ResolvedModule | undefined;
    try {
      const sysPath = this.sysPath?.items.flatMap((p) => (p.k === 'str' ? [p.v] : []));
      resolved = resolve({
        module: name,
        level,
        fromFile: this.currentFile,
        ...(sysPath?.length ? { sysPath } : {}),
      });
    } catch {
      resolved = undefined;
    }
    if (!resolved) return level === 0 ? this.loadStub(name) : null;
    const cached = this.modules.get(resolved.file);
    if (cached) return cached;
    return this.runModuleOnce(resolved.file, name, resolved.file, resolved.module);
  }

  // -- scopes (shared by the Python and TypeScript APIs) ----------------------------------------

  /** `tf.variable_scope(...)` as a context value. */
  variableScope(args: Value[], kwargs: Map<string, Value>, at: Expr | null): Value {
    const nameOrScope = args[0] ?? kwargs.get('name_or_scope') ?? NONE;
    const defaultName = args[1] ?? kwargs.get('default_name') ?? NONE;
    if (defaultName.k === 'scope' && at) this.note('scopeAsDefaultName', at, {});
    let target: VariableScopeArgs<AnalyzerSlots>['nameOrScope'];
    if (nameOrScope.k === 'str') target = nameOrScope.v;
    else if (nameOrScope.k === 'scope') target = nameOrScope.scope;
    else if (nameOrScope.k === 'none') target = null;
    else {
      // Not known: a name with a hole (`{scope}`), so what is inside still gets its names.
      const s = pyStr(
        this.named(nameOrScope, at && at.kind === 'Call' ? exprLabel(at.args[0] ?? at) : 'scope'),
      );
      if (s === undefined) return UNKNOWN_VALUE;
      target = s;
    }
    const reuse = kwargs.get('reuse');
    const unknownReuse =
      reuse !== undefined &&
      !(
        reuse.k === 'bool' ||
        reuse.k === 'none' ||
        (reuse.k === 'object' && reuse.kind === 'AUTO_REUSE')
      );
    const opt = (k: string) => {
      const v = kwargs.get(k);
      return v && v.k !== 'none' ? v : null;
    };
    const scopeArgs: VariableScopeArgs<AnalyzerSlots> = {
      nameOrScope: target,
      defaultName: defaultName.k === 'str' ? defaultName.v : null,
      // An unknown reuse is taken as AUTO_REUSE (never a false error); outcomes are possible.
      reuse: unknownReuse ? AUTO_REUSE : reuseArg(reuse),
      initializer: opt('initializer'),
      regularizer: opt('regularizer'),
      partitioner: opt('partitioner'),
      customGetter: opt('custom_getter'),
      dtype: dtypeArg(kwargs.get('dtype')),
      useResource: (() => {
        const u = kwargs.get('use_resource');
        return u && u.k === 'bool' ? u.v : null;
      })(),
      auxiliaryNameScope: (() => {
        const a = kwargs.get('auxiliary_name_scope');
        return a && a.k === 'bool' ? a.v : true;
      })(),
    };
    let frame: ReturnType<TfState['enterScope']> | null = null;
    const explicitFalse = reuse !== undefined && reuse.k === 'bool' && reuse.v === false;
    const ownReuse = !unknownReuse && (scopeArgs.reuse === true || scopeArgs.reuse === AUTO_REUSE);
    return {
      k: 'context',
      enter: () => {
        const tf = this.tf;
        const parent = tf.scopes.current;
        if (explicitFalse && typeof target === 'string' && parent.reuse !== false && at) {
          const reuseText = parent.reuse === true ? 'True' : 'tf.AUTO_REUSE';
          this.note('reuseFalseNoEffect', at, {
            scope: parent.name ? `${parent.name}/${target}` : target,
            reuse: reuseText,
          });
        }
        frame = tf.enterScope(scopeArgs);
        if (unknownReuse) this.assumptions++;
        const scope = frame.scope;
        // Inside a library: the program's call that led there stands for the library's code.
        const site = this.librarySite();
        const where = site ?? (at ? { at, file: this.currentFile } : null);
        let origin: ReuseOrigin | null = null;
        if (unknownReuse)
          origin = {
            kind: 'unknown',
            at: where?.at ?? null,
            file: where?.file ?? this.currentFile,
          };
        else if (ownReuse)
          origin = {
            kind: 'argument',
            at: where?.at ?? null,
            file: where?.file ?? this.currentFile,
          };
        else if (scope.reuse !== false) {
          const inherited =
            typeof target === 'string' || target === null
              ? tf.reuseOrigins.get(parent)
              : tf.reuseOrigins.get(target);
          origin = inherited
            ? {
                ...inherited,
                kind:
                  inherited.kind === 'argument' || inherited.kind === 'reuse_variables'
                    ? 'inherited'
                    : inherited.kind,
                from:
                  (typeof target === 'string' || target === null ? parent.name : target.name) ||
                  '<root>',
              }
            : null;
        }
        if (origin) tf.reuseOrigins.set(scope, origin);
        if (where) tf.scopeCalls.set(scope, where);
        if (at && !isLibraryFile(this.currentFile)) {
          this.scopeEvents.push({
            at,
            file: this.currentFile,
            name: scope.name,
            nameScope: frame.nameScope,
            reuse: scope.reuse === true ? 'True' : scope.reuse === false ? 'False' : 'AUTO_REUSE',
            origin,
            certain: this.assumptions === 0,
          });
        }
        return { k: 'scope', scope };
      },
      exit: () => {
        if (frame) {
          if (unknownReuse) this.assumptions--;
          this.tf.scopes.exit(frame);
        }
      },
    };
  }

  /** `min`/`max` of known numbers (several arguments or one sequence). */
  private extreme(args: Value[], op: '<' | '>'): Value {
    const items = args.length === 1 ? this.members(args[0]) : args;
    if (!items || items.length === 0) return UNKNOWN_VALUE;
    let best = items[0].k === 'dim' ? dimOperand(items[0]) : items[0];
    for (const raw of items.slice(1)) {
      const x = raw.k === 'dim' ? dimOperand(raw) : raw;
      const r = compare(op, x, best);
      if (r === undefined) return UNKNOWN_VALUE;
      if (r) best = x;
    }
    return best.k === 'int' || best.k === 'float' || best.k === 'str' ? best : UNKNOWN_VALUE;
  }

  private anyAll(seq: Value | undefined, any: boolean): Value {
    const items = seq ? this.members(seq) : null;
    if (!items) return UNKNOWN_VALUE;
    let unknown = false;
    for (const x of items) {
      const t = truthy(x);
      if (t === undefined) unknown = true;
      else if (t === any) return { k: 'bool', v: any };
    }
    return unknown ? UNKNOWN_VALUE : { k: 'bool', v: !any };
  }

  private builtins(): Record<
    string,
    (args: Value[], kwargs: Map<string, Value>, at: Expr) => Value
  > {
    return {
      print: () => NONE,
      len: (args) => {
        const a = args[0] && (this.tupleItems.get(args[0]) ?? args[0]);
        const v = a && a.k === 'tshape' ? this.attribute(a, 'dims') : a;
        if (v && isVagueSet(v)) return UNKNOWN_VALUE;
        if (v && (v.k === 'list' || v.k === 'tuple')) return { k: 'int', v: v.items.length };
        if (v && v.k === 'dict') return { k: 'int', v: v.entries.length };
        if (v && v.k === 'str' && !v.v.includes('\u0001')) return { k: 'int', v: v.v.length };
        // PartitionedVariable.__len__: the partitions along its one partitioned axis (TF raises
        // for more than one).
        if (v && v.k === 'partitioned' && v.v.parts.length > 0)
          if (v.v.partitions.filter((p) => p > 1).length <= 1)
            return { k: 'int', v: v.v.parts.length };
        return UNKNOWN_VALUE;
      },
      range: (args) => {
        const [start, stop, step] =
          args.length === 1
            ? [{ k: 'int', v: 0 } as Value, args[0], { k: 'int', v: 1 } as Value]
            : [args[0], args[1], args[2] ?? ({ k: 'int', v: 1 } as Value)];
        if (!start || !stop || !step) return UNKNOWN_VALUE;
        if (start.k === 'int' && stop.k === 'int' && step.k === 'int') {
          if (step.v === 0) return UNKNOWN_VALUE;
          const items: Value[] = [];
          for (let i = start.v; step.v > 0 ? i < stop.v : i > stop.v; i += step.v) {
            if (items.length > this.maxLoop) return UNKNOWN_VALUE;
            items.push({ k: 'int', v: i });
          }
          return { k: 'list', items };
        }
        return {
          k: 'object',
          kind: 'range',
          attrs: new Map([
            ['start', start],
            ['step', step],
          ]),
        };
      },
      str: (args) => {
        const s = args[0] ? pyStr(args[0]) : '';
        return s === undefined ? UNKNOWN_VALUE : str(s);
      },
      int: (args) => {
        const v = args[0] && args[0].k === 'dim' ? dimOperand(args[0]) : args[0];
        if (v && v.k === 'int') return v;
        if (v && v.k === 'float') return { k: 'int', v: Math.trunc(v.v) };
        if (v && v.k === 'str' && /^\s*-?\d+\s*$/.test(v.v))
          return { k: 'int', v: parseInt(v.v, 10) };
        return UNKNOWN_VALUE;
      },
      list: (args) => {
        if (args.length === 0) return { k: 'list', items: [] };
        const items = this.iterate(args[0]);
        return items ? { k: 'list', items } : UNKNOWN_VALUE;
      },
      set: (args) => this.newSet(args[0]),
      // A frozenset is a set the program does not change: the same value here.
      frozenset: (args) => this.newSet(args[0]),
      tuple: (args) => {
        if (args.length === 0) return { k: 'tuple', items: [] };
        const items = this.iterate(args[0]);
        return items ? { k: 'tuple', items } : UNKNOWN_VALUE;
      },
      dict: (args, kwargs) => {
        const entries: Array<[Value, Value]> = [];
        const first = args[0];
        if (first && first.k === 'dict')
          for (const [k, v] of first.entries) setEntries(entries, k, v);
        else if (first) {
          const pairs = this.iterate(first);
          if (!pairs) return UNKNOWN_VALUE;
          for (const p of pairs) {
            if ((p.k !== 'tuple' && p.k !== 'list') || p.items.length !== 2) return UNKNOWN_VALUE;
            setEntries(entries, p.items[0], p.items[1]);
          }
        }
        for (const [k, v] of kwargs) setEntries(entries, str(k), v);
        return { k: 'dict', entries };
      },
      isinstance: (args) => {
        const r = args.length === 2 ? this.isInstance(args[0], args[1]) : undefined;
        return r === undefined ? UNKNOWN_VALUE : { k: 'bool', v: r };
      },
      super: (args) => this.makeSuper(args),
      hasattr: (args) => {
        const n = args[1];
        const r = args[0] && n && n.k === 'str' ? this.hasAttr(args[0], n.v) : undefined;
        return r === undefined ? UNKNOWN_VALUE : { k: 'bool', v: r };
      },
      getattr: (args) => {
        const [obj, n, fallback] = args;
        if (!obj || !n || n.k !== 'str') return UNKNOWN_VALUE;
        if (fallback !== undefined && this.hasAttr(obj, n.v) === false) return fallback;
        return this.attribute(obj, n.v);
      },
      setattr: (args) => {
        const [obj, n, v] = args;
        if (!obj || (obj.k !== 'instance' && obj.k !== 'class')) return NONE;
        if (n && n.k === 'str') {
          if (this.journals.length > 0) this.recordAttr(obj.attrs, n.v);
          obj.attrs.set(n.v, v ?? UNKNOWN_VALUE);
        } else {
          // A name not known may be any attribute: each one the object holds is not known
          // after it (`hparams.override_from_dict(json.load(f))` overrides any of them).
          for (const key of [...obj.attrs.keys()]) {
            const old = obj.attrs.get(key);
            if (!old || old.k === 'func') continue;
            if (this.journals.length > 0) this.recordAttr(obj.attrs, key);
            obj.attrs.set(key, this.named({ k: 'unknown' }, key));
          }
        }
        return NONE;
      },
      dir: (args) => {
        // `dir(tf)`: TF 1.x's top-level names (feature tests pick code paths by them).
        const m = args[0];
        if (m && m.k === 'module' && (m.path === 'tf' || m.path === 'tf-top'))
          return { k: 'list', items: [...TF1_TOP_LEVEL_NAMES].map((n) => str(n)) };
        return UNKNOWN_VALUE;
      },
      callable: (args) => {
        const v = args[0];
        if (v && v.k === 'object') {
          if (v.kind === 'Initializer' || v.kind === 'Partitioner') return { k: 'bool', v: true };
          if (['DType', 'Graph', 'Operation', 'namespace', 'AUTO_REUSE'].includes(v.kind))
            return { k: 'bool', v: false };
        }
        if (!v || v.k === 'unknown' || v.k === 'object') return UNKNOWN_VALUE;
        const yes = v.k === 'func' || v.k === 'builtin' || v.k === 'class' || v.k === 'exctype';
        if (v.k === 'instance') {
          const c = this.classLookup(v.cls, '__call__');
          return { k: 'bool', v: c !== undefined };
        }
        return { k: 'bool', v: yes };
      },
      min: (args) => this.extreme(args, '<'),
      max: (args) => this.extreme(args, '>'),
      abs: (args) => {
        const v = args[0];
        return v && (v.k === 'int' || v.k === 'float')
          ? { k: v.k, v: Math.abs(v.v) }
          : UNKNOWN_VALUE;
      },
      float: (args) => {
        const v = args[0];
        if (v && (v.k === 'int' || v.k === 'float')) return { k: 'float', v: v.v };
        return UNKNOWN_VALUE;
      },
      bool: (args) => {
        const t = args[0] ? truthy(args[0]) : false;
        return t === undefined ? UNKNOWN_VALUE : { k: 'bool', v: t };
      },
      // `sum(xs, start=0)`: `start + xs[0] + xs[1] + ...`, each step Python's `+` (numbers,
      // dimensions, tensors); unknown when the sequence is not known.
      sum: (args, kwargs, at) => {
        const items = args[0] ? this.members(args[0]) : null;
        if (!items || items.length > this.maxLoop) return UNKNOWN_VALUE;
        let total: Value = args[1] ?? kwargs.get('start') ?? { k: 'int', v: 0 };
        for (const x of items) total = this.binop('+', total, x, at);
        return total;
      },
      any: (args) => this.anyAll(args[0], true),
      all: (args) => this.anyAll(args[0], false),
      sorted: (args) => {
        const items = args[0] ? this.members(args[0]) : null;
        if (!items) return UNKNOWN_VALUE;
        if (items.every((x) => x.k === 'int' || x.k === 'float'))
          return {
            k: 'list',
            items: [...items].sort((a, b) => (a as { v: number }).v - (b as { v: number }).v),
          };
        if (items.every((x) => x.k === 'str' && !x.v.includes('\u0001')))
          return {
            k: 'list',
            items: [...items].sort((a, b) =>
              (a as { v: string }).v < (b as { v: string }).v ? -1 : 1,
            ),
          };
        return UNKNOWN_VALUE;
      },
      enumerate: (args) => {
        const v = args[0] ?? UNKNOWN_VALUE;
        const items = this.iterate(v);
        if (!items) return { k: 'object', kind: 'enumerate', attrs: new Map([['inner', v]]) };
        return {
          k: 'list',
          items: items.map((x, i) => ({ k: 'tuple', items: [{ k: 'int', v: i }, x] }) as Value),
        };
      },
      zip: (args) => {
        const lists = args.map((a) => this.iterate(a));
        if (lists.some((l) => l === null)) {
          return {
            k: 'object',
            kind: 'zip',
            attrs: new Map([['parts', { k: 'tuple', items: args } as Value]]),
          };
        }
        // `zip()` of nothing (`zip(*clones)` of an empty list) is empty.
        const n = lists.length ? Math.min(...(lists as Value[][]).map((l) => l.length)) : 0;
        return {
          k: 'list',
          items: Array.from(
            { length: n },
            (_, i) => ({ k: 'tuple', items: (lists as Value[][]).map((l) => l[i]) }) as Value,
          ),
        };
      },
      reversed: (args) => {
        const items = args[0] ? this.iterate(args[0]) : null;
        return items ? { k: 'list', items: items.reverse() } : UNKNOWN_VALUE;
      },
      // `map(int, '3,4,5'.split(','))`: the function applied to the items in order (an
      // iterator in Python; a list here, as `zip` is). Unknown when an iterable is not known.
      map: (args, _kw, at) => {
        const [fn, ...seqs] = args;
        const lists = seqs.map((a) => this.iterate(a));
        if (!fn || lists.length === 0 || lists.some((l) => l === null)) return UNKNOWN_VALUE;
        const n = Math.min(...(lists as Value[][]).map((l) => l.length));
        if (n > this.maxLoop) return UNKNOWN_VALUE;
        const items: Value[] = [];
        for (let i = 0; i < n; i++)
          items.push(
            this.callValue(
              fn,
              (lists as Value[][]).map((l) => l[i]),
              NO_KWARGS,
              at,
            ),
          );
        return { k: 'list', items };
      },
      // `filter(None, xs)` / `filter(f, xs)`: the items whose test is true; unknown when one
      // test is not known.
      filter: (args, _kw, at) => {
        const [fn, seq] = args;
        const items = seq ? this.iterate(seq) : null;
        if (!fn || !items || items.length > this.maxLoop) return UNKNOWN_VALUE;
        const kept: Value[] = [];
        for (const x of items) {
          const t = truthy(fn.k === 'none' ? x : this.callValue(fn, [x], NO_KWARGS, at));
          if (t === undefined) return UNKNOWN_VALUE;
          if (t) kept.push(x);
        }
        return { k: 'list', items: kept };
      },
    };
  }
}

// -- helpers ----------------------------------------------------------------------------------

/** The function a class attribute defines: a method, or a property's/static method's function. */
function methodFunction(v: Value): (Value & { k: 'func' }) | undefined {
  if (v.k === 'func') return v;
  if (
    v.k === 'object' &&
    (v.kind === 'property' || v.kind === 'staticmethod' || v.kind === 'classmethod')
  ) {
    const f = v.attrs.get('fget');
    if (f && f.k === 'func') return f;
  }
  return undefined;
}

function str(v: string): Value {
  return { k: 'str', v };
}

function left(e: Expr): Expr {
  return e.kind === 'BinOp' ? e.left : e;
}
function right(e: Expr): Expr {
  return e.kind === 'BinOp' ? e.right : e;
}

/** `String(x)` in JavaScript, for the parts of `'a' + x`. */
function jsStr(v: Value, pyText: string): string {
  if (v.k === 'bool') return v.v ? 'true' : 'false';
  if (v.k === 'none') return 'null';
  if (v.k === 'float' && Number.isInteger(v.v)) return String(v.v);
  return pyText;
}

/** The label of a hole made from an expression: the name, attribute or call it is. */
export function exprLabel(e: Expr): string {
  switch (e.kind) {
    case 'Name':
      return e.id;
    case 'Attribute':
      return e.attr;
    case 'Call':
      return exprLabel(e.func);
    case 'Subscript':
      return exprLabel(e.value);
    default:
      return '?';
  }
}

/** The set operators, by the method each is. */
const SET_OPERATORS: Record<
  string,
  'union' | 'intersection' | 'difference' | 'symmetric_difference' | undefined
> = { '|': 'union', '&': 'intersection', '-': 'difference', '^': 'symmetric_difference' };

/**
 * The one item of a set whose contents stopped being known (an item added whose equality to
 * another is not known): neither its items nor its size can be relied on.
 */
const VAGUE_SET_ITEM: Value = Object.freeze({ k: 'unknown' });

function isVagueSet(v: Value): boolean {
  return v.k === 'list' && v.set === true && v.items.includes(VAGUE_SET_ITEM);
}

/** Python hashes these (a set may hold them); a list, a dict or a set is unhashable. */
function hashable(v: Value): boolean {
  return v.k !== 'dict' && !(v.k === 'list');
}

/**
 * A set of `items` (the first of equal ones kept, as Python keeps it); unknown when an item is
 * unhashable (Python raises) or when whether two items are equal is not known (a hole).
 */
export function makeSet(items: readonly Value[]): Value {
  const out: Value[] = [];
  for (const x of items) {
    if (!hashable(x)) return UNKNOWN_VALUE;
    const seen = memberOf(out, x);
    if (seen === undefined) return UNKNOWN_VALUE;
    if (!seen) out.push(x);
  }
  return { k: 'list', items: out, set: true };
}

/** Whether `x` is among `items`: undefined when an equality is not known. */
function memberOf(items: readonly Value[], x: Value): boolean | undefined {
  let unknown = false;
  for (const y of items) {
    const r = x === y ? true : equalsFast(x, y);
    if (r === true) return true;
    if (r === undefined) unknown = true;
  }
  return unknown ? undefined : false;
}

/** `a | b`, `a & b`, `a - b`, `a ^ b` of two sets (unknown when membership is not known). */
function setAlgebra(
  how: 'union' | 'intersection' | 'difference' | 'symmetric_difference',
  a: Value,
  b: Value,
): Value {
  if (a.k !== 'list' || b.k !== 'list' || isVagueSet(a) || isVagueSet(b)) return UNKNOWN_VALUE;
  if (how === 'union') return makeSet([...a.items, ...b.items]);
  const keep = (from: readonly Value[], other: readonly Value[], inOther: boolean) => {
    const out: Value[] = [];
    for (const x of from) {
      const r = memberOf(other, x);
      if (r === undefined) return null;
      if (r === inOther) out.push(x);
    }
    return out;
  };
  if (how === 'intersection' || how === 'difference') {
    const out = keep(a.items, b.items, how === 'intersection');
    return out ? { k: 'list', items: out, set: true } : UNKNOWN_VALUE;
  }
  const left = keep(a.items, b.items, false);
  const right = keep(b.items, a.items, false);
  return left && right ? { k: 'list', items: [...left, ...right], set: true } : UNKNOWN_VALUE;
}

/** `a.issubset(b)`, `a.issuperset(b)`, `a.isdisjoint(b)`; undefined when not known. */
function setRelation(
  how: 'issubset' | 'issuperset' | 'isdisjoint',
  a: readonly Value[],
  b: readonly Value[],
): boolean | undefined {
  const [from, into] = how === 'issuperset' ? [b, a] : [a, b];
  let unknown = false;
  for (const x of from) {
    const r = memberOf(into, x);
    if (r === undefined) unknown = true;
    else if (how === 'isdisjoint' ? r : !r) return false;
  }
  return unknown ? undefined : true;
}

/**
 * Dicts keyed by variables (an optimizer's slots of each variable) are looked up once per
 * variable they hold, so a search in order made a model's training op quadratic in its
 * variables. Such a dict's entries get an index by variable: made by the first lookup of a
 * variable once the dict has `INDEXED_FROM` entries, extended as entries are added
 * (`setEntries`), dropped when entries are removed (`forgetIndex`). Only dicts whose keys are
 * all variables have one (null marks the others): there a key matches a variable exactly when
 * it is that variable (`sameKey`).
 */
const VARIABLE_INDEX = new WeakMap<Array<[Value, Value]>, Map<AVariable, number> | null>();
const INDEXED_FROM = 16;

function variableIndex(entries: Array<[Value, Value]>): Map<AVariable, number> | null {
  let ix = VARIABLE_INDEX.get(entries);
  if (ix !== undefined) return ix;
  ix = new Map();
  for (let i = 0; i < entries.length; i++) {
    const k = entries[i][0];
    if (k.k !== 'variable') {
      ix = null;
      break;
    }
    if (!ix.has(k.v)) ix.set(k.v, i);
  }
  VARIABLE_INDEX.set(entries, ix);
  return ix;
}

/** The index of `key`'s entry in a dict's entries (Python's key equality), or -1. */
export function entryIndex(entries: Array<[Value, Value]>, key: Value): number {
  if (key.k === 'variable' && entries.length >= INDEXED_FROM) {
    const ix = variableIndex(entries);
    if (ix) return ix.get(key.v) ?? -1;
  }
  return entries.findIndex(([k]) => sameKey(k, key));
}

/** Entries were removed or replaced wholesale: their index no longer holds. */
function forgetIndex(entries: Array<[Value, Value]>): void {
  VARIABLE_INDEX.delete(entries);
}

function setEntries(entries: Array<[Value, Value]>, key: Value, value: Value): void {
  const i = entryIndex(entries, key);
  if (i >= 0) {
    entries[i] = [key, value];
    return;
  }
  entries.push([key, value]);
  const ix = VARIABLE_INDEX.get(entries);
  if (!ix) return;
  if (key.k === 'variable') ix.set(key.v, entries.length - 1);
  else VARIABLE_INDEX.set(entries, null);
}

function setEntry(d: Value & { k: 'dict' }, key: Value, value: Value): void {
  setEntries(d.entries, key, value);
}

/** Builtins that change nothing an analysis sees (`getattr` of a property runs it: a call). */
const HARMLESS = new Set(
  (
    'print len range str int float bool list tuple dict set frozenset isinstance hasattr ' +
    'getattr dir callable min max abs sum any all sorted enumerate zip reversed map filter'
  ).split(' '),
);

/** NumPy's scalar types that are TF dtypes too, by their NumPy names. */
const NUMPY_DTYPES = [
  'float16',
  'float32',
  'float64',
  'int8',
  'int16',
  'int32',
  'int64',
  'uint8',
  'uint16',
  'bool_',
  'complex64',
  'complex128',
];

/** A variable or tensor of the graph (what `tf.global_variables()` or a collection lists). */
function isGraphObject(v: Value): boolean {
  return v.k === 'variable' || v.k === 'partitioned' || v.k === 'tensor';
}

/**
 * What a probe (`tryBoth`) may call: nothing that runs TF's rules. The program's own functions
 * run under the probe (a training loop's `should(freq)`, a logging helper): whatever they do
 * that a probe cannot undo gives it up there. The layer libraries' functions, whose work is TF's,
 * give it up at once.
 */
function harmlessCallee(fn: Value): boolean {
  return (
    fn.k === 'unknown' ||
    fn.k === 'exctype' ||
    (fn.k === 'func' && !isLibraryFile(fn.file)) ||
    (fn.k === 'builtin' && fn.harmless === true)
  );
}

/** The value of a literal (an immutable scalar, `None`, or unknown). */
function constantValue(e: Extract<Expr, { kind: 'Constant' }>): Value {
  switch (e.pyType) {
    case 'int':
      return { k: 'int', v: Number(e.value) };
    case 'float':
      return { k: 'float', v: Number(e.value) };
    case 'str':
      return { k: 'str', v: String(e.value) };
    case 'bool':
      return { k: 'bool', v: Boolean(e.value) };
    case 'None':
      return NONE;
    default:
      return UNKNOWN_VALUE;
  }
}

const ORDERING = new Set(['<', '<=', '>', '>=']);

/** The results of comparisons and `not`, shared (values are never changed in place). */
const TRUE: Value = { k: 'bool', v: true };
const FALSE: Value = { k: 'bool', v: false };
/** Each variable's `op` (`Interpreter.variableOp`). */
const VARIABLE_OPS = new WeakMap<AVariable, Value & { k: 'object' }>();
/** Each literal's value (`constantValue`), by its IR node; IR nodes outlive analyses. */
const CONSTANTS = new WeakMap<Expr, Value>();

/**
 * The keyword arguments of a call that passes none, shared: no callee changes the map it is
 * given (a getter that drops a keyword copies it first), and most calls pass none.
 */
const NO_KWARGS: Map<string, Value> = new Map();

/** Thrown where a probe (`tryBoth`) gives up: what comes next could make an outcome. */
const NOT_HARMLESS = { notHarmless: true } as const;

const ABSENT = Symbol('absent');

/** The first value of each attribute, list and dict a stretch of code wrote. */
class Journal {
  readonly attrs = new Map<Map<string, Value>, Map<string, Value | typeof ABSENT>>();
  readonly arrays = new Map<Value[], Value[]>();
  readonly dicts = new Map<Value & { k: 'dict' }, Array<[Value, Value]>>();

  attr(attrs: Map<string, Value>, key: string): void {
    let keys = this.attrs.get(attrs);
    if (!keys) this.attrs.set(attrs, (keys = new Map()));
    if (!keys.has(key)) keys.set(key, attrs.has(key) ? (attrs.get(key) as Value) : ABSENT);
  }
  array(items: Value[]): void {
    if (!this.arrays.has(items)) this.arrays.set(items, [...items]);
  }
  dict(d: Value & { k: 'dict' }): void {
    if (!this.dicts.has(d))
      this.dicts.set(
        d,
        d.entries.map(([k, v]) => [k, v]),
      );
  }

  /** The current values of what was written, in a journal of their own. */
  snapshot(): Journal {
    const now = new Journal();
    for (const [attrs, keys] of this.attrs) for (const key of keys.keys()) now.attr(attrs, key);
    for (const items of this.arrays.keys()) now.array(items);
    for (const d of this.dicts.keys()) now.dict(d);
    return now;
  }

  /** Puts back the first values. */
  undo(): void {
    for (const [attrs, keys] of this.attrs)
      for (const [key, old] of keys) {
        if (old === ABSENT) attrs.delete(key);
        else attrs.set(key, old);
      }
    for (const [items, old] of this.arrays) items.splice(0, items.length, ...old);
    for (const [d, old] of this.dicts) {
      d.entries.splice(0, d.entries.length, ...old);
      forgetIndex(d.entries);
    }
  }
}

/** A block whose last statement raises. */
/**
 * One tensor for two a name may hold after an `if` (`execBoth`): the dtype both have, each
 * dimension both give (else not known), the variables either depends on; undefined when either
 * is no tensor.
 */
function joinTensors(a: Value, b: Value): Value | undefined {
  if (a.k !== 'tensor' || b.k !== 'tensor') return undefined;
  const x = Array.isArray(a.shape) ? a.shape : null;
  const y = Array.isArray(b.shape) ? b.shape : null;
  const shape =
    x && y && x.length === y.length ? x.map((d, i) => (d === y[i] ? d : UNKNOWN)) : UNKNOWN;
  const dtype = a.dtype && b.dtype && a.dtype.name === b.dtype.name ? a.dtype : null;
  return withDeps(tensor(null, dtype, shape), unionDeps([a, b]), anyAssumed([a, b]));
}

/** An `if` whose branches may return, break, continue or raise (not only fall through). */
function leavesBlock(s: Stmt): boolean {
  let leaves = false;
  walk(s, {
    enter(n) {
      const k = (n as { kind?: string }).kind;
      if (k === 'FunctionDef' || k === 'ClassDef' || k === 'FunctionExpr') return false;
      if (k === 'Return' || k === 'Break' || k === 'Continue' || k === 'Raise') leaves = true;
      return !leaves;
    },
  });
  return leaves;
}

type LoopStmt = Extract<Stmt, { kind: 'For' | 'While' }>;

/**
 * `freshList`'s answers, by the statements it read (a module's change with every version of
 * the file; a function's only with a new `def`) and the loop.
 */
const freshLists = new WeakMap<readonly Stmt[], WeakMap<LoopStmt, Map<string, boolean>>>();

/**
 * Whether, while `loop` (in `body`: a function's statements, or a module's) runs, only the name
 * `name` of that frame can hold the list it holds: `body` binds it once, to a new empty list
 * (`name = []`, `name = list()`, `a, b = [], []`), before the loop, and until the loop ends
 * reads it only to append to it (`name.append(x)`, `name.extend(xs)`, `name.insert(i, x)`) or
 * for its length (`len(name)`); no `global`, and no function or class defined in `body`
 * mentions it. What reads it after the loop reads the name, not the list.
 */
function freshList(body: readonly Stmt[], loop: LoopStmt, name: string): boolean {
  let loops = freshLists.get(body);
  if (!loops) freshLists.set(body, (loops = new WeakMap()));
  let known = loops.get(loop);
  if (!known) loops.set(loop, (known = new Map()));
  let fresh = known.get(name);
  if (fresh === undefined) known.set(name, (fresh = isFreshList(body, loop, name)));
  return fresh;
}

const APPENDS = new Set(['append', 'extend', 'insert']);

/** `[]` or `list()`. */
function newEmptyList(e: Expr): boolean {
  return (
    (e.kind === 'List' && e.elts.length === 0) ||
    (e.kind === 'Call' &&
      e.func.kind === 'Name' &&
      e.func.id === 'list' &&
      e.args.length === 0 &&
      e.keywords.length === 0)
  );
}

function isFreshList(body: readonly Stmt[], loop: LoopStmt, name: string): boolean {
  let bindings = 0;
  // The uses that neither store nor pass the list: its binding, appends and `len`.
  const allowed = new Set<Expr>();
  let fresh = true;
  // Where the loop's last run ends: inside another loop of `body`, the next iteration of that one
  // may run it again, so only what follows the outermost such loop comes after it.
  let end = loop.span.to;
  for (const s of body) {
    walk(s, {
      enter: (node) => {
        if (
          (node.kind === 'For' || node.kind === 'While') &&
          node.span.from <= loop.span.from &&
          node.span.to >= loop.span.to
        )
          end = Math.max(end, node.span.to);
      },
    });
  }
  for (const s of body) {
    walk(s, {
      enter: (node) => {
        if (!fresh) return false;
        switch (node.kind) {
          case 'FunctionDef':
          case 'Lambda':
          case 'ClassDef': {
            let mentioned = false;
            walk(node, {
              enter: (inner) => {
                if (inner.kind === 'Name' && inner.id === name) mentioned = true;
              },
            });
            if (mentioned) fresh = false;
            return false;
          }
          case 'Global':
          case 'Nonlocal':
            if (node.names.includes(name)) fresh = false;
            return;
          case 'Assign': {
            if (node.targets.length !== 1 || node.span.to > loop.span.from) return;
            const target = node.targets[0];
            if (target.kind === 'Name' && target.id === name && newEmptyList(node.value)) {
              bindings++;
              allowed.add(target);
            } else if (target.kind === 'Tuple' && node.value.kind === 'Tuple') {
              const values = node.value.elts;
              target.elts.forEach((t, i) => {
                if (t.kind === 'Name' && t.id === name && values[i] && newEmptyList(values[i])) {
                  bindings++;
                  allowed.add(t);
                }
              });
            }
            return;
          }
          case 'Call': {
            const f = node.func;
            if (
              f.kind === 'Attribute' &&
              APPENDS.has(f.attr) &&
              f.value.kind === 'Name' &&
              f.value.id === name
            )
              allowed.add(f.value);
            else if (
              f.kind === 'Name' &&
              f.id === 'len' &&
              node.args.length === 1 &&
              node.args[0].kind === 'Name' &&
              node.args[0].id === name
            )
              allowed.add(node.args[0]);
            return;
          }
          case 'Name':
            if (node.id !== name || allowed.has(node)) return;
            // After the loop it reads the name, which no longer holds the list.
            if (node.span.from >= end) return;
            fresh = false;
            return;
        }
      },
    });
    if (!fresh) return false;
  }
  return fresh && bindings === 1;
}

function endsInRaise(block: readonly Stmt[]): boolean {
  return block.length > 0 && block[block.length - 1].kind === 'Raise';
}

const loopTargetCache = new WeakMap<Stmt, Expr[]>();

/** What a loop's target and body assign: names and `name.attr` (nested blocks included). */
function loopTargets(s: Extract<Stmt, { kind: 'For' }>): Expr[] {
  const known = loopTargetCache.get(s);
  if (known) return known;
  const out: Expr[] = [];
  const target = (t: Expr): void => {
    if (t.kind === 'Tuple' || t.kind === 'List') t.elts.forEach(target);
    else if (t.kind === 'Starred') target(t.value);
    else out.push(t);
  };
  const stmt = (x: Stmt): void => {
    switch (x.kind) {
      case 'Assign':
        x.targets.forEach(target);
        return;
      case 'AugAssign':
      case 'AnnAssign':
        target(x.target);
        return;
      case 'For':
        target(x.target);
        x.body.forEach(stmt);
        x.orelse.forEach(stmt);
        return;
      case 'While':
      case 'If':
        x.body.forEach(stmt);
        x.orelse.forEach(stmt);
        return;
      case 'With':
        for (const item of x.items) if (item.asName) target(item.asName);
        x.body.forEach(stmt);
        return;
      case 'Try':
        x.body.forEach(stmt);
        for (const h of x.handlers) h.body.forEach(stmt);
        x.orelse.forEach(stmt);
        x.finalbody.forEach(stmt);
        return;
      default:
        return;
    }
  };
  target(s.target);
  s.body.forEach(stmt);
  loopTargetCache.set(s, out);
  return out;
}

const pureCache = new WeakMap<Stmt, boolean>();

/** Methods that change a list, dict or set in place. */
const MUTATORS = new Set([
  'append',
  'extend',
  'insert',
  'update',
  'setdefault',
  'add',
  'pop',
  'popitem',
  'remove',
  'discard',
  'clear',
]);
const fillsCache = new WeakMap<Stmt, boolean>();

/**
 * Whether a loop's body writes into a container: an item assigned (`d[v] = ...`) or a method
 * that changes one called (`names.append(...)`). Such a loop builds what the code after it
 * reads (a dict from each variable to its name), so its quiet iterations are not all alike,
 * and widening it would leave the container with the first few items. By name only (a
 * progress bar's `update` counts too): a loop taken for one runs every item, as a short one.
 */
function fillsContainers(s: Extract<Stmt, { kind: 'For' }>): boolean {
  let r = fillsCache.get(s);
  if (r !== undefined) return r;
  let found = false;
  for (const st of s.body)
    walk(st, {
      enter: (n) => {
        if (found) return false;
        if (
          (n.kind === 'Assign' || n.kind === 'AugAssign' || n.kind === 'AnnAssign') &&
          (n.kind === 'Assign' ? n.targets : [n.target]).some(writesItem)
        )
          found = true;
        else if (n.kind === 'Call' && n.func.kind === 'Attribute' && MUTATORS.has(n.func.attr))
          found = true;
        return !found;
      },
    });
  fillsCache.set(s, (r = found));
  return r;
}

/** An assignment target that writes an item (`d[k]`, `a, b[i]`). */
function writesItem(t: Expr): boolean {
  if (t.kind === 'Subscript') return true;
  if (t.kind === 'Tuple' || t.kind === 'List') return t.elts.some(writesItem);
  if (t.kind === 'Starred') return writesItem(t.value);
  return false;
}

/** An `if` whose branches only bind names to call-free expressions (no TF can happen there). */
function onlyAssignsNames(s: Stmt): boolean {
  const cached = pureCache.get(s);
  if (cached !== undefined) return cached;
  const pureStmt = (x: Stmt): boolean => {
    switch (x.kind) {
      case 'Pass':
        return true;
      case 'ExprStmt':
        return x.expr.kind === 'Constant';
      case 'Assign':
        return x.targets.every((t) => t.kind === 'Name') && callFree(x.value);
      case 'AugAssign':
      case 'AnnAssign':
        return x.target.kind === 'Name' && (x.value === null || callFree(x.value));
      case 'If':
        return callFree(x.test) && x.body.every(pureStmt) && x.orelse.every(pureStmt);
      default:
        return false;
    }
  };
  const pure = pureStmt(s);
  pureCache.set(s, pure);
  return pure;
}

/** No calls (nothing can run TF code) and no functions made. */
function callFree(e: Expr): boolean {
  let free = true;
  walk(e, {
    enter: (node) => {
      if (node.kind === 'Call' || node.kind === 'Lambda' || node.kind === 'FunctionExpr')
        free = false;
      return free;
    },
  });
  return free;
}

/** Structural equality of simple values (for joining the branches of an `if`). */
/**
 * A value whose identity decides what a later call does: a class, a function (the program's, or
 * a TF API: `decode = tf.image.decode_png`) or a module.
 */
function decidesBehaviour(v: Value | undefined): boolean {
  return (
    v !== undefined &&
    (v.k === 'class' || v.k === 'func' || v.k === 'module' || (v.k === 'builtin' && !v.harmless))
  );
}

function sameValue(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (a.k !== b.k) return false;
  switch (a.k) {
    case 'none':
      return true;
    case 'bool':
    case 'int':
    case 'float':
    case 'str':
      return a.v === (b as typeof a).v;
    case 'list':
    case 'tuple': {
      const bi = (b as typeof a).items;
      return a.items.length === bi.length && a.items.every((x, i) => sameValue(x, bi[i]));
    }
    default:
      return false;
  }
}

export function builtin(
  name: string,
  call: (args: Value[], kwargs: Map<string, Value>, at: Expr) => Value,
): Value {
  return { k: 'builtin', name, call };
}

/**
 * `a == b` for values TF1 compares by identity (variables, tensors, ops, graphs) and for dtypes
 * (equal when their names are); undefined for anything else.
 */
const byIdentity = (v: Value) =>
  v.k === 'variable' ||
  v.k === 'tensor' ||
  (v.k === 'object' && (v.kind === 'Operation' || v.kind === 'Graph'));

function identical(a: Value, b: Value): boolean | undefined {
  if (a.k === 'variable' && b.k === 'variable') return a.v === b.v;
  if (byIdentity(a) && byIdentity(b)) return a === b;
  if (a.k === 'object' && b.k === 'object' && a.kind === 'DType' && b.kind === 'DType') {
    const x = a.attrs.get('name');
    const y = b.attrs.get('name');
    return x && y && x.k === 'str' && y.k === 'str' ? x.v === y.v : undefined;
  }
  return undefined;
}

/**
 * Python's `==` of two lists or two tuples: equal lengths and items equal in order (a list never
 * equals a tuple); undefined when an item's equality is not known, or for anything else.
 */
function sequencesEqual(a: Value, b: Value, depth: number): boolean | undefined {
  const seq = (v: Value) => v.k === 'list' || v.k === 'tuple';
  if (!seq(a) || !seq(b) || depth > 8) return undefined;
  if (a.k !== b.k) return false;
  const xs = (a as { items: Value[] }).items;
  const ys = (b as { items: Value[] }).items;
  if (xs.length !== ys.length) return false;
  let known = true;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i] as Value;
    const y = ys[i] as Value;
    const same = seq(x) && seq(y) ? sequencesEqual(x, y, depth + 1) : compare('==', x, y);
    if (same === false) return false;
    if (same === undefined) known = false;
  }
  return known ? true : undefined;
}

const isPlain = (v: Value) =>
  v.k === 'str' || v.k === 'int' || v.k === 'float' || v.k === 'bool' || v.k === 'none';
const isOpaque = (v: Value) =>
  v.k === 'object' ||
  v.k === 'func' ||
  v.k === 'class' ||
  v.k === 'builtin' ||
  v.k === 'variable' ||
  v.k === 'tensor' ||
  v.k === 'scope';
const numberOf = (v: Value) =>
  v.k === 'int' || v.k === 'float' ? v.v : v.k === 'bool' ? Number(v.v) : undefined;

/**
 * Whether a dict key is `key` (`compare('==', k, key) === true`), without `compare`'s general
 * path for the common case of two strings.
 */
export function sameKey(k: Value, key: Value): boolean {
  if (k === key) return true;
  if (k.k === 'str' && key.k === 'str') return k.v === key.v;
  // A dict keyed by variables (an optimizer's slots) is searched at every lookup: what
  // `compare` answers for two variables, without its general path.
  if (k.k === 'variable' && key.k === 'variable') return k.v === key.v;
  return compare('==', k, key) === true;
}

/**
 * `compare('==', a, b)`, with the answers for two variables and two strings taken directly (what
 * `compare` answers for them, without its general path).
 */
function equalsFast(a: Value, b: Value): boolean | undefined {
  if (a.k === 'variable' && b.k === 'variable') return a.v === b.v;
  if (a.k === 'str' && b.k === 'str') {
    if (a.v === b.v) return true;
    return a.v.includes('\u0001') || b.v.includes('\u0001') ? undefined : false;
  }
  return compare('==', a, b);
}

/** Python comparison of abstract values; undefined when not known. */
export function compare(op: string, a: Value, b: Value): boolean | undefined {
  if (a.k === 'unknown' || b.k === 'unknown') return compareBound(op, a, b);
  // `x is None`, the commonest test of all: None is a singleton.
  if ((a.k === 'none' || b.k === 'none') && (op === 'is' || op === 'is not'))
    return (a.k === b.k) === (op === 'is');
  // None is a singleton: it equals itself (a shape's unknown dimension compared with another).
  if (a.k === 'none' && b.k === 'none' && (op === '==' || op === '!=')) return op === '==';
  // An object that is not a number or a string never equals one (Python's default __eq__).
  const plain = isPlain;
  const opaque = isOpaque;
  if ((op === '==' || op === '!=') && ((plain(a) && opaque(b)) || (opaque(a) && plain(b))))
    return op === '!=';
  if (a.k === 'list' && b.k === 'list' && (a.set || b.set)) {
    // Sets: equal when they hold the same items, in any order (a set never equals a list).
    if ((op !== '==' && op !== '!=') || isVagueSet(a) || isVagueSet(b)) return undefined;
    const same =
      !!a.set === !!b.set && a.items.length === b.items.length
        ? setRelation('issubset', a.items, b.items)
        : false;
    return same === undefined ? undefined : same === (op === '==');
  }
  if (op === '==' || op === '!=') {
    const same = identical(a, b) ?? sequencesEqual(a, b, 0);
    if (same !== undefined) return op === '==' ? same : !same;
  }
  // Functions and classes compare by identity (each `def`/`class` made one value).
  if (
    (op === '==' || op === '!=') &&
    (a.k === 'func' || a.k === 'class') &&
    (b.k === 'func' || b.k === 'class')
  )
    return (a === b) === (op === '==');
  const x = numberOf(a);
  const y = numberOf(b);
  if (x !== undefined && y !== undefined) {
    switch (op) {
      case '==':
        return x === y;
      case '!=':
        return x !== y;
      case '<':
        return x < y;
      case '<=':
        return x <= y;
      case '>':
        return x > y;
      case '>=':
        return x >= y;
    }
  }
  if (a.k === 'str' && b.k === 'str') {
    if (a.v === b.v) {
      if (op === '==' || op === 'is' || op === '<=' || op === '>=') return true;
      return op === '!=' || op === 'is not' || op === '<' || op === '>' ? false : undefined;
    }
    if (a.v.includes('\u0001') || b.v.includes('\u0001')) return undefined;
    if (op === '==') return false;
    if (op === '!=') return true;
    if (op === '<') return a.v < b.v;
    if (op === '<=') return a.v <= b.v;
    if (op === '>') return a.v > b.v;
    if (op === '>=') return a.v >= b.v;
  }
  if (op === 'is' || op === 'is not') {
    // None, True and False are singletons: `flag is False` holds for every False.
    const same =
      a === b ||
      (a.k === 'variable' && b.k === 'variable' && a.v === b.v) ||
      (a.k === 'none' && b.k === 'none') ||
      (a.k === 'bool' && b.k === 'bool' && a.v === b.v);
    const knownDifferent = a.k !== b.k && (a.k === 'none' || b.k === 'none');
    if (!same && !knownDifferent && a.k !== 'none' && b.k !== 'none') return op === 'is not';
    return op === 'is' ? same : !same;
  }
  if (op === '==' && (a.k === 'none') !== (b.k === 'none')) return false;
  if (op === '!=' && (a.k === 'none') !== (b.k === 'none')) return true;
  return undefined;
}

/** Comparisons an unknown counter's lower bound decides (`i > 0` past the first iteration). */
function compareBound(op: string, a: Value, b: Value): boolean | undefined {
  // A DType not known is still not None.
  if (
    (a.k === 'unknown' && a.dtype && b.k === 'none') ||
    (b.k === 'unknown' && b.dtype && a.k === 'none')
  )
    return op === 'is not' || op === '!=' ? true : op === 'is' || op === '==' ? false : undefined;
  if (a.k === 'unknown' && a.lo !== undefined && b.k === 'int') {
    if ((op === '>' && a.lo > b.v) || (op === '>=' && a.lo >= b.v) || (op === '!=' && a.lo > b.v))
      return true;
    if ((op === '<' && a.lo >= b.v) || (op === '<=' && a.lo > b.v) || (op === '==' && a.lo > b.v))
      return false;
  }
  if (b.k === 'unknown' && b.lo !== undefined && a.k === 'int') {
    const flip: Record<string, string> = {
      '<': '>',
      '<=': '>=',
      '>': '<',
      '>=': '<=',
      '==': '==',
      '!=': '!=',
    };
    if (flip[op]) return compareBound(flip[op], b, a);
  }
  return undefined;
}
