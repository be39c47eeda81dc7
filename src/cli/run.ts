/**
 * `scope-lens run FILE [--timeout SECONDS] [--] [ARGS...]`: runs a TF1 Python program (on the
 * bundled `tensorflow` package, in Pyodide) or a TypeScript/JavaScript program using the engine
 * API, streaming its output. As with `python FILE ARGS...`, the program's working directory is
 * the shell's, a Python program's `sys.argv` is FILE as given followed by ARGS, and its folder is
 * `sys.path[0]`. The arguments after FILE go to the program, but for `--timeout` (kept for
 * compatibility; after `--` it goes to the program too). Exit status: the program's (0,
 * or 1 for an uncaught exception or a timeout), 2 for bad usage or a file that cannot be read.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_TIMEOUT_MS, Runner } from '../runtime/runner';
import type { Language } from '../runtime/protocol';

export const RUN_USAGE =
  'Usage: scope-lens run FILE.py|FILE.ts|FILE.js [--timeout SECONDS] [--] [ARGS...]\n';

const LANGUAGES: Record<string, Language> = {
  '.py': 'python',
  '.ts': 'typescript',
  '.mts': 'typescript',
  '.cts': 'typescript',
  '.tsx': 'typescript',
  '.js': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
};

interface Output {
  stdout(s: string): void;
  stderr(s: string): void;
}

const processOutput: Output = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
};

/** Parses the arguments and runs the file; resolves with the exit status. */
export async function runCommand(args: string[], out: Output = processOutput): Promise<number> {
  let file: string | undefined;
  const programArgs: string[] = [];
  let timeoutMs = DEFAULT_TIMEOUT_MS;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      const rest = args.slice(i + 1);
      if (file === undefined) file = rest.shift();
      programArgs.push(...rest);
      break;
    }
    const isTimeout = a === '--timeout' || a.startsWith('--timeout=');
    if (file !== undefined && !isTimeout) {
      programArgs.push(a);
      continue;
    }
    if (a === '--help' || a === '-h') {
      out.stdout(RUN_USAGE);
      return 0;
    }
    if (isTimeout) {
      const value = a === '--timeout' ? args[++i] : a.slice('--timeout='.length);
      const seconds = Number(value);
      if (value === undefined || value === '' || !Number.isFinite(seconds) || seconds < 0) {
        out.stderr(`scope-lens run: --timeout needs a number of seconds (0: none)\n${RUN_USAGE}`);
        return 2;
      }
      timeoutMs = seconds * 1000;
    } else if (a.startsWith('-') && a !== '-') {
      out.stderr(`scope-lens run: unknown option '${a}'\n${RUN_USAGE}`);
      return 2;
    } else {
      file = a;
    }
  }
  if (file === undefined) {
    out.stderr(`scope-lens run: no file given\n${RUN_USAGE}`);
    return 2;
  }
  const language = LANGUAGES[path.extname(file).toLowerCase()];
  if (!language) {
    out.stderr(`scope-lens run: cannot run '${file}': expected a .py, .ts or .js file\n`);
    return 2;
  }
  let code: string;
  try {
    code = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const reason =
      (e as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'no such file'
        : (e as NodeJS.ErrnoException).code === 'EISDIR'
          ? 'it is a folder'
          : (e as Error).message;
    out.stderr(`scope-lens run: cannot open '${file}': ${reason}\n`);
    return 2;
  }

  const runner = new Runner({ timeoutMs });
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  // A closed pipe (`scope-lens run x.py | head`) stops the program instead of crashing.
  let pipeClosed = false;
  const onPipeError = () => {
    pipeClosed = true;
    controller.abort();
  };
  process.once('SIGINT', onSigint);
  process.stdout.on('error', onPipeError);
  process.stderr.on('error', onPipeError);
  try {
    const result = await runner.run(
      {
        language,
        code,
        filename: path.resolve(file),
        firstLine: 1,
        cwd: process.cwd(),
        argv: [file, ...programArgs],
      },
      { onStdout: out.stdout, onStderr: out.stderr, signal: controller.signal },
    );
    if (pipeClosed) return 1;
    if (result.timedOut || result.cancelled || result.error?.type === 'WorkerError') {
      out.stderr(`scope-lens run: ${result.error?.message ?? 'stopped'}\n`);
    }
    return result.exitCode;
  } finally {
    process.removeListener('SIGINT', onSigint);
    process.stdout.removeListener('error', onPipeError);
    process.stderr.removeListener('error', onPipeError);
    await runner.dispose();
  }
}
