/**
 * The list of what the runtime's `tensorflow` module covers (docs/python-api.md): made by running
 * scripts/api-list.py, which walks the module, in a run worker against the module's sources in
 * src/runtime/python. Used by scripts/gen-api-list.mjs (writes the file) and by the test that
 * fails when the committed file is stale.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Runner } from './runner';

export const API_LIST_FILE = 'docs/python-api.md';

/** The Markdown text of docs/python-api.md for the repository at `root`. */
export async function apiListMarkdown(root: string): Promise<string> {
  const script = path.join(root, 'scripts', 'api-list.py');
  const runner = new Runner({ pythonDir: path.join(root, 'src', 'runtime', 'python') });
  try {
    let out = '';
    let err = '';
    const result = await runner.run(
      { language: 'python', code: fs.readFileSync(script, 'utf8'), filename: script },
      { onStdout: (s) => (out += s), onStderr: (s) => (err += s) },
    );
    if (result.exitCode !== 0) throw new Error(`scripts/api-list.py failed:\n${err}`);
    return out;
  } finally {
    await runner.dispose();
  }
}
