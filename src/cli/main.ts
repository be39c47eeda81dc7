#!/usr/bin/env node
/**
 * The `scope-lens` command line. This entry parses arguments and dispatches; each command lives
 * in its own module. Exit status: 0 success, 1 the command found errors, 2 bad usage.
 *
 * Each command's module is required when the command runs, not before: `--version` and `--help`
 * load nothing else, `ckpt` only the checkpoint reader, `check` the analyzer without the
 * TypeScript compiler (until a TS/JS file is analysed), `run` the runner (tfjs and Pyodide live
 * in its worker), `lsp` the language server. The bundles mirror this: each command's module is
 * its own file in dist/ (scripts/build.mjs), so what a command does not use is never read.
 */
import { useCodeCache } from '../code-cache';
import { VERSION } from '../version';
import type * as Analyze from './analyze';
import type * as Ckpt from './ckpt';
import type * as Demo from './demo';
import type * as Diff from './diff';
import type * as Run from './run';
import type * as Server from '../server/main';

/** The bundles big enough for the code cache (src/code-cache.ts) to pay off; in dist/. */
const cached = () => useCodeCache(__dirname, ['cli-analyze.js', 'cli-demo.js', 'typescript.js']);

/* eslint-disable @typescript-eslint/no-require-imports -- the lazy loads described above */
const load = {
  analyze: () => (cached(), require('./analyze') as typeof Analyze),
  ckpt: () => require('./ckpt') as typeof Ckpt,
  demo: () => (cached(), require('./demo') as typeof Demo),
  diff: () => (cached(), require('./diff') as typeof Diff),
  run: () => require('./run') as typeof Run,
  server: () => require('../server/main') as typeof Server,
};
/* eslint-enable @typescript-eslint/no-require-imports */

const HELP = `scope-lens ${VERSION}: TensorFlow 1.x variable scopes, without TensorFlow

Usage:
  scope-lens demo            The bundled examples through the analyzer (names, errors),
                             the engine (two programs in TypeScript) and the Python runtime
                             (the same two programs in Python, run in Pyodide)
  scope-lens run FILE [--timeout SECONDS] [--] [ARGS...]
                             Run a TF1 Python program (no TensorFlow or Python needed) or a
                             TypeScript/JavaScript program using the engine API; default
                             timeout 30 s
  scope-lens check [--format text|json] PATH...
                             Predict, without running anything, the errors TensorFlow would
                             raise at get_variable calls (exit 1 when any); PATH a Python,
                             TypeScript or JavaScript file, or a folder
  scope-lens names [--json] PATH...
                             Every variable the code creates: full name, shape, dtype, where
                             it is created and reused
  scope-lens ckpt [--json] [--verify] PATH
                             List a TensorFlow checkpoint's variables (name, dtype, shape)
                             without TensorFlow; PATH a prefix (model.ckpt-1), its .index
                             file or a folder with a 'checkpoint' file; --verify also checks
                             every tensor's checksum (exit 1 when one is damaged)
  scope-lens diff SOURCE... --checkpoint PATH [--json]
                             Compare the names the code creates (statically) with a
                             checkpoint's keys: missing names, shape/dtype mismatches, keys
                             only in the checkpoint, expected differences (optimizer slots,
                             global_step, partitions) and suggested fixes (exit 1 when the
                             code creates a variable the checkpoint lacks or stores
                             differently)
  scope-lens lsp --stdio     Start the language server (LSP over stdin/stdout) for editors:
                             diagnostics, hover, go to definition, references, code lenses,
                             quick fixes for Python and TypeScript/JavaScript
  scope-lens --help, -h      Show this help
  scope-lens --version, -v   Print the version
`;

export function main(
  argv: string[],
  out: (s: string) => void = (s) => process.stdout.write(s),
): number {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      out(HELP);
      return 0;
    case '--version':
    case '-v':
      out(`${VERSION}\n`);
      return 0;
    case 'demo':
      return load.demo().runDemo(rest, out);
    case 'check':
      return load.analyze().runCheck(rest, out, (s) => process.stderr.write(s));
    case 'names':
      return load.analyze().runNames(rest, out, (s) => process.stderr.write(s));
    case 'ckpt':
      return load.ckpt().runCkpt(rest, out, (s) => process.stderr.write(s));
    case 'diff':
      return load.diff().runDiff(rest, out, (s) => process.stderr.write(s));
    case 'lsp':
      // Runs until the client sends exit (or closes the connection).
      return load.server().runLanguageServer(rest, process.stderr);
    case 'run':
      // Asynchronous: the exit status is set when the program ends; the worker thread keeps the
      // process alive until then.
      void load
        .run()
        .runCommand(rest, { stdout: out, stderr: (s) => process.stderr.write(s) })
        .then((code) => {
          process.exitCode = code;
        });
      return 0;
    default:
      process.stderr.write(`scope-lens: unknown command '${cmd}'. Try 'scope-lens --help'.\n`);
      return 2;
  }
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
