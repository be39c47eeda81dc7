import { strict as assert } from 'node:assert';
import * as tf from '@tensorflow/tfjs-core';
import {
  AUTO_REUSE,
  captureCallSites,
  CustomGetter,
  addToCollection,
  ERROR_CODES,
  getCollection,
  getLocalVariable,
  getVariable,
  getVariableScope,
  globalVariables,
  Graph,
  GraphKeys,
  initializers,
  localVariables,
  nameScope,
  PartitionedVariable,
  partitioners,
  resetDefaultGraph,
  trainableVariables,
  TypedTensor,
  DTypes,
  TypeError as TFTypeError,
  ValueError,
  variable,
  Variable,
  variableScope,
  withGraph,
} from '../../src/index';
import { main as seed1 } from '../../examples/engine/collections_and_shapes';
import { main as seed2 } from '../../examples/engine/reuse_after_error';
import { catchError, firstLineOf, useFreshGraph } from './helpers';

const v = (x: unknown) => x as Variable;

describe('engine: the seed examples through the TypeScript API', () => {
  useFreshGraph();

  it('example 1 prints what TF prints', () => {
    const lines: string[] = [];
    seed1((l) => lines.push(l));
    assert.deepEqual(lines, ['True', '(3, 3, 32, 64)', 'False', '(64,)']);
  });

  it('example 2: the same object twice, named cur_scope/my_var:0', () => {
    const lines: string[] = [];
    seed2((l) => lines.push(l));
    assert.deepEqual(lines, ['True', 'cur_scope/my_var:0']);
    assert.equal(globalVariables().length, 1);
    assert.deepEqual(globalVariables()[0].shape, [100]);
  });
});

describe('engine: variables hold real tensors', () => {
  useFreshGraph();

  it('name, opName, shape, dtype, trainable and value', () => {
    const w = v(
      variableScope('layer', () =>
        getVariable('w', { shape: [2, 3], initializer: initializers.ones() }),
      ),
    );
    assert.equal(w.name, 'layer/w:0');
    assert.equal(w.opName, 'layer/w');
    assert.deepEqual(w.shape, [2, 3]);
    assert.equal(w.dtype.name, 'float32_ref');
    assert.equal(w.trainable, true);
    assert.deepEqual(w.value.arraySync(), [
      [1, 1, 1],
      [1, 1, 1],
    ]);
    assert.equal(String(w), "<tf.Variable 'layer/w:0' shape=(2, 3) dtype=float32_ref>");
  });

  it('default initializers: glorot uniform for floats, zeros for integers and booleans', () => {
    const f = v(getVariable('f', { shape: [40, 60] }));
    const limit = Math.sqrt(6 / (40 + 60));
    const values = f.value.dataSync();
    assert.ok(values.every((x) => Math.abs(x) <= limit));
    assert.ok(values.some((x) => x !== 0));
    const i = v(getVariable('i', { shape: [3], dtype: 'int32' }));
    assert.equal(i.dtype.name, 'int32_ref');
    assert.deepEqual(i.value.arraySync(), [0, 0, 0]);
    const b = v(getVariable('b', { shape: [2], dtype: 'bool' }));
    assert.equal(b.dtype.name, 'bool_ref');
    assert.equal(b.value.dtype, 'bool');
    assert.deepEqual(b.value.arraySync(), [0, 0]); // tfjs reads booleans back as 0/1
  });

  it('a plain JS number initializer is float32, as numbers are in TensorFlow.js', () => {
    const x = v(getVariable('x', { initializer: 4 }));
    assert.equal(x.dtype.name, 'float32_ref');
    assert.deepEqual(x.value.arraySync(), 4);
  });

  it('a tensor initializer fixes dtype and shape; a later float32 lookup fails', () => {
    const four = tf.scalar(4, 'int32');
    const x = v(getVariable('x', { initializer: four }));
    four.dispose(); // the caller's tensor; the variable holds its own copy
    assert.equal(x.dtype.baseDType.name, 'int32');
    assert.deepEqual(x.shape, []);
    const err = catchError(() => variableScope('', { reuse: true }, () => getVariable('x')));
    assert.equal(
      firstLineOf(err),
      'Trying to share variable x, but specified dtype float32 and found dtype int32_ref.',
    );
  });

  it('a typed tensor initializer keeps the TF dtype tfjs cannot store (int64, float64)', () => {
    const stored = tf.tensor1d([2, 3], 'int32');
    const r = v(getVariable('r', { initializer: new TypedTensor(stored, DTypes.int64) }));
    assert.equal(r.dtype.name, 'int64_ref');
    assert.deepEqual(r.shape, [2]);
    assert.deepEqual(r.value.arraySync(), [2, 3]);
    assert.equal(stored.isDisposed, false); // the caller's tensor; the variable copied it
    stored.dispose();
    const half = tf.tensor1d([0.5], 'float32');
    const f = v(getVariable('f', { initializer: () => new TypedTensor(half, DTypes.float64) }));
    assert.equal(f.dtype.name, 'float64_ref');
    assert.deepEqual(f.value.arraySync(), [0.5]);
    const seven = tf.scalar(7, 'int32');
    const t = variable(new TypedTensor(seven, DTypes.int64));
    seven.dispose();
    assert.equal(t.dtype.name, 'int64_ref');
  });

  it("an explicit dtype is checked against a typed tensor initializer's TF dtype", () => {
    const seven = new TypedTensor(tf.scalar(7, 'int32'), DTypes.int64);
    const ok = v(getVariable('q', { initializer: seven, dtype: 'int64' }));
    assert.equal(ok.dtype.name, 'int64_ref');
    const err = catchError(() => getVariable('p', { initializer: seven, dtype: 'int32' }));
    seven.tensor.dispose();
    assert.equal(
      firstLineOf(err),
      "Initializer type '<dtype: 'int64'>' and explicit dtype '<dtype: 'int32'>' don't match.",
    );
  });

  it('a zero-argument function initializer without shape', () => {
    const x = v(getVariable('foo', { initializer: () => [2.0] }));
    assert.deepEqual(x.shape, [1]);
    assert.deepEqual(x.value.arraySync(), [2]);
  });

  it('a function initializer taking the shape', () => {
    const x = v(
      getVariable('f', { shape: [2, 2], initializer: (shape: number[]) => tf.fill(shape, 7) }),
    );
    assert.deepEqual(x.value.arraySync(), [
      [7, 7],
      [7, 7],
    ]);
  });

  it('seeded initializers are deterministic across graphs', () => {
    const make = () =>
      Array.from(
        v(
          getVariable('r', { shape: [5], initializer: initializers.randomNormal({ seed: 42 }) }),
        ).value.dataSync(),
      );
    const first = make();
    resetDefaultGraph();
    assert.deepEqual(make(), first);
  });
});

