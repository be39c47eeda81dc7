/**
 * Random TF1 variable-sharing programs, one per seed, for the differential harness (harness.ts)
 * and its regression tests. The same seed always gives the same text.
 *
 * A program is `import tensorflow as tf` and a few dozen statements drawn from what TF1 code
 * does with variables: variable scopes entered by name, by object and by `default_name`, with
 * every reuse value; `reuse_variables()`; name scopes; `get_variable` with shapes, dtypes,
 * initializers of each kind and partitioners; `tf.Variable`; functions called more than once;
 * loops; templates; custom getters; regularizers; collections; identity checks; graph switches.
 * Every `get_variable` sits in a `try` that prints the error's first line, so one error does
 * not end the program and everything after it is still compared; each statement prints what
 * it made (names, shapes, dtypes), so the program's stdout says what happened.
 *
 * Programs avoid what TF 2.21 (the oracle that runs here) does differently from TF 1.15 where
 * the difference is not a wording the harness maps back (see KNOWN_DIFFERENCES in harness.ts).
 */

/** A small, fast, seedable PRNG (mulberry32). */
export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** One of `options`, by weight. */
  weighted<T>(options: readonly (readonly [number, T])[]): T {
    const total = options.reduce((s, [w]) => s + w, 0);
    let x = this.next() * total;
    for (const [w, v] of options) {
      x -= w;
      if (x < 0) return v;
    }
    return options[options.length - 1][1];
  }
}

const SCOPE_NAMES = ['a', 'b', 'model', 'enc', 'layer'];
const VAR_NAMES = ['w', 'b', 'v', 'weights', 'kernel'];
const SHAPES = ['[]', '[2]', '[3]', '[2, 3]', '[4, 2]', '[3, 2]'];
const REUSE = ['', ', reuse=True', ', reuse=False', ', reuse=tf.AUTO_REUSE', ', reuse=None'];

type Kind =
  | 'get'
  | 'scope'
  | 'nameScope'
  | 'reuseVariables'
  | 'capture'
  | 'plain'
  | 'function'
  | 'loop'
  | 'template'
  | 'identity'
  | 'collections'
  | 'graph'
  | 'printScope'
  | 'getter';

/** One program's writer. */
class Writer {
  private readonly lines: string[] = [];
  private indent = 0;
  private counter = 0;
  /** Names of Python variables holding a VariableScope captured earlier, at module level. */
  private readonly scopeObjects: string[] = [];
  /** Names of Python variables bound to a variable (or None after an error), module level. */
  private readonly variables: string[] = [];
  private functionDepth = 0;

  constructor(private readonly r: Random) {}

  private line(text: string): void {
    this.lines.push('    '.repeat(this.indent) + text);
  }

  private fresh(prefix: string): string {
    return `${prefix}${this.counter++}`;
  }

  program(): string {
    this.lines.length = 0;
    this.line('import tensorflow as tf');
    this.line('');
    const n = this.r.int(4, 14);
    for (let i = 0; i < n; i++) this.statement(0);
    this.line('print("done", len(tf.global_variables()), len(tf.trainable_variables()))');
    return this.lines.join('\n') + '\n';
  }

  private statement(depth: number): void {
    const kind = this.r.weighted<Kind>([
      [10, 'get'],
      [depth < 3 ? 6 : 0, 'scope'],
      [depth < 3 ? 1 : 0, 'nameScope'],
      [depth > 0 ? 1 : 0.2, 'reuseVariables'],
      [depth > 0 && this.functionDepth === 0 ? 1 : 0, 'capture'],
      [1.5, 'plain'],
      [depth < 2 && this.functionDepth === 0 ? 2 : 0, 'function'],
      [depth < 3 ? 1.5 : 0, 'loop'],
      [depth < 2 && this.functionDepth === 0 ? 1 : 0, 'template'],
      [this.variables.length >= 2 && this.functionDepth === 0 ? 1 : 0, 'identity'],
      [0.7, 'collections'],
      [depth === 0 && this.functionDepth === 0 ? 0.4 : 0, 'graph'],
      [0.8, 'printScope'],
      [depth < 3 ? 0.6 : 0, 'getter'],
    ]);
    switch (kind) {
      case 'get':
        return this.getVariable();
      case 'scope':
        return this.scope(depth);
      case 'nameScope':
        this.line(`with tf.name_scope("${this.r.pick(['ns', 'a', 'op'])}"):`);
        return this.block(depth);
      case 'reuseVariables':
        this.line('tf.get_variable_scope().reuse_variables()');
        return;
      case 'capture': {
        const name = this.fresh('sc');
        this.line(`${name} = tf.get_variable_scope()`);
        this.line(`print("scope", ${name}.name, ${name}.reuse)`);
        this.scopeObjects.push(name);
        return;
      }
      case 'plain': {
        const name = this.fresh('p');
        const nameArg = this.r.chance(0.6) ? `, name="${this.r.pick(VAR_NAMES)}"` : '';
        this.line(`${name} = tf.Variable(tf.zeros(${this.r.pick(SHAPES)})${nameArg})`);
        this.line(`print(${name}.name, ${name}.shape)`);
        return;
      }
      case 'function':
        return this.func(depth);
      case 'loop': {
        const i = this.fresh('i');
        this.line(`for ${i} in range(${this.r.int(1, 3)}):`);
        this.indent++;
        if (this.r.chance(0.5)) {
          this.getVariable(`"${this.r.pick(VAR_NAMES)}%d" % ${i}`);
          if (this.r.chance(0.5)) this.statement(depth + 1);
        } else this.statement(depth + 1);
        this.indent--;
        return;
      }
      case 'template':
        return this.template();
      case 'identity': {
        const [a, b] = [this.r.pick(this.variables), this.r.pick(this.variables)];
        this.line(`print("same", ${a} is ${b})`);
        return;
      }
      case 'collections':
        this.line(
          this.r.pick([
            'print("globals", [v.name for v in tf.global_variables()])',
            'print("trainable", [v.name for v in tf.trainable_variables()])',
            'print("losses", [t.name for t in tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)])',
            'print("locals", [v.name for v in tf.local_variables()])',
          ]),
        );
        return;
      case 'graph':
        this.line('with tf.Graph().as_default():');
        return this.block(depth);
      case 'printScope':
        this.line('print("in", repr(tf.get_variable_scope().name))');
        return;
      case 'getter':
        return this.getter(depth);
    }
  }

