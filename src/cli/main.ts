#!/usr/bin/env node
/**
 * The `scope-lens` command line. This entry parses arguments and dispatches; each command lives
 * in its own module. Exit status: 0 success, 1 the command found errors, 2 bad usage.
 */
import { VERSION } from '../version';
import { runDemo } from './demo';

const HELP = `scope-lens ${VERSION}: TensorFlow 1.x variable scopes, without TensorFlow

Usage:
  scope-lens demo            Run the seed document's two examples on the engine
                             (TypeScript API on TensorFlow.js) and print names and values
  scope-lens --help, -h      Show this help
  scope-lens --version, -v   Print the version

More commands (run, check, names, ckpt, diff, lsp) arrive with later releases.
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
    default:
      process.stderr.write(`scope-lens: unknown command '${cmd}'. Try 'scope-lens --help'.\n`);
      return 2;
  }
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