describe("engine: errors are TF's", () => {
  useFreshGraph();

  it("ValueError and TypeError are Errors with TF's first line and a stable code", () => {
    getVariable('v', { shape: [1] });
    const err = catchError(() => getVariable('v', { shape: [1] }));
    assert.ok(err instanceof ValueError);
    assert.ok(err instanceof Error);
    assert.equal(err.name, 'ValueError');
    assert.equal((err as ValueError).code, ERROR_CODES.variableExists);
    assert.equal(
      firstLineOf(err),
      'Variable v already exists, disallowed. Did you mean to set reuse=True or reuse=tf.AUTO_REUSE in VarScope? Originally defined at:',
    );
    // Without call-site capture (the default) the message stops after "Originally defined at:".
    assert.equal(err.message.split('\n').length, 3);
    const typeErr = catchError(() => variableScope(3 as never, () => 0));
    assert.ok(typeErr instanceof TFTypeError);
  });

  it('with call-site capture on, the error says where the variable was first created', () => {
    captureCallSites(true);
    try {
      getVariable('v', { shape: [1] }); // this line is the one the error points at
      const err = catchError(() => getVariable('v', { shape: [1] })) as ValueError;
      assert.match(
        err.message,
        /Originally defined at:\n\n {2}File ".*api\.test\.js", line \d+, in /,
      );
      const at = err.info.originallyDefinedAt;
      assert.ok(at && /api\.test\.js$/.test(at.file) && at.line > 0);
    } finally {
      captureCallSites(false);
    }
  });

  it("a resource variable's duplicate error is the single sentence", () => {
    getVariable('r', { shape: [1], useResource: true });
    const err = catchError(() => getVariable('r', { shape: [1] }));
    assert.equal(
      err.message,
      'Variable r already exists, disallowed. Did you mean to set reuse=True or reuse=tf.AUTO_REUSE in VarScope?',
    );
  });

  it('a failed creation creates nothing and leaks nothing', () => {
    const before = tf.memory().numTensors;
    catchError(() => getVariable('a'));
    catchError(() => getVariable('b', { shape: [null, 3] }));
    catchError(() => getVariable('c', { shape: [1], initializer: 5 }));
    assert.equal(globalVariables().length, 0);
    assert.equal(tf.memory().numTensors, before);
  });

  it('bad shapes are rejected clearly', () => {
    assert.equal(
      firstLineOf(catchError(() => getVariable('n', { shape: [-1] }))),
      'Dimension -1 must be >= 0',
    );
  });
});

