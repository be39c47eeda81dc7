/**
 * What the server links to and promises: docs/diagnostics.md documents exactly the codes the
 * analyzer can report (the catalog's and TF's), diagnostics link to it through the repository
 * in package.json, settings are normalised, and protocol.ts stays free of runtime imports.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CATALOG, catalogCodes } from '../../src/analyzer/diagnostics/catalog';
import { ERROR_CODES } from '../../src/core/errors';
import { codeHref, DIAGNOSTICS_DOC_URL, REPOSITORY_URL } from '../../src/server/convert';
import { isRelevant, kindOf } from '../../src/server/documents';
import { DEFAULT_SETTINGS, normalizeSettings } from '../../src/server/settings';
import { projectRoot } from '../support';

const root = projectRoot();
const doc = fs.readFileSync(path.join(root, 'docs', 'diagnostics.md'), 'utf8');

/** `## CODE` heading → the section's text, whitespace collapsed. */
function sections(): Map<string, string> {
  const out = new Map<string, string>();
  const parts = doc.split(/^## /m).slice(1);
  for (const p of parts) {
    const nl = p.indexOf('\n');
    out.set(p.slice(0, nl).trim(), p.slice(nl).replace(/\s+/g, ' '));
  }
  return out;
}

describe('language server: documentation, links, settings', () => {
  it('docs/diagnostics.md has one section per code: the catalog and ERROR_CODES, no more', () => {
    const documented = [...sections().keys()].sort();
    const codes = [...new Set([...catalogCodes(), ...Object.values(ERROR_CODES)])].sort();
    assert.deepEqual(documented, codes);
  });

  it("each SL-* section carries the catalog's documentation; each TF section TF's words", () => {
    const s = sections();
    for (const entry of Object.values(CATALOG)) {
      const text = s.get(entry.code) ?? '';
      assert.ok(text.includes(entry.doc.replace(/\s+/g, ' ')), entry.code);
      assert.ok(text.includes(`Default severity: ${entry.severity}`), entry.code);
      assert.ok(
        text.includes(`Why this severity: ${entry.severityWhy.replace(/\s+/g, ' ')}`),
        entry.code,
      );
    }
    assert.match(s.get('TF-VAR-EXISTS') ?? '', /Variable scope\/w already exists, disallowed/);
    for (const [code, text] of s) assert.match(text, /What to do|Scope Lens says so/, code);
  });

  it('diagnostics link to the section of their code in the repository of package.json', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    assert.equal(REPOSITORY_URL, String(pkg.repository.url).replace(/\.git$/, ''));
    assert.equal(DIAGNOSTICS_DOC_URL, `${REPOSITORY_URL}/blob/main/docs/diagnostics.md`);
    // GitHub's anchor for the heading `## TF-VAR-EXISTS`.
    assert.equal(codeHref('TF-VAR-EXISTS'), `${DIAGNOSTICS_DOC_URL}#tf-var-exists`);
  });

  it('settings: defaults, overrides, and bad values falling back', () => {
    assert.deepEqual(normalizeSettings(undefined), DEFAULT_SETTINGS);
    const s = normalizeSettings({
      enable: { python: false, typescript: 'no' },
      severity: { 'tf-var-exists': 'Warning', 'SL-TF2-API': 'off', 'SL-ROOT-REUSE': 'loud' },
      analysis: { maxCallDepth: 3.7, maxLoopUnroll: -5 },
      inlayHints: { enabled: true },
      followImports: false,
    });
    assert.deepEqual(s.enable, { python: false, typescript: true, javascript: true });
    assert.deepEqual(
      [...s.severity],
      [
        ['TF-VAR-EXISTS', 'warning'],
        ['SL-TF2-API', 'off'],
      ],
    );
    assert.deepEqual(s.analysis, { maxCallDepth: 3, maxLoopUnroll: 1 });
    assert.equal(s.inlayHints.enabled, true);
    assert.equal(s.followImports, false);
  });

  it('the cheap relevance test and the languages served', () => {
    assert.ok(isRelevant('import tensorflow.compat.v1 as tf'));
    assert.ok(isRelevant("const { getVariable } = require('scope-lens');"));
    assert.ok(!isRelevant('import numpy as np\nprint(np.zeros(3))\n'));
    assert.equal(kindOf('python', '/a/b.txt'), 'python');
    assert.equal(kindOf('typescriptreact', '/a/b'), 'typescript');
    assert.equal(kindOf('', '/a/b.mjs'), 'javascript');
    assert.equal(kindOf('markdown', '/a/b.md'), undefined);
  });

  it('protocol.ts imports nothing at runtime (the client imports it)', () => {
    const text = fs.readFileSync(path.join(root, 'src', 'server', 'protocol.ts'), 'utf8');
    for (const line of text.split('\n').filter((l) => /^import\b/.test(l)))
      assert.match(line, /^import type /, line);
    const emitted = fs.readFileSync(path.join(root, 'out', 'src', 'server', 'protocol.js'), 'utf8');
    assert.doesNotMatch(emitted, /require\(/);
  });
});