  /** One to three statements, indented. */
  private block(depth: number): void {
    this.indent++;
    const n = this.r.int(1, 3);
    for (let i = 0; i < n; i++) this.statement(depth + 1);
    this.indent--;
  }

  private scope(depth: number): void {
    const reuse = this.r.pick(REUSE);
    const form = this.r.weighted<'name' | 'object' | 'default' | 'nested'>([
      [6, 'name'],
      [this.scopeObjects.length > 0 && this.functionDepth === 0 ? 2 : 0, 'object'],
      [1.5, 'default'],
      [1, 'nested'],
    ]);
    const target =
      form === 'object'
        ? this.r.pick(this.scopeObjects)
        : form === 'default'
          ? `None, default_name="${this.r.pick(SCOPE_NAMES)}"`
          : form === 'nested'
            ? `"${this.r.pick(SCOPE_NAMES)}/${this.r.pick(SCOPE_NAMES)}"`
            : `"${this.r.pick(SCOPE_NAMES)}"`;
    const as = this.r.chance(0.3) ? ` as ${this.fresh('vs')}` : '';
    this.line(`with tf.variable_scope(${target}${reuse})${as}:`);
    this.indent++;
    if (as) this.line(`print("scope", ${as.slice(4)}.name, ${as.slice(4)}.original_name_scope)`);
    const n = this.r.int(1, 3);
    for (let i = 0; i < n; i++) this.statement(depth + 1);
    this.indent--;
  }

  /** `get_variable` in a try that prints the error's first line. */
  private getVariable(nameExpr?: string): void {
    const name = nameExpr ?? `"${this.r.pick(VAR_NAMES)}"`;
    const target = this.functionDepth > 0 ? 'v' : this.fresh('v');
    const init = this.r.weighted<string>([
      [4, ''],
      [1, ', initializer=tf.zeros_initializer()'],
      [1, ', initializer=tf.ones_initializer()'],
      [1, `, initializer=tf.constant_initializer(${this.r.pick(['0.5', '2', '2.0', '-1'])})`],
      [1, ', initializer=tf.random_normal_initializer()'],
      [1, ', initializer=tf.glorot_uniform_initializer()'],
      [0.6, ', initializer=tf.truncated_normal_initializer(stddev=0.1)'],
      // A zero-argument callable given a shape: TF calls it with dtype= (a TypeError). Only at
      // module level: inside a function, Python 3.10+ names it `f.<locals>.<lambda>` where
      // TF 1.15's Python said `<lambda>`.
      [this.functionDepth === 0 ? 0.5 : 0, ', initializer=lambda: [1.0, 2.0]'],
    ]);
    const dtype = this.r.weighted<string>([
      [8, ''],
      [1, ', dtype=tf.float64'],
      [1, ', dtype=tf.int32'],
      [0.5, ', dtype=tf.float16'],
    ]);
    const valueInit = this.r.chance(0.08);
    let shape = this.r.pick(SHAPES);
    let args: string;
    if (valueInit) {
      args = `${name}, initializer=${this.r.pick([
        'tf.constant([1.0, 2.0])',
        'tf.constant([[1, 2], [3, 4]])',
        'tf.constant(3.0)',
        'lambda: [1.0, 2.0]',
        '[[1, 2], [3, 4]]',
        '3',
      ])}${this.r.pick(['', '', ', dtype=tf.float64', ', dtype=tf.int32'])}`;
    } else {
      let partitioner = '';
      if (this.r.chance(0.1)) {
        shape = this.r.pick(['[4, 2]', '[4]', '[6, 3]']);
        partitioner = `, partitioner=tf.fixed_size_partitioner(${this.r.int(2, 3)})`;
      }
      const regularizer = this.r.chance(0.08)
        ? ', regularizer=lambda t: tf.reduce_sum(t, name="reg")'
        : '';
      const trainable = this.r.chance(0.06) ? ', trainable=False' : '';
      const local = this.r.chance(0.04) ? ', collections=[tf.GraphKeys.LOCAL_VARIABLES]' : '';
      args = `${name}, ${shape}${dtype}${init}${partitioner}${regularizer}${trainable}${local}`;
    }
    this.line('try:');
    this.indent++;
    this.line(`${target} = tf.get_variable(${args})`);
    this.line(`print("var", ${target}.name, ${target}.shape, ${target}.dtype)`);
    this.indent--;
    this.line('except (ValueError, TypeError) as e:');
    this.indent++;
    this.line(`${target} = None`);
    this.line('print(type(e).__name__, str(e).split("\\n")[0])');
    this.indent--;
    if (this.functionDepth === 0) this.variables.push(target);
  }

