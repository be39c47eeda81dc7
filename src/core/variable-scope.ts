/**
 * Variable scopes: TF 1.15's `VariableScope`, `_VariableScopeStore`, `_pure_variable_scope` and
 * `variable_scope`, as one state machine per graph.
 *
 * The scope *object* (`VariableScope`) carries a name, a reuse flag and defaults that
 * `get_variable` falls back to. Its opaque slots (initializer, regularizer, ...) are typed by the
 * caller through `S`: the core only copies them around and never calls them, except for the
 * custom-getter composition that the caller supplies as a function.
 *
 * What this module does not do: create variables (store.ts), name ops (names.ts does the
 * uniquification this module asks for), or hold tensors.
 */
import { DType, DTypes } from './dtypes';
import { ERROR_CODES, ErrorInfo, errorInfo, raise, toException } from './errors';
import { NameRegistry } from './names';
import {
  AUTO_REUSE,
  normalizeReuseArg,
  Reuse,
  ReuseArg,
  reuseForNamedScope,
  reuseForScopeObject,
  reuseTruthy,
} from './reuse';

/** The types of a scope's opaque default slots, chosen by the runtime that uses the core. */
export interface ScopeSlots {
  initializer: unknown;
  regularizer: unknown;
  partitioner: unknown;
  customGetter: unknown;
  constraint: unknown;
  cachingDevice: unknown;
}

/** TF's `VariableScope`: a name, a reuse flag and defaults for `get_variable`. */
export class VariableScope<S extends ScopeSlots = ScopeSlots> {
  constructor(
    /** `false`, `true` or `AUTO_REUSE`. */
    public reuse: Reuse,
    /** Full scope name, '' for the root. */
    readonly name: string = '',
    public initializer: S['initializer'] | null = null,
    public regularizer: S['regularizer'] | null = null,
    public cachingDevice: S['cachingDevice'] | null = null,
    public partitioner: S['partitioner'] | null = null,
    public customGetter: S['customGetter'] | null = null,
    /** `original_name_scope`: the name scope opened when this scope was first entered. */
    readonly originalNameScope: string = '',
    public dtype: DType = DTypes.float32,
    public useResource: boolean | null = null,
    public constraint: S['constraint'] | null = null,
  ) {}

  /** `scope.reuse_variables()`: this object reuses from now on (the root scope too). */
  reuseVariables(): void {
    this.reuse = true;
  }

  /** A copy with the same settings (used when re-entering a captured scope). */
  copyWith(reuse: Reuse, constraint: S['constraint'] | null): VariableScope<S> {
    return new VariableScope<S>(
      reuse,
      this.name,
      this.initializer,
      this.regularizer,
      this.cachingDevice,
      this.partitioner,
      this.customGetter,
      this.originalNameScope,
      this.dtype,
      this.useResource,
      constraint,
    );
  }
}

/** Arguments of `variable_scope(...)`, as TF takes them. */
export interface VariableScopeArgs<S extends ScopeSlots = ScopeSlots> {
  nameOrScope: string | VariableScope<S> | null | undefined;
  defaultName?: string | null;
  reuse?: ReuseArg;
  initializer?: S['initializer'] | null;
  regularizer?: S['regularizer'] | null;
  cachingDevice?: S['cachingDevice'] | null;
  partitioner?: S['partitioner'] | null;
  customGetter?: S['customGetter'] | null;
  dtype?: DType | null;
  useResource?: boolean | null;
  constraint?: S['constraint'] | null;
  auxiliaryNameScope?: boolean;
}

/**
 * `variable_scope.__init__` validation: what TF checks when the context manager is *built*
 * (before `with`). Returns the arguments with `reuse` normalised, or TF's error.
 */
