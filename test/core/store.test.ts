import { strict as assert } from 'node:assert';
import { DTypes } from '../../src/core/dtypes';
import { AUTO_REUSE } from '../../src/core/reuse';
import { UNKNOWN } from '../../src/core/shape';
import {
  decideExisting,
  decideInitMode,
  defaultInitializerKind,
  INVALID_INITIALIZER_MESSAGE,
} from '../../src/core/store';

const f32ref = DTypes.float32.asRef;
const found = {
  shape: [1] as const,
  dtype: f32ref,
  isResource: false,
  traceback: '  File "m.py", line 3, in <module>\n',
};

describe('core/store: decisions on an existing variable', () => {
  it('reuse=False raises "already exists" with the traceback tail for RefVariables', () => {
    const [o] = decideExisting('s/v', false, [1], DTypes.float32, found);
    assert.equal(o.kind, 'raise');
    assert.ok(o.kind === 'raise');
    assert.equal(
      o.error.message.split('\n')[0],
      'Variable s/v already exists, disallowed. Did you mean to set reuse=True or reuse=tf.AUTO_REUSE in VarScope? Originally defined at:',
    );
    assert.ok(o.error.message.includes('line 3'));
  });

  it('ResourceVariables get the single sentence', () => {
    const [o] = decideExisting('s/v', false, [1], DTypes.float32, {
      ...found,
      dtype: DTypes.float32,
      isResource: true,
    });
    assert.ok(o.kind === 'raise');
    assert.equal(
      o.error.message,
      'Variable s/v already exists, disallowed. Did you mean to set reuse=True or reuse=tf.AUTO_REUSE in VarScope?',
    );
  });

  const SHARE: Array<[string, readonly (number | null)[] | null, string | null]> = [
    ['same shape', [1], null],
    ['no shape given', null, null],
    ['unknown dimension', [null], null],
    [
      'different size',
      [2],
      'Trying to share variable s/v, but specified shape (2,) and found shape (1,).',
    ],
    [
      'different rank',
      [1, 1],
      'Trying to share variable s/v, but specified shape (1, 1) and found shape (1,).',
    ],
  ];
  for (const reuse of [true, AUTO_REUSE] as const) {
    for (const [title, shape, message] of SHARE) {
      it(`reuse=${String(reuse)}: ${title}`, () => {
        const outcomes = decideExisting('s/v', reuse, shape, DTypes.float32, found);
        assert.equal(outcomes.length, 1);
        if (message === null) assert.equal(outcomes[0].kind, 'reuse');
        else assert.ok(outcomes[0].kind === 'raise' && outcomes[0].error.message === message);
      });
    }
  }

  it('dtype check reports the found dtype as float32_ref', () => {
    const [o] = decideExisting('t/v', true, [1], DTypes.int32, found);
    assert.ok(o.kind === 'raise');
    assert.equal(
      o.error.message,
      'Trying to share variable t/v, but specified dtype int32 and found dtype float32_ref.',
    );
  });

  it('an unknown dimension (analyzer) gives both outcomes', () => {
    const outcomes = decideExisting('s/v', true, [UNKNOWN], DTypes.float32, found);
    assert.deepEqual(
      outcomes.map((o) => o.kind),
      ['raise', 'reuse'],
    );
  });
});

describe('core/store: new variables', () => {
  it('default initializers by dtype', () => {
    assert.equal(defaultInitializerKind('v', DTypes.float64), 'glorot_uniform');
    assert.equal(defaultInitializerKind('v', DTypes.int64), 'zeros');
    assert.equal(defaultInitializerKind('v', DTypes.bool), 'zeros');
    assert.equal(defaultInitializerKind('v', DTypes.string), 'zeros');
    const err = defaultInitializerKind('v', DTypes.complex64);
    assert.ok(typeof err !== 'string');
    assert.equal(err.message, "An initializer for variable v of <dtype: 'complex64'> is required");
  });

  const MODES: Array<
    [string, Parameters<typeof decideInitMode>[0], Parameters<typeof decideInitMode>[1], string]
  > = [
    ['initializer with a full shape', { kind: 'callable', acceptsNoArgs: false }, [2, 3], 'shape'],
    [
      'no shape, initializer needs args',
      { kind: 'callable', acceptsNoArgs: false },
      undefined,
      INVALID_INITIALIZER_MESSAGE,
    ],
    [
      'partial shape',
      { kind: 'callable', acceptsNoArgs: false },
      [null, 3],
      INVALID_INITIALIZER_MESSAGE,
    ],
    [
      'zero-argument callable without shape',
      { kind: 'callable', acceptsNoArgs: true },
      undefined,
      'no-args',
    ],
    [
      'a value',
      { kind: 'value', dtype: DTypes.int32, shape: [3], isTensor: true },
      undefined,
      'value',
    ],
  ];
  for (const [title, info, shape, expected] of MODES) {
    it(title, () => {
      const got = decideInitMode(info, shape);
      assert.equal(typeof got === 'string' ? got : got.message, expected);
    });
  }
});
