/**
 * The pure-Python ndarray shipped with the runtime (src/runtime/python/numpy/_ndarray.py)
 * against golden data recorded from real NumPy 1.x by scripts/gen-ndarray-golden.py: printing
 * (str/repr/tolist), scalar reprs, arithmetic with NumPy 1.x type promotion and broadcasting,
 * indexing and array methods, and reductions. Everything runs inside real Pyodide, where the
 * module is imported standalone.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadPyodide, type PyodideInterface } from 'pyodide';
import { projectRoot } from '../support';

const root = projectRoot();
const MODULE = path.join(root, 'src', 'runtime', 'python', 'numpy', '_ndarray.py');
const GOLDEN = path.join(root, 'test', 'runtime', 'ndarray-golden.json');
const MODULE_DIR = '/ndarray_test';

/** Compares every golden case of a group inside Python; returns a JSON report. */
const DRIVER = String.raw`
import json
import math
import sys
import zlib

sys.path.insert(0, MODULE_DIR)
import _ndarray as np  # noqa: E402

DT_TYPES = {'float32': np.float32, 'float64': np.float64, 'int32': np.int32,
            'int64': np.int64, 'bool': np.bool_}


def gen_values(n, seed, scale=1.0):
    return [(((i * 7919 + seed * 104729) % 10007) / 1000.0 - 5.0) * scale for i in range(n)]


def make(spec):
    if 'gen' in spec:
        return np.array(gen_values(*spec['gen']), dtype=spec['dtype']).reshape(spec['shape'])
    if 'arr' in spec:
        return np.array(json.loads(spec['arr']), dtype=spec['dtype']).reshape(spec['shape'])
    if 'sc' in spec:
        return DT_TYPES[spec['dtype']](json.loads(spec['sc']))
    return json.loads(spec['py'])


def list_check(a):
    """repr(a.tolist()) for small arrays, its CRC32 for big ones."""
    text = repr(a.tolist())
    if a.size <= 200:
        return {'tolist': text}
    return {'tolist_crc32': zlib.crc32(text.encode())}


def describe(x):
    if isinstance(x, np.ndarray):
        d = {'type': 'ndarray', 'dtype': str(x.dtype), 'shape': list(x.shape)}
        if x.size <= 200:
            d['repr'] = repr(x)
        else:
            d['repr_crc32'] = zlib.crc32(repr(x).encode())
        d.update(list_check(x))
        return d
    if isinstance(x, np.generic):
        return {'type': type(x).__name__, 'dtype': str(x.dtype), 'repr': repr(x),
                'item': repr(x.item())}
    return {'type': type(x).__name__, 'repr': repr(x)}


def run(fn):
    try:
        return describe(fn())
    except Exception as e:
        return {'error': type(e).__name__, 'msg': str(e)}


def key(k):
    if 'tuple' in k:
        return tuple(key(x) for x in k['tuple'])
    if 'slice' in k:
        return slice(*k['slice'])
    if 'ellipsis' in k:
        return Ellipsis
    if 'none' in k:
        return None
    if 'karr' in k:
        return make(k['karr'])
    if 'list' in k:
        return k['list']
    return k['int']


OPS = {'add': lambda a, b: a + b, 'sub': lambda a, b: a - b, 'mul': lambda a, b: a * b,
       'truediv': lambda a, b: a / b, 'floordiv': lambda a, b: a // b,
       'mod': lambda a, b: a % b, 'pow': lambda a, b: a ** b, 'eq': lambda a, b: a == b,
       'ne': lambda a, b: a != b, 'lt': lambda a, b: a < b, 'le': lambda a, b: a <= b,
       'gt': lambda a, b: a > b, 'ge': lambda a, b: a >= b,
       'neg': lambda a: -a, 'abs': lambda a: abs(a)}

METHODS = {
    'tolist': lambda a: a.tolist(), 'item': lambda a: a.item(), 'len': lambda a: len(a),
    'iter': lambda a: list(a), 'float': lambda a: float(a), 'int': lambda a: int(a),
    'bool': lambda a: bool(a), 'flatten': lambda a: a.flatten(), 'ravel': lambda a: a.ravel(),
    'copy': lambda a: a.copy(), 'T': lambda a: a.T, 'transpose': lambda a: a.transpose(),
    'size': lambda a: a.size, 'ndim': lambda a: a.ndim, 'shape': lambda a: a.shape,
    'dtype_str': lambda a: str(a.dtype), 'dtype_repr': lambda a: repr(a.dtype),
    'squeeze': lambda a: a.squeeze(),
}


def check_print(c):
    a = make(c['a'])
    got = {'str': str(a), 'repr': repr(a)}
    if 'tolist' in c or 'tolist_crc32' in c:
        got.update(list_check(a))
    want = {k: c[k] for k in ('str', 'repr', 'tolist', 'tolist_crc32') if k in c}
    return got, want


def check_scalar(c):
    s = DT_TYPES[c['dtype']](json.loads(c['value']))
    got = {'str': str(s), 'repr': repr(s), 'item': repr(s.item())}
    return got, {'str': c['str'], 'repr': c['repr'], 'item': c['item']}


def check_arith(c):
    args = [make(s) for s in c['args']]
    return run(lambda: OPS[c['op']](*args)), c['result']


def check_index(c):
    a = make(c['a'])
    got = []
    for r in c['runs']:
        k = key(r['key'])
        got.append(run(lambda: a[k]))
    return got, [r['result'] for r in c['runs']]


def method_fn(a, r):
    fn = r['fn']
    if fn == 'astype':
        return lambda: a.astype(DT_TYPES[r['args'][0]])
    if fn == 'reshape':
        return lambda: a.reshape(*r['args'])
    if fn == 'transpose_axes':
        return lambda: a.transpose(*r['args'])
    return lambda: METHODS[fn](a)


def check_method(c):
    a = make(c['a'])
    got = [run(method_fn(a, r)) for r in c['runs']]
    return got, [r['result'] for r in c['runs']]


def check_reduce(c):
    a = make(c['a'])
    got = [run(lambda: getattr(a, r['fn'])(**r['kw'])) for r in c['runs']]
    return got, [r['result'] for r in c['runs']]


CHECKS = {'print': check_print, 'scalars': check_scalar, 'arith': check_arith,
          'index': check_index, 'methods': check_method, 'reduce': check_reduce}


GOLDEN = json.loads(GOLDEN_TEXT)


def diff(got, want):
    """The differing parts of two results (dicts, or lists of dicts for grouped cases)."""
    if isinstance(want, list) and isinstance(got, list) and len(got) == len(want):
        return [{'run': i, 'want': w, 'got': g} for i, (g, w) in enumerate(zip(got, want))
                if g != w]
    if isinstance(want, dict) and isinstance(got, dict):
        keys = sorted(set(want) | set(got))
        return {k: {'want': want.get(k), 'got': got.get(k)} for k in keys
                if want.get(k) != got.get(k)}
    return {'want': want, 'got': got}


def run_group(group, limit=5):
    cases = [json.loads(text) for text in GOLDEN[group]]
    fails = []
    for i, c in enumerate(cases):
        try:
            got, want = CHECKS[group](c)
        except Exception:
            import traceback
            got, want = {'crash': traceback.format_exc()}, {}
        if got != want:
            fails.append({'case': i, 'input': json.dumps(c)[:600], 'diff': diff(got, want)})
    runs = sum(len(c['runs']) if 'runs' in c else 1 for c in cases)
    return json.dumps({'total': len(cases), 'runs': runs, 'failed': len(fails),
                       'first': fails[:limit]}, indent=1)
`;