export function validateScopeArgs<S extends ScopeSlots>(
  args: VariableScopeArgs<S>,
): VariableScopeArgs<S> | ErrorInfo {
  if (
    (args.defaultName === null || args.defaultName === undefined) &&
    (args.nameOrScope === null || args.nameOrScope === undefined)
  ) {
    return errorInfo(
      ERROR_CODES.scopeArgs,
      'TypeError',
      'If default_name is None then name_or_scope is required',
    );
  }
  const reuse = normalizeReuseArg(args.reuse);
  if (typeof reuse === 'object' && reuse !== null && 'code' in reuse) return reuse;
  const aux = args.auxiliaryNameScope ?? true;
  if (typeof aux !== 'boolean') {
    return errorInfo(
      ERROR_CODES.scopeArgs,
      'TypeError',
      `The auxiliary_name_scope must be \`True\` or \`False\`, while get ${String(aux)}`,
    );
  }
  return { ...args, reuse: reuse as ReuseArg, auxiliaryNameScope: aux };
}

/** Everything needed to leave a scope entered with `ScopeMachine.enter`. */
export interface ScopeFrame<S extends ScopeSlots = ScopeSlots> {
  /** The scope object `with ... as scope` binds. */
  readonly scope: VariableScope<S>;
  /** The name scope opened for ops, with trailing '/', or '' when none / the root. */
  readonly nameScope: string;
  /** Whether a name scope was entered (and must be left). */
  readonly enteredNameScope: boolean;
  readonly restoreNameStack: string;
  readonly previous: VariableScope<S>;
  /** Full scope name that was opened in the counts store. */
  readonly openedName: string;
  /**
   * Set when entered by scope object: TF restores the counters as they were at entry on exit
   * (a copy it takes then); here, the length of the undo log to roll back to.
   */
  readonly countsMark: number | null;
}

/** Composes a new custom getter around the one already in force (`_maybe_wrap_custom_getter`). */
export type GetterComposer<S extends ScopeSlots> = (
  inner: S['customGetter'],
  outer: S['customGetter'],
) => S['customGetter'];

/**
 * The per-graph variable-scope state: the current scope and the `default_name` counters
 * (`_VariableScopeStore`), driving the graph's name scopes (`NameRegistry`) as
 * `variable_scope.__enter__` does.
 */
export class ScopeMachine<S extends ScopeSlots = ScopeSlots> {
  /** The root scope lives as long as the graph; `reuse_variables()` on it leaks everywhere. */
  readonly root: VariableScope<S> = new VariableScope<S>(false);
  current: VariableScope<S> = this.root;
  /** `variable_scopes_count`: full scope name → times entered (since the last reset). */
  private counts = new Map<string, number>();

  constructor(
    private readonly names: NameRegistry,
    private readonly composeGetters: GetterComposer<S>,
  ) {}

  /** How many times a full scope name was entered since its parent was last entered. */
  count(name: string): number {
    return this.counts.get(name) ?? 0;
  }

  /**
   * Scope name → the names below it whose counter may be non-zero. TF resets sub-scopes by
   * scanning every counter on every exit; this index makes the reset cost what it resets.
   */
  private below = new Map<string, Set<string>>();

  private open(name: string): void {
    this.setCount(name, (this.counts.get(name) ?? 0) + 1);
    this.index(name);
  }

  /**
   * Counter changes while a scope entered by object is open, each with the count it replaced:
   * leaving that scope rolls them back, which restores TF's copy of the counters without
   * copying them all at every entry (layers enter their scope by object for every weight).
   */
  private readonly undo: Array<[string, number | undefined]> = [];
  private openByObject = 0;

  private setCount(name: string, n: number): void {
    if (this.openByObject > 0) this.undo.push([name, this.counts.get(name)]);
    this.counts.set(name, n);
  }

  /** The names `below` holds (so that a restore indexes only what a reset took out). */
  private indexed = new Set<string>();

  private index(name: string): void {
    if (this.indexed.has(name)) return;
    this.indexed.add(name);
    for (let i = name.indexOf('/'); i >= 0; i = name.indexOf('/', i + 1)) {
      const prefix = name.slice(0, i);
      let set = this.below.get(prefix);
      if (!set) {
        set = new Set();
        this.below.set(prefix, set);
      }
      set.add(name);
    }
  }

