/**
 * Loops the test does not end (`while True:`) stop at a fixed point (interpreter/loops.ts): the
 * work they cost is a few iterations of their body, whatever the file around them, and what
 * their iterations could do is still reported. Work is measured in interpreter steps, which are
 * deterministic (no durations).
 */
import { strict as assert } from 'node:assert';
import { analyze } from '../../src/analyzer/analyze';
import { lowerSource } from '../../src/analyzer/front-ends';
import { interpret } from '../../src/analyzer/interpreter/interpreter';
import { libraryFor } from '../../src/analyzer/library/index';
import { lowerPython } from '../../src/analyzer/python/lower';

function run(source: string, file = 'loop.py') {
  const python = file.endsWith('.py');
  return interpret(python ? lowerPython(source).module : lowerSource(source, file), {
    file,
    language: python ? 'python' : 'typescript',
    library: libraryFor(),
  });
}

const MODEL = `import tensorflow as tf
import tokenizer


def model(x):
    with tf.variable_scope("model", reuse=tf.AUTO_REUSE):
        w = tf.get_variable("w", [3])
    return x * w

`;

/** Programs with a `while True:` loop; the same program with `if True:` runs its body once. */
const LOOPS: Record<string, string> = {
  // A REPL calling a model each turn (creates, then reuses) and functions not known.
  repl: `${MODEL}
while True:
    text = input("prompt> ")
    tokens = tokenizer.encode(text)
    y = model(tokens)
    print(tokenizer.decode(y))
`,
  // A loop that only counts.
  counter: `n = 0
while True:
    n += 1
`,
  // gpt-2's interactive sampler: an inner loop until the prompt fits (once or twice: a path
  // each), samples printed.
  sampler: `${MODEL}
def interact(nsamples=1, batch_size=1, input_length=512):
    output = model(tf.placeholder(tf.int32, [batch_size, None]))
    with tf.Session() as sess:
        while True:
            context_length = 0
            while context_length <= 0 or context_length > input_length:
                raw_text = input("Model prompt >>> ")
                context_tokens = tokenizer.encode(raw_text)
                context_length = len(context_tokens)
            generated = 0
            for _ in range(nsamples // batch_size):
                out = sess.run(output, feed_dict={"context": [context_tokens]})
                for i in range(batch_size):
                    generated += 1
                    text = tokenizer.decode(out[i])
            print("=" * 80)


interact()
`,
};

