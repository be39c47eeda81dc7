#!/usr/bin/env node
/**
 * The `scope-lens` command line. This entry parses arguments and dispatches; each command lives
 * in its own module. Exit status: 0 success, 1 the command found errors, 2 bad usage.
 */
import { VERSION } from '../version';
import { runDemo } from './demo';
import { runCommand } from './run';
import { runCheck, runNames } from './analyze';
import { runCkpt } from './ckpt';
import { runDiff } from './diff';
import { runLanguageServer } from '../server/server';

const HELP = `scope-lens ${VERSION}: TensorFlow 1.x variable scopes, without TensorFlow

Usage:
  scope-lens demo            The bundled examples through the analyzer (names, errors),
                             the engine (two programs in TypeScript) and the Python runtime
                             (the same two programs in Python, run in Pyodide)
  scope-lens run FILE [--timeout SECONDS]
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
      return runDemo(rest, out);
    case 'check':
      return runCheck(rest, out, (s) => process.stderr.write(s));
    case 'names':
      return runNames(rest, out, (s) => process.stderr.write(s));
    case 'ckpt':
      return runCkpt(rest, out, (s) => process.stderr.write(s));
    case 'diff':
      return runDiff(rest, out, (s) => process.stderr.write(s));
    case 'lsp':
      // Runs until the client sends exit (or closes the connection).
      return runLanguageServer(rest, process.stderr);
    case 'run':
      // Asynchronous: the exit status is set when the program ends; the worker thread keeps the
      // process alive until then.
      void runCommand(rest, { stdout: out, stderr: (s) => process.stderr.write(s) }).then(
        (code) => {
          process.exitCode = code;
        },
      );
      return 0;
    default:
      process.stderr.write(`scope-lens: unknown command '${cmd}'. Try 'scope-lens --help'.\n`);
      return 2;
  }
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