  /** `close_variable_subscopes`: reset the counters of every sub-scope of `name`. */
  private closeSubscopes(name: string): void {
    const set = this.below.get(name);
    if (!set) return;
    for (const k of set) {
      this.setCount(k, 0);
      this.indexed.delete(k);
    }
    set.clear();
  }

  /**
   * Back to the counters at `mark`. `below` may then hold names whose counter is 0 again,
   * which a reset sets to 0 once more; what it must hold is every name with a counter, so the
   * names a reset took out are indexed again.
   */
  private rollback(mark: number): void {
    while (this.undo.length > mark) {
      const [k, old] = this.undo.pop() as [string, number | undefined];
      if (old === undefined) this.counts.delete(k);
      else {
        this.counts.set(k, old);
        if (old > 0) this.index(k);
      }
    }
  }

  /** `_get_unique_variable_scope(prefix)`: `prefix`, or `prefix_N` if used in this scope. */
  uniqueScopeName(prefix: string): string {
    const base = this.current.name ? `${this.current.name}/${prefix}` : prefix;
    if (this.count(base) === 0) return prefix;
    let idx = 1;
    while (this.count(`${base}_${idx}`) > 0) idx += 1;
    return `${prefix}_${idx}`;
  }

  /**
   * Enters `variable_scope(args)` (`_enter_scope_uncached` + `_pure_variable_scope.__enter__`).
   * Validates as `__init__` does first. Throws TF's errors; on error, nothing stays entered.
   */
  enter(rawArgs: VariableScopeArgs<S>): ScopeFrame<S> {
    const validated = validateScopeArgs(rawArgs);
    if ('code' in validated) throw toException(validated);
    const args = validated;
    const { nameOrScope } = args;
    const names = this.names;

    // auxiliary_name_scope=False re-enters the current name scope instead of opening one.
    let reenterCurrent: string | null = null;
    if (!args.auxiliaryNameScope) {
      const current = names.currentScope;
      reenterCurrent = current ? `${current}/` : '';
    }

    if (nameOrScope !== null && nameOrScope !== undefined) {
      if (typeof nameOrScope !== 'string' && !(nameOrScope instanceof VariableScope)) {
        raise(
          ERROR_CODES.scopeArgs,
          'TypeError',
          'VariableScope: name_or_scope must be a string or VariableScope.',
        );
      }
      const nameScopeName =
        typeof nameOrScope === 'string' ? nameOrScope : lastComponent(nameOrScope.name);
      if (nameScopeName || reenterCurrent !== null) {
        const ns = names.enterNameScope(reenterCurrent ?? nameScopeName);
        try {
          const oldNameScope =
            typeof nameOrScope === 'string' ? ns.scope : nameOrScope.originalNameScope;
          return this.enterPure(args, nameOrScope, oldNameScope, ns.scope, true, ns.restore);
        } catch (e) {
          names.exitNameScope(ns.restore);
          throw e;
        }
      }
      // Only the root scope (name '') gets here: no name scope at all.
      return this.enterPure(args, nameOrScope, null, '', false, names.currentScope);
    }

    // name_or_scope is None: a default name, made unique.
    if (reuseTruthy(args.reuse)) {
      raise(
        ERROR_CODES.scopeArgs,
        'ValueError',
        'reuse=True cannot be used without a name_or_scope',
      );
    }
    const defaultName = args.defaultName as string;
    const ns = names.enterNameScope(reenterCurrent ?? defaultName);
    try {
      const unique = this.uniqueScopeName(defaultName);
      // The default-name branch does not pass `reuse`: the scope inherits its parent's.
      return this.enterPure({ ...args, reuse: null }, unique, ns.scope, ns.scope, true, ns.restore);
    } catch (e) {
      names.exitNameScope(ns.restore);
      throw e;
    }
  }