  private func(depth: number): void {
    const name = this.fresh('f');
    const withReuse = this.r.chance(0.4);
    this.line(`def ${name}(${withReuse ? 'reuse=None' : ''}):`);
    this.indent++;
    this.functionDepth++;
    const scoped = this.r.chance(0.7);
    if (scoped) {
      this.line(
        `with tf.variable_scope("${this.r.pick(SCOPE_NAMES)}"${withReuse ? ', reuse=reuse' : ''}):`,
      );
      this.indent++;
    }
    const n = this.r.int(1, 3);
    for (let i = 0; i < n; i++) this.getVariableOrStatement(depth + 1);
    this.line('return None');
    if (scoped) this.indent--;
    this.functionDepth--;
    this.indent--;
    const calls = this.r.int(1, 3);
    for (let i = 0; i < calls; i++) {
      const arg = withReuse ? this.r.pick(['', 'True', 'tf.AUTO_REUSE', 'False']) : '';
      this.line(`${name}(${withReuse && arg ? `reuse=${arg}` : ''})`);
    }
  }

  private getVariableOrStatement(depth: number): void {
    if (this.r.chance(0.6)) this.getVariable();
    else this.statement(depth);
  }

  private template(): void {
    const fn = this.fresh('body');
    const t = this.fresh('tpl');
    this.line(`def ${fn}():`);
    this.indent++;
    this.functionDepth++;
    const n = this.r.int(1, 2);
    for (let i = 0; i < n; i++) this.getVariable();
    this.line('return None');
    this.functionDepth--;
    this.indent--;
    // With create_scope_now_, the scope is captured here (a default-name scope: `a`, `a_1`),
    // and every call re-enters it; the op name scopes still differ per call.
    const now = this.r.chance(0.3) ? ', create_scope_now_=True' : '';
    this.line(`${t} = tf.make_template("${this.r.pick(SCOPE_NAMES)}", ${fn}${now})`);
    if (now) this.line(`print("template", ${t}.variable_scope.name)`);
    const calls = this.r.int(1, 3);
    for (let i = 0; i < calls; i++) {
      // A call inside another scope: the template's variables keep the scope it captured.
      const inScope = this.r.chance(0.25);
      if (inScope) {
        this.line(`with tf.variable_scope("${this.r.pick(SCOPE_NAMES)}"):`);
        this.indent++;
      }
      this.line('try:');
      this.indent++;
      this.line(`${t}()`);
      this.line(`print("template", ${t}.variable_scope.name)`);
      this.indent--;
      this.line('except ValueError as e:');
      this.indent++;
      this.line('print(type(e).__name__, str(e).split("\\n")[0])');
      this.indent--;
      if (inScope) this.indent--;
    }
  }

  private getter(depth: number): void {
    const g = this.fresh('getter');
    this.line(`def ${g}(getter, name, *args, **kwargs):`);
    this.indent++;
    const body = this.r.weighted<readonly string[]>([
      [1, ['return getter(name, *args, **kwargs)']],
      [1, ['return getter(name + "_g", *args, **kwargs)']],
      [1, ['kwargs["trainable"] = False', 'return getter(name, *args, **kwargs)']],
      // Getters that return a computed tensor, not a variable: the call's result is named by
      // the op, in the name scope the getter runs in (the root, unless it opens one).
      [
        0.6,
        [
          'a = getter(name + "_a", *args, **kwargs)',
          'b = getter(name + "_b", *args, **kwargs)',
          'return a + b',
        ],
      ],
      [
        0.4,
        [
          'v = getter(name, *args, **kwargs)',
          `with tf.name_scope("${this.r.pick(['cg', 'custom_getter'])}"):`,
          '    return v * 2.0',
        ],
      ],
      [
        0.4,
        [
          'v = getter(name, *args, **kwargs)',
          'return tf.identity(v, name="reused" if kwargs["reuse"] else "fresh")',
        ],
      ],
    ]);
    for (const text of body) this.line(text);
    this.indent--;
    this.line(
      `with tf.variable_scope("${this.r.pick(SCOPE_NAMES)}", custom_getter=${g}${this.r.pick(REUSE)}):`,
    );
    this.block(depth);
  }
}

/** The program of a seed. */
export function generate(seed: number): string {
  return new Writer(new Random(seed)).program();
}
