// Writes docs/python-api.md, the list of what the runtime's `tensorflow` module covers, by running
// scripts/api-list.py in Pyodide against the module in src/runtime/python (through the tsc
// build's runner, so run `npx tsc -p .` first). test/runtime/robust.test.ts fails when the
// committed file differs from what this produces.
//
//   node scripts/gen-api-list.mjs          write docs/python-api.md
//   node scripts/gen-api-list.mjs --check  exit 1 when it is stale
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { apiListMarkdown, API_LIST_FILE } = require(path.join(root, 'out/src/runtime/api-list.js'));

const text = await apiListMarkdown(root);
const out = path.join(root, API_LIST_FILE);
if (process.argv.includes('--check')) {
  const old = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : '';
  if (old !== text) {
    console.error(`${API_LIST_FILE} is stale: run node scripts/gen-api-list.mjs`);
    process.exit(1);
  }
} else {
  fs.writeFileSync(out, text);
  console.log(`wrote ${API_LIST_FILE}`);
}
