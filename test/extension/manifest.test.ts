/**
 * The manifest (package.json `contributes`, activation, capabilities) against the code, without
 * an editor: every contributed command is registered and every registered command contributed,
 * every diagnostic code is configurable and documented, every setting is prefixed, scoped and
 * documented, menus name real commands, views are the ones the code creates. The extension-host
 * suite checks the same commands really run (test/editor/suite/4-views.test.ts).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ERROR_CODES } from '../../src/core/errors';
import { catalogCodes } from '../../src/analyzer/diagnostics/catalog';
import { REVEAL_VARIABLES_COMMAND } from '../../src/extension/protocol';
import { projectRoot } from '../support';

const root = projectRoot();
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const contributes = pkg.contributes;
const extensionDir = path.join(root, 'src', 'extension');

function source(name: string): string {
  return fs.readFileSync(path.join(extensionDir, name), 'utf8');
}

function allSources(dir = extensionDir): { file: string; text: string }[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return allSources(p);
    return e.name.endsWith('.ts')
      ? [{ file: path.relative(root, p), text: fs.readFileSync(p, 'utf8') }]
      : [];
  });
}

/** The ids of the command table (src/extension/commands.ts `COMMANDS`). */
function registeredCommands(): string[] {
  const block = /export const COMMANDS = \{([\s\S]*?)\} as const;/.exec(source('commands.ts'));
  assert.ok(block, 'commands.ts has the COMMANDS table');
  const constants: Record<string, string> = { REVEAL_VARIABLES_COMMAND };
  return [...block[1].matchAll(/^\s*\w+:\s*(?:'([^']+)'|(\w+)),/gm)].map((m) => {
    if (m[1]) return m[1];
    assert.ok(m[2] in constants, `unknown constant ${m[2]} in COMMANDS`);
    return constants[m[2]];
  });
}

const diagnosticCodes = [...Object.values(ERROR_CODES), ...catalogCodes()];

