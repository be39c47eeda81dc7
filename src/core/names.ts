/**
 * Op names and name scopes: TF 1.15's `Graph.unique_name` and `Graph.name_scope`.
 *
 * Op names (and hence the names of tensors, `foo/v:0`) are uniquified per graph and
 * case-insensitively: `v` then `V` gives `V_1`. Variable *store keys* are not uniquified and are
 * case-sensitive; that is the variable store's business, not this module's.
 *
 * This module does not know about variable scopes. `variable-scope.ts` drives it the way TF's
 * `variable_scope` drives `ops.name_scope`.
 */
import { ERROR_CODES, raise } from './errors';

/*
 * TF's name regexes, plus the static analyzer's holes (`\u0001label#id\u0002`, see
 * src/analyzer/interpreter/values.ts): a hole stands for a valid piece of a name the analyzer
 * could not compute. Runtime names never contain those control characters.
 */
const HOLE = '\\u0001[^\\u0001\\u0002]*\\u0002';
/** `_VALID_OP_NAME_REGEX`: names at the root may not start with `_`, `-`, `/`. */
export const VALID_OP_NAME = new RegExp(`^(?:[A-Za-z0-9.]|${HOLE})(?:[A-Za-z0-9_.\\-/]|${HOLE})*$`);
/** `_VALID_SCOPE_NAME_REGEX`: nested scope names may. */
export const VALID_SCOPE_NAME = new RegExp(`^(?:[A-Za-z0-9_.\\-/]|${HOLE})*$`);

/** Lower-cased names of the ops TF's initializers return (`v/Initializer/<op>`). */
const INITIALIZER_OPS = new Set([
  'zeros',
  'ones',
  'const',
  'random_uniform',
  'random_normal',
  'truncated_normal',
  'mul',
  'initial_value',
]);

const SLASH = 0x2f;

/** `ops.name_from_scope_name`: strips one trailing `/`. */
export function nameFromScopeName(name: string): string {
  return name.endsWith('/') ? name.slice(0, -1) : name;
}

/** Joins a variable-scope name and a variable name the way `VariableScope.get_variable` does. */
export function joinScopeName(scope: string, name: string): string {
  return scope ? `${scope}/${name}` : name;
}

/**
 * A graph's op-name registry and name-scope stack (TF keeps both on the `Graph`).
 */
export class NameRegistry {
  /**
   * Lower-cased name → `2 * uses + (variable ? 1 : 0)`: how many times the name was handed out
   * (`Graph._names_in_use`) and whether it is a variable's op name. TF creates a handful of ops
   * under every variable (`v/Assign`, `v/read`, `v/Initializer/...`); rather than marking each
   * of them on every creation (the hot path), their names count as used when asked for (see
   * `usedCount`). One map for both keeps a creation at one lookup and one insertion.
   */
  private readonly entries = new Map<string, number>();
  /** Whether any name carries the variable bit (until then no name is implied). */
  private hasVariableOps = false;
  /** The current name scope without trailing slash; '' at the root (`Graph._name_stack`). */
  private stack = '';

  /** The current name scope as `ops.get_name_scope()` returns it: `a/b`, or ''. */
  get currentScope(): string {
    return this.stack;
  }

  /**
   * `Graph.unique_name(name)`: prefixes the current name scope and appends `_N` when the
   * (case-insensitive) name was used before, skipping composed names already in use.
   */
  uniqueName(name: string, markAsUsed = true): string {
    return this.unique(name, markAsUsed, false);
  }

  /**
   * `uniqueName` for a variable's op (`RefVariable` opens `name_scope(name)`): also records that
   * the ops TF creates under the variable (`v/Assign`, `v/read`, `v/Initializer/...`) are taken.
   */
  uniqueVariableName(name: string): string {
    if (name.charCodeAt(name.length - 1) === SLASH) {
      // `name_scope('w/Adam/')` re-enters the absolute scope as is: the op is `w/Adam`, not made
      // unique (slot_creator's `get_variable('')` in `variable_scope('w/Adam')` lands here).
      const full = nameFromScopeName(name);
      this.markVariableOps(full);
      return full;
    }
    if (this.stack === '') {
      // The common case (`get_variable` opens its op's name scope at the root): a name never
      // handed out is the op name as is; `unique` would record the same entry.
      const key = name.toLowerCase();
      if (!this.entries.has(key) && this.impliedCount(key) === 0) {
        this.entries.set(key, 3);
        this.hasVariableOps = true;
        return name;
      }
    }
    return this.unique(name, true, true);
  }