describe('analyzer: loops the test does not end', () => {
  for (const [name, source] of Object.entries(LOOPS)) {
    it(`costs a few iterations of the body: ${name}`, () => {
      const loop = run(source);
      const once = run(source.replace(/while True:/, 'if True:'));
      assert.ok(loop.complete && once.complete, name);
      assert.ok(loop.exhaustive, `${name}: every path explored`);
      // Before, such a loop ran until its iteration limit (1000) on every path.
      assert.ok(
        loop.steps.total <= 4 * once.steps.total,
        `${name}: ${loop.steps.total} steps, ${once.steps.total} with if True`,
      );
    });
  }

  it('costs a few iterations of the body on each path when the body branches', () => {
    // Each turn branches on what was typed (one side imports, which a probe does not undo:
    // both sides are paths), so each iteration the loop runs doubles the paths: three
    // iterations (the first creates, the second reuses, the third changes nothing) make eight,
    // where if True makes two.
    const source = LOOPS.repl
      .replace(
        '    y = model(tokens)',
        '    if len(tokens) == 0:\n        tokens = pad(tokens)\n    y = model(tokens)',
      )
      .replace('\nwhile True:', '\ndef pad(t):\n    import os\n    return t\n\n\nwhile True:');
    const loop = run(source);
    const once = run(source.replace(/while True:/, 'if True:'));
    assert.ok(loop.exhaustive && loop.complete);
    assert.equal(once.paths.length, 2);
    assert.equal(loop.paths.length, 8);
    assert.ok(
      loop.steps.total <= 4 * 3 * once.steps.total,
      `${loop.steps.total} steps, ${once.steps.total} with if True`,
    );
  });

  it('costs the same whatever the file around the loop', () => {
    const extra = (n: number) =>
      Array.from(
        { length: n },
        (_, i) => `v${i} = [${i}, "s${i}"]\ndef f${i}(x):\n    return x + v${i}[0]\n`,
      ).join('');
    const cost = (n: number) => {
      const source = extra(n) + LOOPS.repl;
      return run(source).steps.total - run(source.replace(/while True:/, 'if True:')).steps.total;
    };
    const small = cost(10);
    assert.ok(small > 0);
    assert.equal(cost(500), small);
  });

  it('ends a path that never leaves the loop: only a break or an interrupt reaches what follows', () => {
    const source = `import tensorflow as tf
try:
    while True:
        line = input()
        if line == "q":
            break
except KeyboardInterrupt:
    tf.get_variable("interrupted", [1])
else:
    tf.get_variable("quit", [1])
tf.get_variable("after", [1])
`;
    const a = analyze(source, { path: 'repl.py' });
    assert.ok(a.exhaustive);
    const outcome = (name: string) =>
      a.callSites.flatMap((s) => s.outcomes).find((o) => o.name === `${name}:0`);
    assert.equal(outcome('interrupted')?.certain, true);
    assert.equal(outcome('quit')?.certain, true);
    assert.equal(outcome('after')?.certain, true);
  });

  it('is stopped by an interrupt that except Exception does not catch, nor a JavaScript catch', () => {
    const python = analyze(
      `import tensorflow as tf
try:
    while True:
        line = input()
except Exception:
    tf.get_variable("failed", [1])
tf.get_variable("after", [1])
`,
      { path: 'serve.py' },
    );
    assert.ok(python.exhaustive);
    assert.deepEqual(python.callSites, []);
    const ts = analyze(
      `import { getVariable } from 'scope-lens';
declare function prompt(): string;
try {
  for (;;) prompt();
} catch (e) {
  getVariable('failed', { shape: [1] });
}
getVariable('after', { shape: [1] });
`,
      { path: 'serve.ts' },
    );
    assert.ok(ts.exhaustive);
    assert.deepEqual(ts.callSites, []);
  });

  it('keeps running while the state changes: what a later iteration does is reported', () => {
    // The list grows each turn, so no two turns leave the same state.
    const source = `import tensorflow as tf
history = []
while True:
    history.append(input())
    if len(history) == 6:
        tf.get_variable("six", [1])
`;
    const a = analyze(source, { path: 'history.py' });
    const outcomes = a.callSites.flatMap((s) => s.outcomes);
    assert.deepEqual(
      outcomes.map((o) => `${o.action} ${o.name}`),
      ['create six:0'],
    );
  });

  it('sees a change to a scope in the next iteration before it stops', () => {
    // The first turn creates and sets reuse; the second reuses; from then on nothing changes.
    const source = `import tensorflow as tf
while True:
    x = input()
    with tf.variable_scope("s") as scope:
        tf.get_variable("w", [1])
    tf.get_variable_scope().reuse_variables()
`;
    const a = analyze(source, { path: 'reuse.py' });
    const outcomes = a.callSites.flatMap((s) => s.outcomes);
    assert.deepEqual(outcomes.map((o) => `${o.action} ${o.name} ${o.certain}`).sort(), [
      'create s/w:0 true',
      'reuse s/w:0 true',
    ]);
  });

  it('stops while (true) and for (;;) in TypeScript', () => {
    for (const head of ['while (true)', 'for (;;)']) {
      const source = `import { getVariable, variableScope, AUTO_REUSE } from 'scope-lens';
declare function prompt(): string;
let n = 0;
${head} {
  const line = prompt();
  n += 1;
  variableScope('m', { reuse: AUTO_REUSE }, () => getVariable('w', { shape: [1] }));
}
`;
      const r = run(source, 'loop.ts');
      const once = run(source.replace(head, 'if (true)'), 'loop.ts');
      assert.ok(r.exhaustive && r.complete, head);
      assert.ok(
        r.steps.total <= 8 * once.steps.total,
        `${head}: ${r.steps.total} vs ${once.steps.total}`,
      );
    }
  });
});