describe('engine: names that surprise', () => {
  useFreshGraph();

  it('a variable op name can be uniquified while its store key is not', () => {
    variableScope('foo', () => variable(1.0, { name: 'v' }));
    const a = v(variableScope('foo', () => getVariable('v', { shape: [] })));
    assert.equal(a.name, 'foo/v_1:0');
    const again = variableScope('foo', { reuse: true }, () => getVariable('v', { shape: [] }));
    assert.equal(again, a);
  });

  it('getVariable ignores name scopes; ops do not', () => {
    nameScope('ns', (sc) => {
      assert.equal(sc, 'ns/');
      assert.equal(v(getVariable('v', { shape: [1] })).name, 'v:0');
    });
  });

  it('reuseVariables() on the root scope leaks reuse to everything after it', () => {
    getVariable('w', { shape: [1] });
    getVariableScope().reuseVariables();
    const err = catchError(() => variableScope('opt', () => getVariable('slot', { shape: [1] })));
    assert.equal(
      firstLineOf(err),
      'Variable opt/slot does not exist, or was not created with tf.get_variable(). Did you mean to set reuse=tf.AUTO_REUSE in VarScope?',
    );
  });

  it('AUTO_REUSE creates then returns the same object', () => {
    const f = () =>
      variableScope('foo', { reuse: AUTO_REUSE }, () => getVariable('v', { shape: [1] }));
    assert.equal(f(), f());
    assert.equal(globalVariables().length, 1);
  });
});

describe('engine: collections', () => {
  useFreshGraph();

  it('collections keep creation order; trainable adds TRAINABLE_VARIABLES', () => {
    const a = getVariable('a', { shape: [1] });
    const b = getVariable('b', { shape: [1], trainable: false });
    assert.deepEqual(globalVariables(), [a, b]);
    assert.deepEqual(trainableVariables(), [a]);
  });

  it('an explicit collections list replaces GLOBAL_VARIABLES', () => {
    const x = getVariable('x', { shape: [1], collections: ['mine'] });
    assert.deepEqual(getCollection('mine'), [x]);
    assert.deepEqual(globalVariables(), []);
    assert.deepEqual(trainableVariables(), [x]);
  });

  it('get_collection filters with re.match on names (so "foo" matches "foo_")', () => {
    const a = variableScope('foo', () => getVariable('a', { shape: [1] }));
    const b = variableScope('foo_', () => getVariable('b', { shape: [1] }));
    variableScope('bar', () => getVariable('c', { shape: [1] }));
    assert.deepEqual(getCollection(GraphKeys.GLOBAL_VARIABLES, 'foo'), [a, b]);
    variableScope('foo', (s) =>
      assert.deepEqual(getCollection(GraphKeys.GLOBAL_VARIABLES, `${s.name}/`), [a]),
    );
  });

  it('user collections allow duplicates; unnamed items are skipped by scope filters', () => {
    addToCollection('c', 1);
    addToCollection('c', 1);
    assert.deepEqual(getCollection('c'), [1, 1]);
    assert.deepEqual(getCollection('c', 'x'), []);
  });

  it('local variables: LOCAL_VARIABLES plus given collections, never trainable', () => {
    const lv = getLocalVariable('w', { shape: [], collections: ['foo'] });
    assert.deepEqual(localVariables(), [lv]);
    assert.deepEqual(getCollection('foo'), [lv]);
    assert.deepEqual(trainableVariables(), []);
    assert.deepEqual(globalVariables(), []);
  });
});

