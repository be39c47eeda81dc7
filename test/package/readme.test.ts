/**
 * Every command README.md shows works: each line of a ```sh block that starts with
 * `npx scope-lens ` runs from the project root as `node bin/scope-lens.js ...` (on the tree
 * `npm run build` made) and must exit 0, or the status its trailing comment names (`# ... exits 1`,
 * `# ... exits 2`).
 *
 * Long-running servers (`scope-lens lsp --stdio`) are started, sent nothing, and their stdin is
 * closed: a language server whose client goes away without `shutdown` exits 1 (the Language
 * Server Protocol's rule for `exit` without `shutdown`), having written nothing.
 */
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from '../support';

const root = projectRoot();
const cli = path.join(root, 'bin', 'scope-lens.js');

/** Commands that serve until their client leaves, rather than finish. */
const SERVERS = new Set(['lsp']);

export interface ReadmeCommand {
  /** The line as written in README.md (without its comment). */
  readonly line: string;
  /** 1-based line number in README.md. */
  readonly lineNo: number;
  /** The arguments after `npx scope-lens`. */
  readonly args: string[];
  /** The exit status the README promises: 0 unless the comment says `exits 1` / `exits 2`. */
  readonly status: number;
}

/** Splits a command line into words as a POSIX shell would for these simple lines: spaces
 * separate, single and double quotes group, a backslash escapes the next character. */
export function shellWords(text: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"' && i + 1 < text.length) word += text[++i];
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      word ??= '';
    } else if (c === '\\' && i + 1 < text.length) {
      word = (word ?? '') + text[++i];
    } else if (/\s/.test(c)) {
      if (word !== null) words.push(word);
      word = null;
    } else {
      word = (word ?? '') + c;
    }
  }
  if (quote) throw new Error(`unclosed ${quote} in: ${text}`);
  if (word !== null) words.push(word);
  return words;
}

/** Where an unquoted `#` that starts a word begins a comment, or -1. */
function commentStart(text: string): number {
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) return i;
  }
  return -1;
}

/** The `npx scope-lens ...` lines of a Markdown text's ```sh blocks. */
export function readmeCommands(markdown: string): ReadmeCommand[] {
  const commands: ReadmeCommand[] = [];
  let inSh = false;
  let fence = '';
  markdown.split('\n').forEach((raw, i) => {
    const text = raw.replace(/\r$/, '');
    const open = /^(\s*)(`{3,}|~{3,})\s*(\S*)/.exec(text);
    if (!inSh && open) {
      fence = open[2];
      inSh = open[3] === 'sh';
      if (!inSh) fence = '';
      return;
    }
    if (inSh && text.trim().startsWith(fence)) {
      inSh = false;
      return;
    }
    if (!inSh) return;
    const line = text.trim();
    if (!line.startsWith('npx scope-lens ')) return;
    const hash = commentStart(line);
    const command = (hash < 0 ? line : line.slice(0, hash)).trim();
    const comment = hash < 0 ? '' : line.slice(hash + 1);
    const exits = /\bexits ([12])\b/.exec(comment);
    commands.push({
      line: command,
      lineNo: i + 1,
      args: shellWords(command).slice(2),
      status: exits ? Number(exits[1]) : 0,
    });
  });
  return commands;
}

describe('README: the commands it shows', () => {
  describe('reading them (the parser)', () => {
    it('takes npx scope-lens lines from sh blocks only, with the status their comment names', () => {
      const md = [
        '```sh',
        'npx scope-lens --help',
        "npx scope-lens check 'my dir/a.py'   # exits 1: a reuse error",
        'npm test                             # not scope-lens',
        '  npx scope-lens ckpt x # exits 2 (not a checkpoint)',
        'npx scope-lens names a#b.py # the # inside a word stays',
        '```',
        '```text',
        'npx scope-lens run ignored.py',
        '```',
        '```ts',
        '// npx scope-lens run nope.ts',
        '```',
      ].join('\n');
      assert.deepEqual(
        readmeCommands(md).map((c) => [c.lineNo, c.args, c.status]),
        [
          [2, ['--help'], 0],
          [3, ['check', 'my dir/a.py'], 1],
          [5, ['ckpt', 'x'], 2],
          [6, ['names', 'a#b.py'], 0],
        ],
      );
    });

    it('splits words like a shell: quotes group, a backslash escapes', () => {
      assert.deepEqual(shellWords(`run "a b.py" 'c d' e\\ f --x=1`), [
        'run',
        'a b.py',
        'c d',
        'e f',
        '--x=1',
      ]);
      assert.deepEqual(shellWords(`check ""`), ['check', '']);
      assert.throws(() => shellWords(`run "open`), /unclosed " in/);
    });
  });

  describe('running them (node bin/scope-lens.js, from the project root)', function () {
    // A guard for a hung command, not an assertion: a Python run loads Pyodide first.
    this.timeout(180_000);
    const commands = readmeCommands(fs.readFileSync(path.join(root, 'README.md'), 'utf8'));

    it('README.md shows the command line', () => {
      assert.ok(commands.length >= 5, `only ${commands.length} npx scope-lens lines`);
      assert.ok(
        commands.some((c) => c.args[0] === '--help'),
        'README shows npx scope-lens --help',
      );
    });

    for (const c of commands) {
      const title = `README.md:${c.lineNo}: ${c.line}${c.status ? ` (exits ${c.status})` : ''}`;
      if (SERVERS.has(c.args[0])) {
        it(`${title}: starts, and exits 1 when its client leaves without a word`, async () => {
          const child = spawn(process.execPath, [cli, ...c.args], { cwd: root });
          let stdout = '';
          let stderr = '';
          child.stdout.on('data', (d) => (stdout += d));
          child.stderr.on('data', (d) => (stderr += d));
          const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
          child.stdin.end();
          assert.equal(await exited, 1, stderr);
          assert.equal(stdout, '');
          assert.equal(stderr, '');
        });
        continue;
      }
      it(title, () => {
        const r = spawnSync(process.execPath, [cli, ...c.args], {
          cwd: root,
          encoding: 'utf8',
          timeout: 170_000,
          maxBuffer: 64 * 1024 * 1024,
        });
        const tail = (s: string) => s.split('\n').slice(-15).join('\n');
        assert.equal(
          r.status,
          c.status,
          `exit ${r.status}${r.signal ? ` (${r.signal})` : ''}, expected ${c.status}\n--- stdout\n${tail(r.stdout)}\n--- stderr\n${tail(r.stderr)}`,
        );
      });
    }
  });
});
