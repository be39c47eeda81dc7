/**
 * The abstract interpreter, version 0: executes the IR of one Python module in order, with
 * concrete values where it can compute them and `unknown` elsewhere, and applies TF's rules
 * (through tf-model.ts, i.e. src/core) at every `variable_scope` and `get_variable`.
 *
 * What it follows: assignments (with tuple unpacking), functions and lambdas with positional,
 * keyword and default arguments (to a bounded depth), `with` blocks, `for` over concrete
 * sequences and `range` (unrolled up to a limit), bounded `while`, `if` on known tests,
 * `try/except/finally` with Python's exception matching (the seed's idiom), imports of
 * TensorFlow in every form. What it does not yet follow is skipped rather than guessed: an `if`
 * on an unknown test, a loop over an unknown sequence, classes. It never throws on user code:
 * a budget bounds the work, and internal failures end the analysis of that module quietly.
 */
import { ScopeLensError } from '../../core/errors';
import type { Expr, Module, Param, Stmt } from '../ir';
import { Env, NONE, pyStr, PyRaise, truthy, UNKNOWN_VALUE, Value } from './values';
import { partitionerValue, reuseArg, TfState, VariableEvent } from './tf-model';
import type { VariableScopeArgs } from '../../core/variable-scope';
import type { AnalyzerSlots } from './tf-model';
import type { CatalogKey } from '../diagnostics/catalog';

const MAX_CALL_DEPTH = 24;
const MAX_LOOP = 1000;
/** Steps allowed per analysed module: a base plus an allowance per character of source. */
const BASE_STEPS = 200_000;

class ReturnSignal {
  constructor(readonly value: Value) {}
}
class BreakSignal {}
class ContinueSignal {}
class BudgetExceeded {}

const TF_MODULES = new Set(['tensorflow', 'tensorflow.compat.v1', 'tensorflow.compat']);

/** A catalog diagnostic at an expression. */
export interface Note {
  readonly key: CatalogKey;
  readonly at: Expr;
  readonly holes: Record<string, string>;
}

export interface InterpretResult {
  readonly notes: Note[];
  /** The program's own execution, in order (what TF would do when it runs). */
  readonly events: VariableEvent[];
  /**
   * Outcomes inside module-level functions the program never calls (a library file's
   * `def model(x, scope='model')`), each analysed alone in a fresh graph with its parameters at
   * their defaults and unknown otherwise. Not part of the program's execution.
   */
  readonly entryEvents: VariableEvent[];
  /** False when the budget ran out or an internal error stopped the analysis early. */
  readonly complete: boolean;
}

export function interpret(module: Module): InterpretResult {
  const interp = new Interpreter(BASE_STEPS + 4 * (module.span.to - module.span.from));
  let complete = true;
  try {
    interp.execBlock(module.body, interp.globals);
  } catch (e) {
    complete = e instanceof PyRaise; // an uncaught user exception ends the program, as in Python
  }
  const entryEvents: VariableEvent[] = [];
  for (const stmt of module.body) {
    if (stmt.kind !== 'FunctionDef' || interp.called.has(stmt)) continue;
    const fn = interp.globals.lookup(stmt.name);
    if (!fn || fn.k !== 'func' || fn.def !== stmt) continue;
    entryEvents.push(...interp.runEntryPoint(fn));
  }
  return { events: interp.events, entryEvents, notes: interp.notes, complete };
}

class Interpreter {
  readonly globals = new Env(null);
  events: VariableEvent[] = [];
  /** Catalog diagnostics found while interpreting (TF accepts the code; it misleads). */
  readonly notes: Note[] = [];
  /** Functions the program called (the others are analysed as entry points afterwards). */
  readonly called = new Set<unknown>();
  /** The default graph first; `with g.as_default():` pushes another graph's state. */
  private readonly graphs: TfState[] = [this.newGraph()];
  private depth = 0;
  /** How many `tf.name_scope` blocks are open (not those variable scopes open). */
  private explicitNameScopes = 0;

  private note(key: CatalogKey, at: Expr, holes: Record<string, string>): void {
    if (!this.notes.some((n) => n.key === key && n.at === at)) this.notes.push({ key, at, holes });
  }

  private newGraph(): TfState {
    return new TfState(this.events, (fn, args, kwargs) => this.callValue(fn, args, kwargs, null));
  }