describe('extension manifest against the code', () => {
  it('every contributed command is registered by the command table, and every registered one contributed', () => {
    const contributed = contributes.commands.map((c: { command: string }) => c.command).sort();
    assert.deepEqual(registeredCommands().sort(), contributed);
    // Only the table registers commands.
    for (const { file, text } of allSources()) {
      if (file.endsWith(path.join('extension', 'commands.ts'))) continue;
      assert.doesNotMatch(
        text,
        /registerCommand\(/,
        `${file} registers a command outside the table`,
      );
    }
  });

  it('commands: ids `scopeLens.*`, category "Scope Lens", titles; the code lens command is hidden from the palette', () => {
    for (const c of contributes.commands) {
      assert.match(c.command, /^scopeLens\.[a-z][A-Za-z]+$/);
      assert.equal(c.category, 'Scope Lens', c.command);
      assert.ok(c.title && c.title.length > 3, c.command);
    }
    const palette = contributes.menus.commandPalette;
    assert.ok(
      palette.some(
        (m: { command: string; when: string }) =>
          m.command === REVEAL_VARIABLES_COMMAND && m.when === 'false',
      ),
    );
  });

  it('menus name contributed commands only; Run Selection is in the editor context menu when there is a selection', () => {
    const ids = new Set(contributes.commands.map((c: { command: string }) => c.command));
    for (const [menu, entries] of Object.entries(contributes.menus)) {
      for (const e of entries as { command: string }[])
        assert.ok(ids.has(e.command), `${menu}: ${e.command}`);
    }
    const context = contributes.menus['editor/context'] as { command: string; when: string }[];
    const runSelection = context.find((e) => e.command === 'scopeLens.runSelection');
    assert.match(runSelection?.when ?? '', /editorHasSelection/);
  });

  it('every diagnostic code (TF errors and SL-* catalog) is a documented scopeLens.severity key', () => {
    const severity = contributes.configuration.properties['scopeLens.severity'];
    assert.equal(severity.type, 'object');
    assert.deepEqual(Object.keys(severity.properties).sort(), [...diagnosticCodes].sort());
    for (const code of diagnosticCodes) {
      assert.ok(
        severity.markdownDescription.includes(`\`${code}\``),
        `${code} is not in the description`,
      );
      const p = severity.properties[code];
      assert.deepEqual(p.enum, ['error', 'warning', 'information', 'hint', 'off'], code);
      assert.ok(p.markdownDescription.includes(code), code);
    }
  });

  it("settings: the contract's keys, prefixed, scoped, documented, with their defaults", () => {
    const props = contributes.configuration.properties;
    const expected: Record<string, unknown> = {
      'scopeLens.enable.python': true,
      'scopeLens.enable.typescript': true,
      'scopeLens.enable.javascript': true,
      'scopeLens.severity': {},
      'scopeLens.analysis.maxCallDepth': 24,
      'scopeLens.analysis.maxLoopUnroll': 1000,
      'scopeLens.inlayHints.enabled': false,
      'scopeLens.followImports': true,
      'scopeLens.run.timeout': 30,
      'scopeLens.checkpoint': '',
    };
    assert.deepEqual(Object.keys(props).sort(), Object.keys(expected).sort());
    for (const [key, value] of Object.entries(expected)) {
      assert.deepEqual(props[key].default, value, key);
      assert.ok(
        [
          'resource',
          'window',
          'machine',
          'application',
          'machine-overridable',
          'language-overridable',
        ].includes(props[key].scope),
        key,
      );
      assert.ok((props[key].markdownDescription ?? '').length > 20, `${key} is documented`);
    }
    assert.equal(props['scopeLens.checkpoint'].scope, 'resource');
    // The one setting the client reads itself is read under the same key.
    assert.match(source('config.ts'), /get<number>\('run\.timeout', 30\)/);
  });

  it('activation: onLanguage for every served language, never "*"; views are the ones the code creates', () => {
    const languages = /LANGUAGE_IDS = \[([^\]]*)\]/.exec(source('config.ts'))![1];
    const ids = [...languages.matchAll(/'([^']+)'/g)].map((m) => m[1]);
    assert.deepEqual(
      pkg.activationEvents,
      ids.map((id) => `onLanguage:${id}`),
    );
    assert.ok(!pkg.activationEvents.includes('*'));
    const views = [...contributes.views.explorer, ...contributes.views.scopeLens].map(
      (v: { id: string }) => v.id,
    );
    assert.match(source('variables-view.ts'), /VARIABLES_VIEW = 'scopeLens\.variables'/);
    assert.match(source('run-results-view.ts'), /RUN_RESULTS_VIEW = 'scopeLens\.runResults'/);
    assert.match(source('checkpoint-view.ts'), /CHECKPOINT_VIEW = 'scopeLens\.checkpointKeys'/);
    assert.deepEqual(views.sort(), [
      'scopeLens.checkpointKeys',
      'scopeLens.runResults',
      'scopeLens.variables',
    ]);
    assert.equal(contributes.views.scopeLens[0].type, 'webview');
  });

  it('workspace trust: limited support, described; running is refused in code when untrusted', () => {
    const trust = pkg.capabilities.untrustedWorkspaces;
    assert.equal(trust.supported, 'limited');
    assert.match(trust.description, /Restricted Mode/);
    assert.match(source('run.ts'), /if \(!vscode\.workspace\.isTrusted\)/);
  });

  it('pinned tooling: the language client 9.0.1, vsce 3.9.2, @types/vscode at the engines floor', () => {
    const dev = pkg.devDependencies;
    assert.equal(dev['vscode-languageclient'], '9.0.1');
    assert.equal(dev['@vscode/vsce'], '3.9.2');
    assert.equal(dev['@vscode/test-electron'], '2.5.2');
    assert.equal(pkg.engines.vscode, '^1.90.0');
    assert.equal(dev['@types/vscode'], '1.90.0');
  });
});