  /**
   * `_pure_variable_scope(name_or_scope, ...)` alone, without a name scope: what
   * `make_template(create_scope_now_=True)` uses to capture its scope.
   */
  enterPureOnly(
    nameOrScope: string | VariableScope<S>,
    args: Omit<VariableScopeArgs<S>, 'nameOrScope'> = {},
  ): ScopeFrame<S> {
    return this.enterPure(
      { nameOrScope, ...args },
      nameOrScope,
      null,
      '',
      false,
      this.names.currentScope,
    );
  }

  /** `_pure_variable_scope`: builds the scope object and updates the counters. */
  private enterPure(
    args: VariableScopeArgs<S>,
    nameOrScope: string | VariableScope<S>,
    oldNameScope: string | null,
    nameScope: string,
    enteredNameScope: boolean,
    restoreNameStack: string,
  ): ScopeFrame<S> {
    const previous = this.current;
    let scope: VariableScope<S>;
    let openedName: string;
    let countsMark: number | null = null;
    if (nameOrScope instanceof VariableScope) {
      const reuse = reuseForScopeObject(args.reuse, nameOrScope.reuse);
      scope = nameOrScope.copyWith(reuse, args.constraint ?? null);
      this.applyOverrides(scope, args, nameOrScope.customGetter);
      openedName = nameOrScope.name;
      this.open(openedName);
      countsMark = this.undo.length;
      this.openByObject++;
    } else {
      openedName = previous.name ? `${previous.name}/${nameOrScope}` : nameOrScope;
      const reuse = reuseForNamedScope(args.reuse, previous.reuse);
      scope = new VariableScope<S>(
        reuse,
        openedName,
        previous.initializer,
        previous.regularizer,
        previous.cachingDevice,
        previous.partitioner,
        previous.customGetter,
        oldNameScope ?? nameOrScope,
        previous.dtype,
        previous.useResource,
        args.constraint ?? null,
      );
      this.applyOverrides(scope, args, previous.customGetter);
      this.open(openedName);
    }
    this.current = scope;
    return {
      scope,
      nameScope,
      enteredNameScope,
      restoreNameStack,
      previous,
      openedName,
      countsMark,
    };
  }

  private applyOverrides(
    scope: VariableScope<S>,
    args: VariableScopeArgs<S>,
    outerGetter: S['customGetter'] | null,
  ): void {
    if (args.initializer != null) scope.initializer = args.initializer;
    if (args.regularizer != null) scope.regularizer = args.regularizer;
    if (args.cachingDevice != null) scope.cachingDevice = args.cachingDevice;
    if (args.partitioner != null) scope.partitioner = args.partitioner;
    if (args.customGetter != null) {
      scope.customGetter =
        outerGetter == null
          ? args.customGetter
          : this.composeGetters(args.customGetter, outerGetter);
    }
    if (args.dtype != null) scope.dtype = args.dtype;
    if (args.useResource != null) scope.useResource = args.useResource;
  }

  /** Leaves a scope (`_pure_variable_scope.__exit__`, then the name scope). */
  exit(frame: ScopeFrame<S>): void {
    if (this.current !== frame.scope) {
      throw new Error('Improper nesting of variable_scope.');
    }
    if (frame.countsMark !== null) {
      this.rollback(frame.countsMark);
      this.openByObject--;
    } else this.closeSubscopes(frame.openedName);
    this.current = frame.previous;
    if (frame.enteredNameScope) this.names.exitNameScope(frame.restoreNameStack);
  }

  /** Runs `fn` inside `variable_scope(args)`; leaves the scope even when `fn` throws. */
  run<T>(args: VariableScopeArgs<S>, fn: (scope: VariableScope<S>, frame: ScopeFrame<S>) => T): T {
    const frame = this.enter(args);
    try {
      return fn(frame.scope, frame);
    } finally {
      this.exit(frame);
    }
  }
}

function lastComponent(name: string): string {
  const i = name.lastIndexOf('/');
  return i < 0 ? name : name.slice(i + 1);
}

export { AUTO_REUSE };
