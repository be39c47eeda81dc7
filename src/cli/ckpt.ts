/**
 * `scope-lens ckpt`: a TensorFlow checkpoint's variables from the command line, without
 * TensorFlow.
 *
 *   scope-lens ckpt [--json] [--verify] PATH
 *
 * PATH: a checkpoint prefix (`model.ckpt-1`), its `.index` or a data file, a folder with a
 * `checkpoint` state file, or that file. Text output: one aligned line per variable (name,
 * dtype, shape), then a summary line. `--json` prints the form documented in
 * docs/checkpoint-schema.md. `--verify` reads every tensor and checks its checksum.
 * Exit status: 0 success, 1 `--verify` found damaged tensors, 2 bad usage or not a readable
 * checkpoint (the message names the file and what is wrong).
 */
import { CheckpointError } from '../checkpoint/errors';
import { openCheckpoint } from '../checkpoint/node';
import type { CheckpointReader } from '../checkpoint/reader';

export const CKPT_SCHEMA_VERSION = 1;

type Out = (s: string) => void;

export const CKPT_HELP = `Usage: scope-lens ckpt [--json] [--verify] PATH

List the variables of a TensorFlow V2 checkpoint (name, dtype, shape), as
tf.train.list_variables does, without TensorFlow.

PATH        a checkpoint prefix (dir/model.ckpt-1), its .index or .data-* file,
            a folder with a 'checkpoint' file (its newest checkpoint), or that file
--json      print JSON (schema: docs/checkpoint-schema.md)
--verify    also read every tensor and check its CRC32C; exit 1 if any is damaged
--help, -h  show this help

Exit status: 0 success, 1 --verify found damaged tensors, 2 bad usage or a path
that is not a readable checkpoint.
`;

function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function runCkpt(args: string[], out: Out, err: Out): number {
  let json = false;
  let verify = false;
  const paths: string[] = [];
  for (const a of args) {
    if (a === '--json') json = true;
    else if (a === '--verify') verify = true;
    else if (a === '--help' || a === '-h') {
      out(CKPT_HELP);
      return 0;
    } else if (a.startsWith('-') && a !== '-') {
      err(`scope-lens ckpt: unknown option '${a}'. Try 'scope-lens ckpt --help'.\n`);
      return 2;
    } else paths.push(a);
  }
  if (paths.length !== 1) {
    err(
      paths.length === 0
        ? "scope-lens ckpt: give a checkpoint (a prefix such as model.ckpt-1, its .index file, or a folder). Try 'scope-lens ckpt --help'.\n"
        : `scope-lens ckpt: give one checkpoint, not ${paths.length}\n`,
    );
    return 2;
  }
  let reader: CheckpointReader;
  try {
    reader = openCheckpoint(paths[0]);
  } catch (e) {
    if (!(e instanceof CheckpointError)) throw e;
    err(`scope-lens ckpt: ${e.message}\n`);
    return 2;
  }
  const variables = reader.list();
  const problems = verify ? reader.verify() : [];
  if (json) {
    const doc: Record<string, unknown> = {
      schemaVersion: CKPT_SCHEMA_VERSION,
      prefix: reader.prefix,
      numShards: reader.numShards,
      variables,
    };
    if (verify) {
      doc.problems = problems.map((p) => ({
        name: p.name,
        code: p.error.code,
        message: p.error.message,
      }));
    }
    out(`${JSON.stringify(doc, null, 2)}\n`);
  } else {
    const nameWidth = Math.max(0, ...variables.map((v) => v.name.length));
    const dtypeWidth = Math.max(0, ...variables.map((v) => v.dtype.length));
    for (const v of variables) {
      out(`${v.name.padEnd(nameWidth)}  ${v.dtype.padEnd(dtypeWidth)}  ${formatShape(v.shape)}\n`);
    }
    out(
      `${plural(variables.length, 'variable')} in ${reader.prefix} (${plural(reader.numShards, 'data shard')})\n`,
    );
    if (verify) {
      for (const p of problems) err(`scope-lens ckpt: ${p.error.message}\n`);
      out(
        problems.length === 0
          ? `verified: every tensor's checksum matches\n`
          : `${plural(problems.length, 'damaged tensor')}\n`,
      );
    }
  }
  return problems.length > 0 ? 1 : 0;
}