  private unique(name: string, markAsUsed: boolean, isVariable: boolean): string {
    let full = this.stack ? `${this.stack}/${name}` : name;
    const key = full.toLowerCase();
    const entries = this.entries;
    const bit = isVariable ? 1 : 0;
    const entry = entries.get(key);
    let i = entry !== undefined && entry >= 2 ? entry >> 1 : this.impliedCount(key);
    if (i === 0) {
      // The common case: a new name. Only its variable bit can already be set.
      if (markAsUsed || isVariable) entries.set(key, (markAsUsed ? 2 : 0) | bit | (entry ?? 0));
      if (isVariable) this.hasVariableOps = true;
      return full;
    }
    if (markAsUsed) entries.set(key, ((i + 1) << 1) | ((entry ?? 0) & 1));
    let composedKey = key;
    while (this.usedCount(composedKey) > 0) {
      composedKey = `${key}_${i}`;
      i += 1;
    }
    if (markAsUsed || isVariable) {
      const old = entries.get(composedKey) ?? 0;
      entries.set(composedKey, (markAsUsed ? 2 : old & ~1) | (old & 1) | bit);
    }
    if (isVariable) this.hasVariableOps = true;
    full = `${full}_${i - 1}`;
    return full;
  }

  /** How often a lower-cased name was handed out, counting the ops under each variable. */
  private usedCount(key: string): number {
    const entry = this.entries.get(key);
    if (entry !== undefined && entry >= 2) return entry >> 1;
    return this.impliedCount(key);
  }

  /**
   * 1 when `key` names an op TF creates under a variable (`v/assign`, `v/read`,
   * `v/initializer`, `v/initializer/<op>`), else 0.
   */
  private impliedCount(key: string): number {
    if (!this.hasVariableOps) return 0;
    // The last '/' (a scan from the end: the leaf is short, and `lastIndexOf` is a slow call).
    let slash = key.length - 1;
    while (slash > 0 && key.charCodeAt(slash) !== SLASH) slash--;
    if (slash <= 0) return 0;
    const leafLength = key.length - slash - 1;
    if (
      (leafLength === 6 && key.startsWith('assign', slash + 1)) ||
      (leafLength === 4 && key.startsWith('read', slash + 1)) ||
      (leafLength === 11 && key.startsWith('initializer', slash + 1))
    ) {
      if (this.isVariableOp(key.slice(0, slash))) return 1;
    }
    // `v/Initializer/<op>`: the op producing the initial value (`initializer` is 11 characters).
    const prev = slash - 12;
    if (
      prev > 0 &&
      key.charCodeAt(prev) === SLASH &&
      key.startsWith('initializer', prev + 1) &&
      INITIALIZER_OPS.has(key.slice(slash + 1)) &&
      this.isVariableOp(key.slice(0, prev))
    ) {
      return 1;
    }
    return 0;
  }

  private isVariableOp(key: string): boolean {
    const entry = this.entries.get(key);
    return entry !== undefined && (entry & 1) === 1;
  }

  /** Records that `opName` (already handed out) is a variable's op; see `uniqueVariableName`. */
  markVariableOps(opName: string): void {
    const key = opName.toLowerCase();
    this.entries.set(key, (this.entries.get(key) ?? 0) | 1);
    this.hasVariableOps = true;
  }

  /** True when an op name (case-insensitively) was already handed out. */
  isUsed(name: string): boolean {
    return this.usedCount(name.toLowerCase()) > 0;
  }

  /**
   * `Graph.name_scope(name)` entry: validates, then `''`/`null` resets to the root, a trailing
   * `/` re-enters an absolute scope as is, anything else is uniquified. Returns the scope string
   * TF yields (`'a/b/'`, or `''` at the root) and the stack to restore on exit.
   */
  enterNameScope(name: string | null): { scope: string; restore: string } {
    if (name) {
      const pattern = this.stack ? VALID_SCOPE_NAME : VALID_OP_NAME;
      if (!pattern.test(name)) {
        raise(ERROR_CODES.invalidName, 'ValueError', `'${name}' is not a valid scope name`);
      }
    }
    const restore = this.stack;
    let next: string;
    if (!name) next = '';
    else if (name.endsWith('/')) next = nameFromScopeName(name);
    else next = this.uniqueName(name);
    this.stack = next;
    return { scope: next ? `${next}/` : '', restore };
  }

  /** Leaves a name scope entered with `enterNameScope`. */
  exitNameScope(restore: string): void {
    this.stack = restore;
  }

  /** Runs `fn` inside `Graph.name_scope(name)`, restoring the stack even when `fn` throws. */
  withNameScope<T>(name: string | null, fn: (scope: string) => T): T {
    const { scope, restore } = this.enterNameScope(name);
    try {
      return fn(scope);
    } finally {
      this.stack = restore;
    }
  }

  /**
   * Runs `fn(arg)` at the root name scope (`ops.name_scope(None)`); the hot path of
   * `get_variable`, which passes its request as `arg` rather than allocating a closure.
   */
  atRoot<T, A = undefined>(fn: (arg: A) => T, arg?: A): T {
    const saved = this.stack;
    this.stack = '';
    try {
      return fn(arg as A);
    } finally {
      this.stack = saved;
    }
  }

  /** Forgets every name (graph reset). */
  clear(): void {
    this.entries.clear();
    this.hasVariableOps = false;
    this.stack = '';
  }
}
