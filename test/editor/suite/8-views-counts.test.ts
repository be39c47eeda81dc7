/**
 * What the code lenses and the Variables view count, in the real editor: a scope's lens names
 * the errors TF raises under it (the message as the lens's tooltip), and a GPT-2-style model
 * whose widths come from an HParams object has a number of parameters for every variable.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { TreeSnapshot } from '../../../src/extension/variables-view';
import { api, file, open, poll } from './util';

async function tree(): Promise<TreeSnapshot[]> {
  const scopeLens = await api();
  await scopeLens.refreshVariables();
  return scopeLens.variablesTree();
}

function leaves(nodes: readonly TreeSnapshot[]): TreeSnapshot[] {
  return nodes.flatMap((n) => (n.children ? leaves(n.children) : [n]));
}

// examples/python/transformer.py never calls its model; a script does, as GPT-2's do.
const MAIN = `

if __name__ == "__main__":
    hparams = default_hparams()
    hparams.n_vocab = 50257
    context = tf.placeholder(tf.int32, [1, None])
    output = model(hparams=hparams, X=context)
`;

describe('views: what lenses and the Variables view count', function () {
  this.timeout(120_000);

  before(async () => {
    const scopeLens = await api();
    if (!(await scopeLens.whenServerReady())) {
      throw new Error(`no language server answers (state ${scopeLens.serverState()})`);
    }
  });

  it("a scope's code lens counts the error under it, with TF's message as its tooltip", async () => {
    const uri = file('python', 'views-encoder.py');
    await open(uri);
    const lenses = await poll(async () => {
      const ls = await vscode.commands.executeCommand<vscode.CodeLens[]>(
        'vscode.executeCodeLensProvider',
        uri,
      );
      return ls && ls.length === 2 && ls.every((l) => l.command) ? ls : undefined;
    }, 'two code lenses');
    const byLine = lenses
      .map((l) => [l.range.start.line, l.command!.title, l.command!.tooltip] as const)
      .sort((a, b) => a[0] - b[0]);
    assert.deepEqual(
      byLine.map(([line, title]) => [line, title]),
      [
        [4, '2 variables created, 0 reused'],
        [12, '0 variables created, 0 reused, 1 error'],
      ],
    );
    assert.equal(byLine[0][2], undefined);
    assert.match(
      String(byLine[1][2]),
      /^ValueError: Variable encoder\/weight does not exist, or was not created with tf\.get_variable\(\)\. Did you mean to set reuse=tf\.AUTO_REUSE in VarScope\?/,
    );
  });

  it('the Variables view of a transformer whose widths are in an HParams object: every count a number', async () => {
    const source = fs.readFileSync(file('python', 'transformer.py').fsPath, 'utf8');
    const uri = file('python', 'views-transformer.py');
    fs.writeFileSync(uri.fsPath, source + MAIN);
    await open(uri);
    const items = await poll(async () => {
      const t = await tree();
      return t.some((n) => n.label === 'model') ? t : undefined;
    }, 'the tree of views-transformer.py');
    // GPT-2 small: 124,439,808 parameters in 148 variables.
    assert.deepEqual(items[0], {
      label: 'Total: 124,439,808 parameters',
      description: '148 variables',
    });
    const variables = leaves(items.slice(1));
    assert.equal(variables.length, 148);
    for (const v of variables) {
      assert.match(v.description ?? '', /^\([\d, ]+\) · [\d,]+$/, `${v.label}: ${v.description}`);
    }
    const model = items.find((n) => n.label === 'model')!;
    assert.ok(
      model.children?.some(
        (c) => c.label === 'wte' && c.description === '(50257, 768) · 38,597,376',
      ),
      JSON.stringify(model.children?.filter((c) => !c.children)),
    );
  });
});