interface Report {
  total: number;
  runs: number;
  failed: number;
  first: unknown[];
}

describe('runtime: the pure-Python ndarray prints and computes like NumPy 1.x', function () {
  this.timeout(120_000);
  let pyodide: PyodideInterface;

  before(async function () {
    this.timeout(60_000);
    pyodide = await loadPyodide();
    pyodide.FS.mkdirTree(MODULE_DIR);
    pyodide.FS.writeFile(`${MODULE_DIR}/_ndarray.py`, fs.readFileSync(MODULE, 'utf8'));
    pyodide.globals.set('MODULE_DIR', MODULE_DIR);
    pyodide.globals.set('GOLDEN_TEXT', fs.readFileSync(GOLDEN, 'utf8'));
    pyodide.runPython(DRIVER);
  });

  function check(group: string, minimum: number): void {
    const report = JSON.parse(
      pyodide.runPython(`run_group(${JSON.stringify(group)})`) as string,
    ) as Report;
    assert.ok(report.total >= minimum, `only ${report.total} ${group} cases in the golden file`);
    assert.equal(
      report.failed,
      0,
      `${report.failed} of ${report.total} ${group} cases differ from NumPy; the first ones:\n` +
        JSON.stringify(report.first, null, 1),
    );
  }

  it('runs on Pyodide, imported standalone', () => {
    const where = pyodide.runPython('import sys, _ndarray; sys.version + " " + _ndarray.__file__');
    assert.match(String(where), /^3\.\d+.* \/ndarray_test\/_ndarray\.py$/);
  });
  it('printing: str, repr and tolist of 0-d to 4-d arrays of every dtype', () =>
    check('print', 500));
  it('scalars: str, repr and item of float32, float64, int32, int64 and bool_', () =>
    check('scalars', 300));
  it('arithmetic and comparisons: NumPy 1.x promotion, broadcasting, special values', () =>
    check('arith', 1000));
  it('indexing: ints, slices, steps, Ellipsis, None, index lists and masks', () =>
    check('index', 30));
  it('array methods: conversions, iteration, astype, reshape, transpose', () =>
    check('methods', 20));
  it('reductions: sum, mean, max, min, std, any, all (pairwise float sums)', () =>
    check('reduce', 100));
});
