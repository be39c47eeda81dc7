/**
 * The layer libraries' IR made at build time (src/analyzer/library/prelowered.ts): read back, it
 * is the IR lowering gives; an analysis through it is the analysis that lowers the library; IR
 * made from another text, an unreadable file or a reader that fails are passed over, and the
 * module is lowered from its own text.
 */
import { strict as assert } from 'node:assert';
import { analyze } from '../../src/analyzer/analyze';
import { libraryFor } from '../../src/analyzer/library';
import {
  encodeLowered,
  prelowered,
  textHash,
  usePrelowered,
} from '../../src/analyzer/library/prelowered';
import { LIBRARY_SOURCES } from '../../src/analyzer/library/sources.generated';
import { lowerPython } from '../../src/analyzer/python/lower';

const MODEL = `import tensorflow as tf
x = tf.placeholder(tf.float32, [None, 32, 32, 3])
h = x
for i in range(3):
    h = tf.layers.conv2d(h, 16, 3, padding="same", name="conv%d" % i)
    h = tf.layers.batch_normalization(h, training=True, name="bn%d" % i)
h = tf.layers.dense(tf.layers.flatten(h), 10, name="fc")
with tf.variable_scope("fc", reuse=True):
    w = tf.get_variable("kernel", [5, 10])
`;

/** Fails on anything in `value` that JSON would not give back as it is. */
function assertJsonTree(value: unknown, at: string, seen: Set<object>): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    assert.ok(Number.isFinite(value), `${at}: ${value} does not survive JSON`);
    return;
  }
  assert.equal(typeof value, 'object', `${at}: a ${typeof value}`);
  const obj = value as object;
  assert.ok(!seen.has(obj), `${at}: an object reached twice (JSON would copy it)`);
  seen.add(obj);
  const proto = Object.getPrototypeOf(obj);
  assert.ok(
    Array.isArray(obj) || proto === Object.prototype,
    `${at}: a ${proto?.constructor?.name} (JSON would make it a plain object)`,
  );
  for (const [k, v] of Object.entries(obj)) {
    // An absent field and one set to undefined read the same; JSON keeps neither.
    if (v !== undefined) assertJsonTree(v, `${at}.${k}`, seen);
  }
}

describe('analyzer: the layer libraries prelowered at build time', () => {
  afterEach(() => usePrelowered(undefined));

  it("every library module's IR is a tree of JSON values, so its file reads back as it was", () => {
    for (const [name, text] of Object.entries(LIBRARY_SOURCES)) {
      const module = lowerPython(text).module;
      assertJsonTree(module, name, new Set());
      const files = new Map([[name, encodeLowered(text)]]);
      usePrelowered((n) => files.get(n));
      assert.deepEqual(prelowered(name, text), JSON.parse(JSON.stringify(module)), name);
    }
  });

  it('an analysis through prelowered IR is the analysis that lowers the library', () => {
    const asked: string[] = [];
    const files = new Map(
      Object.entries(LIBRARY_SOURCES).map(([n, t]) => [n, encodeLowered(t)] as const),
    );
    // Each analysis gets a library of its own (a copy of the sources), lowered afresh.
    const lowered = analyze(MODEL, { path: 'model.py', library: { ...LIBRARY_SOURCES } });
    usePrelowered((n) => {
      asked.push(n);
      return files.get(n);
    });
    const sources = { ...LIBRARY_SOURCES };
    const read = analyze(MODEL, { path: 'model.py', library: sources });
    assert.ok(asked.includes('core') && asked.includes('convolutional'), asked.join(', '));
    assert.deepEqual(read, lowered);
    assert.ok(read.variables.some((v) => v.name === 'conv2/kernel:0'));
    // The library's modules are the objects read from the files, not lowered again.
    const core = libraryFor(sources).module('core');
    assert.deepEqual(core, JSON.parse(files.get('core')!).module);
  });

  it('IR made from another text, an unreadable file or a failing reader: the module is lowered', () => {
    const core = LIBRARY_SOURCES.core;
    const edited = `${core}\nEDITED = 1\n`;
    assert.notEqual(textHash(edited), textHash(core));
    for (const reader of [
      () => encodeLowered(core), // made before the text was edited
      () => '{"hash": "not json',
      () => JSON.stringify({ hash: textHash(edited), module: { kind: 'Stmt' } }),
      () => undefined,
      () => {
        throw new Error('EACCES');
      },
    ]) {
      usePrelowered(reader);
      assert.equal(prelowered('core', edited), undefined);
      const lib = libraryFor({ ...LIBRARY_SOURCES, core: edited });
      assert.deepEqual(lib.module('core'), lowerPython(edited).module);
    }
  });
});
