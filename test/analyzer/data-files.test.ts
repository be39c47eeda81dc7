import { strict as assert } from 'node:assert';
import { analyze, analyzePython, DocumentAnalyzer } from '../../src/analyzer/analyze';

// A model whose hyperparameters are in a JSON file next to the script (WaveNet's
// `wavenet_params.json`): the analyzer reads it through the caller's readFile, as the program
// would from its folder, so the layer names and shapes are the ones TF builds.
const TRAIN = [
  'import argparse',
  'import json',
  'import os',
  'import tensorflow as tf',
  '',
  'parser = argparse.ArgumentParser()',
  "parser.add_argument('--params', type=str, default='params.json')",
  'args = parser.parse_args()',
  'with open(args.params) as f:',
  '    params = json.load(f)',
  "extra = json.loads(open(os.path.join(os.path.dirname(__file__), 'conf', 'extra.json')).read())",
  "for i, width in enumerate(params['widths']):",
  "    with tf.variable_scope('layer%d' % i):",
  "        tf.get_variable('w', [params['channels'], width])",
  "tf.get_variable(extra['name'], [1])",
  "secret = json.load(open('/etc/secret.json'))",
  "tf.get_variable('s_%s' % secret['k'], [1])",
  '',
].join('\n');

function files(over: Record<string, string> = {}): Map<string, string> {
  return new Map(
    Object.entries({
      '/proj/params.json': '{"widths": [8, 16], "channels": 4}',
      '/proj/conf/extra.json': '{"name": "head"}',
      '/etc/secret.json': '{"k": "leaked"}',
      ...over,
    }),
  );
}

describe('analyzer: JSON configuration files the program reads', () => {
  it('json.load of open() of a known path in the workspace gives the values', () => {
    const fs = files();
    const read: string[] = [];
    const a = analyze(TRAIN, {
      path: '/proj/train.py',
      roots: ['/proj'],
      readFile: (p) => {
        read.push(p);
        return fs.get(p);
      },
    });
    assert.deepEqual(
      a.variables.map((v) => [v.name, v.shape]),
      [
        ['layer0/w:0', '(4, 8)'],
        ['layer1/w:0', '(4, 16)'],
        ['head:0', '(1,)'],
        ['s_{secret}:0', '(1,)'],
      ],
    );
    // Nothing outside the workspace and the script's folder is read.
    assert.ok(!read.includes('/etc/secret.json'), read.join(', '));
  });

  it('an edit of the file analyses the program again', () => {
    const fs = files();
    const doc = new DocumentAnalyzer({
      path: '/proj/train.py',
      roots: ['/proj'],
      readFile: (p) => fs.get(p),
    });
    assert.equal(doc.update(TRAIN).variables[1].name, 'layer1/w:0');
    fs.set('/proj/params.json', '{"widths": [8, 16, 32], "channels": 4}');
    const again = doc.update(TRAIN);
    assert.deepEqual(
      again.variables.slice(0, 3).map((v) => [v.name, v.shape]),
      [
        ['layer0/w:0', '(4, 8)'],
        ['layer1/w:0', '(4, 16)'],
        ['layer2/w:0', '(4, 32)'],
      ],
    );
  });

  it('a file that is missing, not JSON or opened to write stays unknown', () => {
    const source = [
      'import json',
      'import tensorflow as tf',
      "a = json.load(open('missing.json'))",
      "tf.get_variable('a_%s' % a['n'], [1])",
      "b = json.load(open('broken.json'))",
      "tf.get_variable('b_%s' % b['n'], [1])",
      "c = json.load(open('params.json', 'w'))",
      "tf.get_variable('c_%s' % c['n'], [1])",
      "d = open('notes.txt').read()",
      "tf.get_variable('d_' + d, [1])",
      '',
    ].join('\n');
    const fs = files({
      '/proj/broken.json': '{"n": ',
      '/proj/notes.txt': 'text',
      '/proj/params.json': '{"n": "x"}',
    });
    const a = analyze(source, {
      path: '/proj/train.py',
      roots: ['/proj'],
      readFile: (p) => fs.get(p),
    });
    assert.deepEqual(
      a.variables.map((v) => v.name),
      ['a_{a}:0', 'b_{b}:0', 'c_{c}:0', '{?}:0'],
    );
  });

  it('opening a file is bookkeeping: an if that only logs to one does not fork', () => {
    const a = analyzePython(
      [
        'import os',
        'import tensorflow as tf',
        'q = tf.FIFOQueue(10, [tf.float32])',
        'images = tf.identity(q.dequeue())',
        '# map_fn over a batch whose size the analyzer cannot tell builds the tf.shape form',
        'sums = tf.map_fn(lambda im: tf.reduce_sum(im), images)',
        'w = tf.get_variable("w", [2])',
        'index = os.path.join("out", "index.html")',
        'if os.path.exists(index):',
        '    f = open(index, "a")',
        'else:',
        '    f = open(index, "w")',
        '    f.write("<html>")',
        'v = tf.get_variable("v", [1])',
        '',
      ].join('\n'),
    );
    assert.equal(a.paths, 1);
    assert.deepEqual(
      a.variables.map((x) => [x.name, x.certain]),
      [
        ['w:0', true],
        ['v:0', true],
      ],
    );
  });
});
