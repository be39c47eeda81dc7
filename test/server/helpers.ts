/**
 * Helpers for the language-server tests: temporary workspaces, positions of marked text, and
 * applying a WorkspaceEdit's text edits the way an editor does.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Diagnostic, Position, TextEdit, WorkspaceEdit } from 'vscode-languageserver/node';
import { LineIndex } from '../../src/server/convert';
import { fileUri } from './lsp-client';

/** A fresh folder with the given files (relative path → text); removed by `dispose`. */
export function workspace(files: Record<string, string> = {}): {
  root: string;
  uri: (rel: string) => string;
  path: (rel: string) => string;
  read: (rel: string) => string;
  dispose: () => void;
} {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'scope-lens-lsp-')));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return {
    root,
    uri: (rel) => fileUri(path.join(root, rel)),
    path: (rel) => path.join(root, rel),
    read: (rel) => fs.readFileSync(path.join(root, rel), 'utf8'),
    dispose: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}

/** The position of the `nth` occurrence of `needle` in `text`, plus `delta` characters. */
export function positionOf(text: string, needle: string, delta = 0, nth = 0): Position {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    assert.ok(at >= 0, `'${needle}' (#${nth}) not in the text`);
  }
  return new LineIndex(text).positionAt(at + delta);
}

export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const sorted = edits
    .map((e) => ({ from: lines.offsetAt(e.range.start), to: lines.offsetAt(e.range.end), e }))
    .sort((a, b) => b.from - a.from);
  let out = text;
  for (const { from, to, e } of sorted) out = out.slice(0, from) + e.newText + out.slice(to);
  return out;
}

/** The new text of each file a WorkspaceEdit changes. */
export function applyWorkspaceEdit(
  edit: WorkspaceEdit,
  texts: Record<string, string>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) {
    assert.ok(uri in texts, `the edit changes ${uri}, which the test does not know`);
    out[uri] = applyTextEdits(texts[uri], edits);
  }
  return out;
}

export function codes(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => String(d.code));
}

/** Error and warning diagnostics (the ones a fix must not add). */
export function problems(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => d.severity === 1 || d.severity === 2);
}
