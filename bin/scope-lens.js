#!/usr/bin/env node
// The `scope-lens` command. The CLI itself is bundled to dist/cli.js by `npm run build`.
'use strict';
const path = require('path');
const fs = require('fs');

const cli = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(cli)) {
  process.stderr.write('scope-lens: not built yet. Run `npm run build` first.\n');
  process.exit(2);
}
// Output piped into a reader that stops early (`| head`) is not an error of ours.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});
process.exitCode = require(cli).main(process.argv.slice(2));