  /** Calls `fn` alone in a fresh graph (parameters at defaults, else unknown); its events. */
  runEntryPoint(fn: Value & { k: 'func' }): VariableEvent[] {
    const saved = this.events;
    this.events = [];
    this.graphs.push(this.newGraph());
    this.steps = 0;
    try {
      this.callValue(fn, [], new Map(), null);
    } catch {
      // An error ends this entry point; what it recorded stands.
    } finally {
      this.graphs.pop();
    }
    const events = this.events;
    this.events = saved;
    return events;
  }

  /** The TF state of the current default graph. */
  get tf(): TfState {
    return this.graphs[this.graphs.length - 1];
  }
  private steps = 0;

  constructor(private readonly maxSteps: number) {
    for (const [name, fn] of Object.entries(this.builtins())) {
      this.globals.set(name, { k: 'builtin', name, call: fn });
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
    ]) {
      this.globals.set(cls, { k: 'exctype', cls });
    }
  }

  private tick(): void {
    if (++this.steps > this.maxSteps) throw new BudgetExceeded();
  }

  // -- statements ------------------------------------------------------------------------------

  execBlock(body: readonly Stmt[], env: Env): void {
    for (const s of body) this.exec(s, env);
  }

  exec(s: Stmt, env: Env): void {
    this.tick();
    switch (s.kind) {
      case 'ExprStmt':
        this.eval(s.expr, env);
        return;
      case 'Assign': {
        const v = this.eval(s.value, env);
        for (const t of s.targets) this.assign(t, v, env);
        return;
      }
      case 'AugAssign': {
        const v = this.binop(s.op, this.eval(s.target, env), this.eval(s.value, env));
        this.assign(s.target, v, env);
        return;
      }
      case 'AnnAssign':
        if (s.value) this.assign(s.target, this.eval(s.value, env), env);
        return;
      case 'FunctionDef':
        env.set(s.name, { k: 'func', def: s, closure: env, name: s.name });
        return;
      case 'Return':
        throw new ReturnSignal(s.value ? this.eval(s.value, env) : NONE);
      case 'Pass':
      case 'Global':
      case 'Nonlocal':
      case 'ClassDef':
      case 'UnknownStmt':
        return;
      case 'Break':
        throw new BreakSignal();
      case 'Continue':
        throw new ContinueSignal();
      case 'If': {
        const t = truthy(this.eval(s.test, env));
        if (t === true) this.execBlock(s.body, env);
        else if (t === false) this.execBlock(s.orelse, env);
        return;
      }
      case 'For':
        this.execFor(s, env);
        return;
      case 'While': {
        for (let i = 0; i < MAX_LOOP; i++) {
          const t = truthy(this.eval(s.test, env));
          if (t !== true) break;
          try {
            this.execBlock(s.body, env);
          } catch (e) {
            if (e instanceof BreakSignal) return;
            if (!(e instanceof ContinueSignal)) throw e;
          }
        }
        return;
      }
      case 'With':
        this.execWith(s.items, 0, s.body, env);
        return;
      case 'Try':
        this.execTry(s, env);
        return;
      case 'Raise': {
        const v = s.exc ? this.eval(s.exc, env) : UNKNOWN_VALUE;
        if (v.k === 'exception') throw new PyRaise(v);
        if (v.k === 'exctype') throw new PyRaise({ k: 'exception', cls: v.cls, message: '' });
        throw new PyRaise({ k: 'exception', cls: 'Exception', message: '' });
      }
      case 'Import':
        for (const a of s.names) {
          if (a.name === 'tensorflow' || a.name.startsWith('tensorflow.')) {
            if (a.asName) env.set(a.asName, { k: 'module', path: 'tf' });
            else env.set('tensorflow', { k: 'module', path: 'tf' });
          }
        }
        return;
      case 'ImportFrom':
        if (TF_MODULES.has(s.module)) {
          for (const a of s.names) {
            const value =
              a.name === 'v1' ? ({ k: 'module', path: 'tf' } as Value) : this.tfAttr(a.name);
            env.set(a.asName ?? a.name, value);
          }
        }
        return;
    }
  }

  private execFor(s: Extract<Stmt, { kind: 'For' }>, env: Env): void {
    const it = this.iterate(this.eval(s.iter, env));
    if (!it) return;
    let n = 0;
    for (const item of it) {
      if (++n > MAX_LOOP) return;
      this.assign(s.target, item, env);
      try {
        this.execBlock(s.body, env);
      } catch (e) {
        if (e instanceof BreakSignal) return;
        if (!(e instanceof ContinueSignal)) throw e;
      }
    }
    this.execBlock(s.orelse, env);
  }

  private execWith(
    items: Extract<Stmt, { kind: 'With' }>['items'],
    i: number,
    body: readonly Stmt[],
    env: Env,
  ): void {
    if (i === items.length) {
      this.execBlock(body, env);
      return;
    }
    const ctx = this.eval(items[i].context, env);
    if (ctx.k !== 'context') {
      if (items[i].asName) this.assign(items[i].asName as Expr, UNKNOWN_VALUE, env);
      this.execWith(items, i + 1, body, env);
      return;
    }
    const entered = this.guardTf(() => ctx.enter());
    if (items[i].asName) this.assign(items[i].asName as Expr, entered, env);
    try {
      this.execWith(items, i + 1, body, env);
    } finally {
      ctx.exit();
    }
  }

  private execTry(s: Extract<Stmt, { kind: 'Try' }>, env: Env): void {
    try {
      try {
        this.execBlock(s.body, env);
      } catch (e) {
        if (!(e instanceof PyRaise)) throw e;
        const handler = s.handlers.find((h) => this.matches(h.type, e.exc, env));
        if (!handler) throw e;
        for (const event of e.events) event.handled = true;
        if (handler.name) env.set(handler.name, e.exc);
        this.execBlock(handler.body, env);
        return;
      }
      this.execBlock(s.orelse, env);
    } finally {
      this.execBlock(s.finalbody, env);
    }
  }

  private matches(type: Expr | null, exc: Value & { k: 'exception' }, env: Env): boolean {
    if (type === null) return true;
    const t = this.eval(type, env);
    const classes = t.k === 'tuple' ? t.items : [t];
    return classes.some((c) => {
      if (c.k !== 'exctype') return false;
      if (c.cls === 'BaseException' || c.cls === 'Exception') return true;
      return c.cls === exc.cls;
    });
  }

  private assign(target: Expr, v: Value, env: Env): void {
    if (target.kind === 'Name') env.set(target.id, v);
    else if (target.kind === 'Tuple' || target.kind === 'List') {
      const items = v.k === 'tuple' || v.k === 'list' ? v.items : null;
      target.elts.forEach((t, i) =>
        this.assign(t, items && i < items.length ? items[i] : UNKNOWN_VALUE, env),
      );
    }
  }

  // -- expressions -----------------------------------------------------------------------------

  eval(e: Expr, env: Env): Value {
    this.tick();
    switch (e.kind) {
      case 'Constant':
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
      case 'Name':
        return env.lookup(e.id) ?? UNKNOWN_VALUE;
      case 'Attribute':
        return this.attribute(this.eval(e.value, env), e.attr);
      case 'Call':
        return this.call(e, env);
      case 'List':
        return { k: 'list', items: e.elts.map((x) => this.eval(x, env)) };
      case 'Tuple':
        return { k: 'tuple', items: e.elts.map((x) => this.eval(x, env)) };
      case 'Dict':
        return {
          k: 'dict',
          entries: e.keys.flatMap((key, i) =>
            key ? [[this.eval(key, env), this.eval(e.values[i], env)] as [Value, Value]] : [],
          ),
        };
      case 'Lambda':
        return { k: 'func', def: e, closure: env, name: '<lambda>' };
      case 'FString': {
        let out = '';
        for (const p of e.parts) {
          if (typeof p === 'string') out += p;
          else {
            const s = pyStr(this.eval(p.value, env));
            if (s === undefined) return UNKNOWN_VALUE;
            out += s;
          }
        }
        return { k: 'str', v: out };
      }
      case 'BinOp':
        return this.binop(e.op, this.eval(e.left, env), this.eval(e.right, env));
      case 'UnaryOp': {
        const v = this.eval(e.operand, env);
        if (e.op === 'not') {
          const t = truthy(v);
          return t === undefined ? UNKNOWN_VALUE : { k: 'bool', v: !t };
        }
        if (e.op === '-' && (v.k === 'int' || v.k === 'float')) return { k: v.k, v: -v.v };
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
          const r = compare(e.ops[i], left, right);
          if (r === undefined) return UNKNOWN_VALUE;
          if (!r) return { k: 'bool', v: false };
          left = right;
        }
        return { k: 'bool', v: true };
      }
      case 'IfExp': {
        const t = truthy(this.eval(e.test, env));
        if (t === undefined) return UNKNOWN_VALUE;
        return this.eval(t ? e.body : e.orelse, env);
      }
      case 'Subscript': {
        const v = this.eval(e.value, env);
        const i = this.eval(e.index, env);
        if ((v.k === 'list' || v.k === 'tuple') && i.k === 'int') {
          const idx = i.v < 0 ? v.items.length + i.v : i.v;
          return v.items[idx] ?? UNKNOWN_VALUE;
        }
        if (v.k === 'dict') {
          const found = v.entries.find(([k]) => compare('==', k, i) === true);
          return found ? found[1] : UNKNOWN_VALUE;
        }
        return UNKNOWN_VALUE;
      }
      default:
        return UNKNOWN_VALUE;
    }
  }

  private binop(op: string, a: Value, b: Value): Value {
    if (op === '+') {
      if (a.k === 'str' && b.k === 'str') return { k: 'str', v: a.v + b.v };
      if ((a.k === 'list' || a.k === 'tuple') && a.k === b.k)
        return { k: a.k, items: [...a.items, ...b.items] } as Value;
    }
    if (op === '%' && a.k === 'str') {
      const args = b.k === 'tuple' ? b.items : [b];
      let i = 0;
      let ok = true;
      const out = a.v.replace(/%[sdr%]/g, (m) => {
        if (m === '%%') return '%';
        const s = pyStr(args[i++] ?? UNKNOWN_VALUE);
        if (s === undefined) ok = false;
        return s ?? '';
      });
      return ok ? { k: 'str', v: out } : UNKNOWN_VALUE;
    }
    if (op === '*' && (a.k === 'list' || a.k === 'tuple') && b.k === 'int') {
      const items: Value[] = [];
      for (let i = 0; i < Math.min(b.v, MAX_LOOP); i++) items.push(...a.items);
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
          return y === 0 ? UNKNOWN_VALUE : { k: 'float', v: x / y };
        case '//':
          return y === 0 ? UNKNOWN_VALUE : { k: isInt ? 'int' : 'float', v: Math.floor(x / y) };
        case '%':
          return y === 0 ? UNKNOWN_VALUE : { k: isInt ? 'int' : 'float', v: ((x % y) + y) % y };
        case '**':
          return { k: isInt && y >= 0 ? 'int' : 'float', v: x ** y };
      }
    }
    return UNKNOWN_VALUE;
  }

  private iterate(v: Value): Value[] | null {
    if (v.k === 'list' || v.k === 'tuple') return [...v.items];
    if (v.k === 'str') return [...v.v].map((c) => ({ k: 'str', v: c }) as Value);
    if (v.k === 'dict') return v.entries.map(([k]) => k);
    return null;
  }

  private attribute(v: Value, attr: string): Value {
    if (v.k === 'module') {
      if (attr === 'compat' || attr === 'v1') return v;
      return this.tfAttr(attr);
    }
    if (v.k === 'scope') {
      const s = v.scope;
      switch (attr) {
        case 'name':
          return { k: 'str', v: s.name };
        case 'original_name_scope':
          return { k: 'str', v: s.originalNameScope };
        case 'reuse':
          return s.reuse === true || s.reuse === false
            ? { k: 'bool', v: s.reuse }
            : { k: 'object', kind: 'AUTO_REUSE', attrs: new Map() };
        case 'reuse_variables':
          return builtin('reuse_variables', (_a, _k, at) => {
            if (s === this.tf.scopes.root && at) this.note('rootReuseLeak', at, {});
            s.reuseVariables();
            return NONE;
          });
        case 'initializer':
          return s.initializer ?? NONE;
        case 'set_initializer':
          return builtin('set_initializer', (args) => {
            s.initializer = args[0] && args[0].k !== 'none' ? args[0] : null;
            return NONE;
          });
        case 'set_regularizer':
          return builtin('set_regularizer', (args) => {
            s.regularizer = args[0] && args[0].k !== 'none' ? args[0] : null;
            return NONE;
          });
        case 'set_partitioner':
          return builtin('set_partitioner', (args) => {
            s.partitioner = args[0] && args[0].k !== 'none' ? args[0] : null;
            return NONE;
          });
      }
      return UNKNOWN_VALUE;
    }
    if (v.k === 'variable') {
      if (attr === 'name') return { k: 'str', v: `${v.v.opName}:0` };
      return UNKNOWN_VALUE;
    }
    if (v.k === 'exception') {
      if (attr === 'message') return { k: 'str', v: v.message };
      return UNKNOWN_VALUE;
    }
    if (v.k === 'object') return v.attrs.get(attr) ?? UNKNOWN_VALUE;
    return UNKNOWN_VALUE;
  }

  private call(e: Extract<Expr, { kind: 'Call' }>, env: Env): Value {
    const fn = this.eval(e.func, env);
    const args: Value[] = [];
    for (const a of e.args) {
      if (a.kind === 'Starred') {
        const v = this.eval(a.value, env);
        const items = this.iterate(v);
        if (!items) return UNKNOWN_VALUE;
        args.push(...items);
      } else args.push(this.eval(a, env));
    }
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

  callValue(fn: Value, args: Value[], kwargs: Map<string, Value>, at: Expr | null): Value {
    if (fn.k === 'builtin') return fn.call(args, kwargs, at as Expr);
    if (fn.k === 'object') {
      const c = fn.attrs.get('__call__');
      return c ? this.callValue(c, args, kwargs, at) : UNKNOWN_VALUE;
    }
    if (fn.k === 'exctype') {
      const msg = args[0] ? pyStr(args[0]) : '';
      return { k: 'exception', cls: fn.cls, message: msg ?? '' };
    }
    if (fn.k !== 'func') return UNKNOWN_VALUE;
    this.called.add(fn.def);
    if (this.depth >= MAX_CALL_DEPTH) return UNKNOWN_VALUE;
    const env = new Env(fn.closure);
    this.bindParams(fn.def.params, args, kwargs, env, fn.closure);
    this.depth++;
    try {
      if (fn.def.kind === 'Lambda') return this.eval(fn.def.body, env);
      this.execBlock(fn.def.body, env);
      return NONE;
    } catch (e) {
      if (e instanceof ReturnSignal) return e.value;
      throw e;
    } finally {
      this.depth--;
    }
  }

  private bindParams(
    params: readonly Param[],
    args: Value[],
    kwargs: Map<string, Value>,
    env: Env,
    defEnv: Env,
  ): void {
    let i = 0;
    const rest = new Map(kwargs);
    for (const p of params) {
      if (p.paramKind === 'positional') {
        if (i < args.length) env.set(p.name, args[i++]);
        else if (rest.has(p.name)) {
          env.set(p.name, rest.get(p.name) as Value);
          rest.delete(p.name);
        } else env.set(p.name, p.default ? this.eval(p.default, defEnv) : UNKNOWN_VALUE);
      } else if (p.paramKind === 'vararg') {
        env.set(p.name, { k: 'tuple', items: args.slice(i) });
        i = args.length;
      } else if (p.paramKind === 'kwonly') {
        if (rest.has(p.name)) {
          env.set(p.name, rest.get(p.name) as Value);
          rest.delete(p.name);
        } else env.set(p.name, p.default ? this.eval(p.default, defEnv) : UNKNOWN_VALUE);
      } else {
        env.set(p.name, {
          k: 'dict',
          entries: [...rest].map(([k, v]) => [{ k: 'str', v: k }, v] as [Value, Value]),
        });
      }
    }
  }

  /** Runs a TF rule; TF's errors become Python exceptions of the program. */
  private guardTf<T>(fn: () => T): T {
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

  // -- TensorFlow ------------------------------------------------------------------------------

  private tfAttr(attr: string): Value {
    // Always the current graph's state, read when the function runs.
    const current = () => this.tf;
    const tf = {
      get names() {
        return current().names;
      },
      get scopes() {
        return current().scopes;
      },
    };
    switch (attr) {
      case 'Graph':
        return builtin(attr, () => {
          const state = this.newGraph();
          const attrs = new Map<string, Value>();
          attrs.set(
            'as_default',
            builtin('as_default', () => ({
              k: 'context',
              enter: () => {
                this.graphs.push(state);
                return UNKNOWN_VALUE;
              },
              exit: () => {
                this.graphs.pop();
              },
            })),
          );
          return { k: 'object', kind: 'Graph', attrs };
        });
      case 'reset_default_graph':
        return builtin(attr, () => {
          this.graphs[0] = this.newGraph();
          return NONE;
        });
      case 'make_template':
        return builtin(attr, (args, kwargs) => this.makeTemplate(args, kwargs));
      case 'AUTO_REUSE':
        return { k: 'object', kind: 'AUTO_REUSE', attrs: new Map() };
      case 'get_variable':
      case 'get_local_variable':
        return builtin(attr, (args, kwargs, at) => {
          const name = args[0] ?? kwargs.get('name');
          if (!name || name.k !== 'str') return UNKNOWN_VALUE;
          const kw = new Map(kwargs);
          const positional = [
            'name',
            'shape',
            'dtype',
            'initializer',
            'regularizer',
            'trainable',
            'collections',
          ];
          args.forEach((a, i) => i > 0 && i < positional.length && kw.set(positional[i], a));
          if (attr === 'get_local_variable') kw.set('trainable', { k: 'bool', v: false });
          if (this.explicitNameScopes > 0 && at) {
            const ns = tf.names.currentScope;
            const own = tf.scopes.current.originalNameScope.replace(/\/$/, '');
            if (ns && ns !== own) {
              const vs = tf.scopes.current.name;
              this.note('nameScopeIgnored', at, {
                nameScope: ns,
                name: vs ? `${vs}/${name.v}` : name.v,
                short: name.v,
              });
            }
          }
          // get_local_variable's own get_variable call is TF's, not the program's: not an event.
          return this.guardTf(() => this.tf.getVariable(at, name.v, kw, attr === 'get_variable'));
        });
      case 'variable_scope':
        return builtin(attr, (args, kwargs, at) => this.variableScope(args, kwargs, at));
      case 'get_variable_scope':
        return builtin(attr, () => ({ k: 'scope', scope: tf.scopes.current }));
      case 'name_scope':
        return builtin(attr, (args) => {
          const n = args[0];
          if (n && n.k !== 'str' && n.k !== 'none') return UNKNOWN_VALUE;
          let restore = '';
          return {
            k: 'context',
            enter: () => {
              const r = tf.names.enterNameScope(n && n.k === 'str' ? n.v : null);
              restore = r.restore;
              this.explicitNameScopes++;
              return { k: 'str', v: r.scope };
            },
            exit: () => {
              this.explicitNameScopes--;
              tf.names.exitNameScope(restore);
            },
          };
        });
      case 'Variable':
        return builtin(attr, (_args, kwargs, at) => {
          const cur = tf.scopes.current;
          if (cur.reuse !== false && at)
            this.note('variableUnderReuse', at, { scope: cur.name || '<root>' });
          const n = kwargs.get('name');
          const base = n && n.k === 'str' ? n.v : 'Variable';
          const opName = tf.names.withNameScope(base, (scope) => scope.slice(0, -1));
          tf.names.markVariableOps(opName);
          return UNKNOWN_VALUE;
        });
      case 'constant':
      case 'identity':
        return builtin(attr, (args, kwargs) => {
          const n = kwargs.get('name') ?? (attr === 'identity' ? args[1] : undefined);
          const opName = tf.names.uniqueName(
            n && n.k === 'str' ? n.v : attr === 'constant' ? 'Const' : 'Identity',
          );
          const source = args[0] ?? UNKNOWN_VALUE;
          const dtype =
            kwargs.get('dtype') ?? (attr === 'constant' ? inferDType(source) : UNKNOWN_VALUE);
          const shape = attr === 'constant' ? inferShape(source) : UNKNOWN_VALUE;
          return {
            k: 'object',
            kind: 'Tensor',
            attrs: new Map([
              ['name', { k: 'str', v: `${opName}:0` } as Value],
              ['dtype', dtype],
              ['shape', shape],
            ]),
          };
        });
      case 'fixed_size_partitioner':
        return builtin(attr, (args, kwargs) => {
          const n = args[0] ?? kwargs.get('num_shards');
          const axis = args[1] ?? kwargs.get('axis') ?? { k: 'int', v: 0 };
          return n && n.k === 'int' && axis.k === 'int'
            ? partitionerValue(n.v, axis.v)
            : UNKNOWN_VALUE;
        });
      default:
        if (/_initializer$/.test(attr) || attr === 'initializers') {
          return builtin(attr, () => ({ k: 'object', kind: 'Initializer', attrs: new Map() }));
        }
        if (DTYPES.has(attr)) {
          return {
            k: 'object',
            kind: 'DType',
            attrs: new Map([['name', { k: 'str', v: attr } as Value]]),
          };
        }
        return UNKNOWN_VALUE;
    }
  }

  /**
   * `tf.make_template(name, func, create_scope_now_=False, unique_name_=None)`: the first call
   * enters `variable_scope(unique_name_, default_name=name)`, later calls re-enter that scope
   * with reuse (TF 1.15 `template.py`, as src/engine/template.ts does).
   */
  private makeTemplate(args: Value[], kwargs: Map<string, Value>): Value {
    const name = args[0] ?? kwargs.get('name_');
    const func = args[1] ?? kwargs.get('func_');
    if (!name || name.k !== 'str' || !func) return UNKNOWN_VALUE;
    const unique = kwargs.get('unique_name_');
    const uniqueName = unique && unique.k === 'str' ? unique.v : null;
    const now = kwargs.get('create_scope_now_');
    const extra = new Map([...kwargs].filter(([k]) => !k.endsWith('_')));
    let scope: Extract<Value, { k: 'scope' }>['scope'] | null = null;
    let first = true;
    if (now && now.k === 'bool' && now.v) {
      const frame = this.tf.scopes.enterPureOnly(
        uniqueName ?? this.tf.scopes.uniqueScopeName(name.v),
      );
      scope = frame.scope;
      this.tf.scopes.exit(frame);
    }
    const attrs = new Map<string, Value>();
    const call = builtin('template', (callArgs, callKwargs) => {
      const kw = new Map([...extra, ...callKwargs]);
      const run = () => this.callValue(func, callArgs, kw, null);
      const result = scope
        ? this.guardTf(() =>
            this.tf.scopes.run({ nameOrScope: scope, reuse: first ? null : true }, run),
          )
        : this.guardTf(() =>
            this.tf.scopes.run({ nameOrScope: uniqueName, defaultName: name.v }, (s) => {
              scope = s;
              return run();
            }),
          );
      first = false;
      return result;
    });
    attrs.set('__call__', call);
    return { k: 'object', kind: 'Template', attrs };
  }

  private variableScope(args: Value[], kwargs: Map<string, Value>, at: Expr | null): Value {
    const nameOrScope = args[0] ?? kwargs.get('name_or_scope') ?? NONE;
    const defaultName = args[1] ?? kwargs.get('default_name') ?? NONE;
    if (defaultName.k === 'scope' && at) this.note('scopeAsDefaultName', at, {});
    let target: VariableScopeArgs<AnalyzerSlots>['nameOrScope'];
    if (nameOrScope.k === 'str') target = nameOrScope.v;
    else if (nameOrScope.k === 'scope') target = nameOrScope.scope;
    else if (nameOrScope.k === 'none') target = null;
    else return UNKNOWN_VALUE;
    const reuse = kwargs.get('reuse');
    if (reuse && reuse.k === 'unknown') return UNKNOWN_VALUE;
    const opt = (k: string) => {
      const v = kwargs.get(k);
      return v && v.k !== 'none' ? v : null;
    };
    const scopeArgs: VariableScopeArgs<AnalyzerSlots> = {
      nameOrScope: target,
      defaultName: defaultName.k === 'str' ? defaultName.v : null,
      reuse: reuseArg(reuse),
      initializer: opt('initializer'),
      regularizer: opt('regularizer'),
      partitioner: opt('partitioner'),
      customGetter: opt('custom_getter'),
      auxiliaryNameScope: (() => {
        const a = kwargs.get('auxiliary_name_scope');
        return a && a.k === 'bool' ? a.v : true;
      })(),
    };
    let frame: ReturnType<TfState['enterScope']> | null = null;
    const explicitFalse = reuse !== undefined && reuse.k === 'bool' && reuse.v === false;
    return {
      k: 'context',
      enter: () => {
        const parent = this.tf.scopes.current;
        if (explicitFalse && typeof target === 'string' && parent.reuse !== false && at) {
          const reuseText = parent.reuse === true ? 'True' : 'tf.AUTO_REUSE';
          this.note('reuseFalseNoEffect', at, {
            scope: parent.name ? `${parent.name}/${target}` : target,
            reuse: reuseText,
          });
        }
        frame = this.tf.enterScope(scopeArgs);
        return { k: 'scope', scope: frame.scope };
      },
      exit: () => {
        if (frame) this.tf.scopes.exit(frame);
      },
    };
  }

  private builtins(): Record<
    string,
    (args: Value[], kwargs: Map<string, Value>, at: Expr) => Value
  > {
    return {
      print: () => NONE,
      len: (args) => {
        const v = args[0];
        if (v && (v.k === 'list' || v.k === 'tuple')) return { k: 'int', v: v.items.length };
        if (v && v.k === 'str') return { k: 'int', v: v.v.length };
        return UNKNOWN_VALUE;
      },
      range: (args) => {
        const nums = args.map((a) => (a.k === 'int' ? a.v : NaN));
        if (nums.some(Number.isNaN) || nums.length === 0) return UNKNOWN_VALUE;
        const [start, stop, step] =
          nums.length === 1 ? [0, nums[0], 1] : [nums[0], nums[1], nums[2] ?? 1];
        if (step === 0) return UNKNOWN_VALUE;
        const items: Value[] = [];
        for (let i = start; step > 0 ? i < stop : i > stop; i += step) {
          if (items.length > MAX_LOOP) return UNKNOWN_VALUE;
          items.push({ k: 'int', v: i });
        }
        return { k: 'list', items };
      },
      str: (args) => {
        const s = args[0] ? pyStr(args[0]) : '';
        return s === undefined ? UNKNOWN_VALUE : { k: 'str', v: s };
      },
      enumerate: (args) => {
        const items =
          args[0] && (args[0].k === 'list' || args[0].k === 'tuple') ? args[0].items : null;
        if (!items) return UNKNOWN_VALUE;
        return {
          k: 'list',
          items: items.map((v, i) => ({ k: 'tuple', items: [{ k: 'int', v: i }, v] }) as Value),
        };
      },
      zip: (args) => {
        const lists = args.map((a) => (a.k === 'list' || a.k === 'tuple' ? a.items : null));
        if (lists.some((l) => l === null)) return UNKNOWN_VALUE;
        const n = Math.min(...(lists as Value[][]).map((l) => l.length));
        return {
          k: 'list',
          items: Array.from(
            { length: n },
            (_, i) => ({ k: 'tuple', items: (lists as Value[][]).map((l) => l[i]) }) as Value,
          ),
        };
      },
    };
  }
}

/** The dtype TF infers for a Python value passed to `tf.constant`. */
function inferDType(v: Value): Value {
  const name = (x: Value): string | null => {
    if (x.k === 'int') return 'int32';
    if (x.k === 'float') return 'float32';
    if (x.k === 'bool') return 'bool';
    if (x.k === 'str') return 'string';
    if (x.k === 'list' || x.k === 'tuple') {
      const names = x.items.map(name);
      if (names.some((n) => n === null)) return null;
      if (names.includes('float32')) return 'float32';
      return names[0] ?? 'float32';
    }
    return null;
  };
  const n = name(v);
  return n
    ? { k: 'object', kind: 'DType', attrs: new Map([['name', { k: 'str', v: n } as Value]]) }
    : UNKNOWN_VALUE;
}

/** The shape of a (nested) list value, as a list of ints. */
function inferShape(v: Value): Value {
  const dims: Value[] = [];
  let cur = v;
  while (cur.k === 'list' || cur.k === 'tuple') {
    dims.push({ k: 'int', v: cur.items.length });
    if (cur.items.length === 0) break;
    cur = cur.items[0];
  }
  if (cur.k === 'unknown') return UNKNOWN_VALUE;
  return { k: 'list', items: dims };
}

function builtin(
  name: string,
  call: (args: Value[], kwargs: Map<string, Value>, at: Expr) => Value,
): Value {
  return { k: 'builtin', name, call };
}

function compare(op: string, a: Value, b: Value): boolean | undefined {
  if (a.k === 'unknown' || b.k === 'unknown') return undefined;
  const num = (v: Value) =>
    v.k === 'int' || v.k === 'float' ? v.v : v.k === 'bool' ? Number(v.v) : undefined;
  const x = num(a);
  const y = num(b);
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
    if (op === '==') return a.v === b.v;
    if (op === '!=') return a.v !== b.v;
  }
  if (op === 'is' || op === 'is not') {
    const same = a === b || (a.k === 'none' && b.k === 'none');
    return op === 'is' ? same : !same;
  }
  return undefined;
}

const DTYPES = new Set([
  'float16',
  'float32',
  'float64',
  'int8',
  'int16',
  'int32',
  'int64',
  'uint8',
  'bool',
  'string',
  'complex64',
  'half',
  'double',
]);