describe('engine: partitioned variables', () => {
  useFreshGraph();

  it('parts take the remainder first and concatenate back to the whole', () => {
    const value = Array.from({ length: 10 }, (_, i) => [i, i + 0.5]);
    const init = tf.tensor(value);
    const p = getVariable('p', {
      initializer: init,
      partitioner: partitioners.fixedSizePartitioner(3),
    }) as PartitionedVariable;
    init.dispose();
    assert.ok(p instanceof PartitionedVariable);
    assert.deepEqual(
      [...p].map((x) => [x.name, x.shape]),
      [
        ['p/part_0:0', [4, 2]],
        ['p/part_1:0', [3, 2]],
        ['p/part_2:0', [3, 2]],
      ],
    );
    const whole = p.asTensor();
    assert.deepEqual(whole.arraySync(), value);
    whole.dispose();
    const again = variableScope('', { reuse: true }, () => getVariable('p'));
    assert.equal(again, p);
  });
});

describe('engine: custom getters', () => {
  useFreshGraph();

  it('scope getters compose innermost first and run on reuse too', () => {
    const calls: string[] = [];
    const suffix = (s: string) => (getter: (a: never) => unknown, args: { name: string }) => {
      calls.push(`${s}:${args.name}`);
      return getter({ ...args, name: `${args.name}_${s}` } as never);
    };
    const made = variableScope('a', { customGetter: suffix('o') as never }, () =>
      variableScope('b', { customGetter: suffix('i') as never }, () =>
        getVariable('v', { shape: [1] }),
      ),
    );
    assert.equal(v(made).name, 'a/b/v_i_o:0');
    assert.deepEqual(calls, ['i:a/b/v', 'o:a/b/v_i']);
  });

  it('each getter is told how TF calls it: by the store, wrapped, or through the partial', () => {
    const seen: string[] = [];
    const tag =
      (s: string): CustomGetter =>
      (getter, args, call) => {
        seen.push(`${s}:${call}`);
        return getter(args);
      };
    getVariable('alone', { shape: [1], customGetter: tag('alone') });
    variableScope('a', { customGetter: tag('a') }, () =>
      variableScope('b', { customGetter: tag('b') }, () =>
        variableScope('c', { customGetter: tag('c') }, () => getVariable('v', { shape: [1] })),
      ),
    );
    assert.deepEqual(seen, ['alone:store', 'c:wrapped', 'b:partial', 'a:partial']);
  });

  it("a non-callable getter is rejected with TF's message", () => {
    const err = catchError(() => getVariable('x', { shape: [1], customGetter: 3 as never }));
    assert.equal(err.message, 'Passed a custom_getter which is not callable: 3');
  });
});

describe('engine: graphs', () => {
  it('each graph has its own store; disposing one frees its tensors', () => {
    resetDefaultGraph();
    const before = tf.memory().numTensors;
    const g1 = new Graph();
    const g2 = new Graph();
    const a = withGraph(g1, () => getVariable('v', { shape: [1] }));
    const b = withGraph(g2, () => getVariable('v', { shape: [1] }));
    assert.notEqual(a, b);
    assert.equal(v(a).graph, g1);
    assert.throws(() => withGraph(g1, () => getVariable('v', { shape: [1] })), ValueError);
    g1.dispose();
    g2.dispose();
    assert.equal(tf.memory().numTensors, before);
  });

  it("running the same program twice never trips tfjs's variable registry", () => {
    for (let i = 0; i < 3; i++) {
      resetDefaultGraph();
      variableScope('net', () => getVariable('w', { shape: [4] }));
    }
    resetDefaultGraph();
  });

  it('resetDefaultGraph returns the tensor count to its baseline', () => {
    resetDefaultGraph();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 50; i++) {
      variableScope(`s${i}`, { regularizer: (w: tf.Tensor) => tf.sum(w) }, () => {
        getVariable('w', { shape: [3, 3] });
        getVariable('p', { shape: [4, 2], partitioner: partitioners.fixedSizePartitioner(2) });
      });
    }
    assert.ok(tf.memory().numTensors > before);
    resetDefaultGraph();
    assert.equal(tf.memory().numTensors, before);
  });

  it('resetDefaultGraph refuses inside withGraph', () => {
    const g = new Graph();
    assert.throws(
      () => withGraph(g, () => resetDefaultGraph()),
      /Do not use tf.reset_default_graph\(\) to clear nested graphs/,
    );
    g.dispose();
  });
});
