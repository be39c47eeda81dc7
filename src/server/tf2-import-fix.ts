/**
 * The code action of SL-TF2-API (shown on `import tensorflow as tf`): rewrite the import to
 * `import tensorflow.compat.v1 as tf`, the module TensorFlow 2 keeps TF 1.x's API in, and add
 * `tf.disable_v2_behavior()` after the file's imports when the file needs graph mode.
 *
 * A file needs graph mode when it uses what TF 2's eager execution rejects or changes:
 * placeholders and sessions (they raise under eager execution), variable scopes and
 * `get_variable` (under eager execution a scope's `reuse` does not share variables), initializers
 * a session runs, the default graph, the `tf.train` optimizers' `minimize` of a loss tensor, and
 * the layer libraries (`tf.layers`, `tf.contrib`). A file that already calls
 * `disable_v2_behavior()` or `disable_eager_execution()` gets only the import rewritten; so does
 * one that uses none of these (a module of helpers, whose program's entry point is the place
 * for the call).
 */
import {
  CodeAction,
  CodeActionKind,
  type Diagnostic as LspDiagnostic,
} from 'vscode-languageserver';
import type * as ir from '../analyzer/ir';
import type { Snapshot } from './sites';

export const TF2_API_CODE = 'SL-TF2-API';

const GRAPH_MODE =
  /^(?:placeholder|placeholder_with_default|sparse_placeholder|Session|InteractiveSession|variable_scope|get_variable|get_variable_scope|get_local_variable|make_template|AUTO_REUSE|global_variables_initializer|local_variables_initializer|variables_initializer|initialize_all_variables|reset_default_graph|get_default_graph|Graph|train|layers|contrib|summary|gradients|get_collection|add_to_collection|trainable_variables|global_variables)$/;

/** The action for the SL-TF2-API diagnostic `d` of `snapshot`, if its import can be rewritten. */
export function tf2ImportAction(snapshot: Snapshot, d: LspDiagnostic): CodeAction | undefined {
  const module = snapshot.module;
  if (!module || snapshot.language !== 'python') return undefined;
  const from = snapshot.lines.offsetAt(d.range.start);
  const stmt = module.body.find(
    (s): s is ir.Import => s.kind === 'Import' && s.span.from <= from && from < s.span.to,
  );
  const alias = stmt?.names.find((a) => a.name === 'tensorflow');
  if (!stmt || !alias) return undefined;
  const name = alias.asName ?? 'tensorflow';
  const text = snapshot.text;
  const edits = [
    {
      range: snapshot.lines.range(alias.span.from, alias.span.to),
      newText: `tensorflow.compat.v1 as ${name}`,
    },
  ];
  if (needsGraphMode(text, name)) {
    const after = lastLeadingImport(module, stmt);
    let at = text.indexOf('\n', after.span.to);
    at = at < 0 ? text.length : at + 1;
    const newline = at === text.length && !text.endsWith('\n') ? '\n' : '';
    edits.push({
      range: snapshot.lines.range(at, at),
      newText: `${newline}${name}.disable_v2_behavior()\n`,
    });
  }
  return {
    title: `Import tensorflow.compat.v1 as ${name}${edits.length > 1 ? ` and call ${name}.disable_v2_behavior()` : ''}`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [d],
    isPreferred: true,
    edit: { changes: { [snapshot.uri]: edits } },
  };
}

/** Whether the file uses, through `name`, an API that needs graph mode (see the header). */
export function needsGraphMode(text: string, name: string): boolean {
  if (/\b(?:disable_v2_behavior|disable_eager_execution)\s*\(/.test(text)) return false;
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  for (const m of text.matchAll(new RegExp(`\\b${escaped}\\.(\\w+)`, 'g')))
    if (GRAPH_MODE.test(m[1])) return true;
  return false;
}

/**
 * The statement after which the call goes: the last import of the file's leading imports (its
 * docstring, imports and `from __future__` lines), or the TF import itself when it comes later.
 */
function lastLeadingImport(module: ir.Module, tfImport: ir.Import): ir.Stmt {
  let last: ir.Stmt | undefined;
  for (const s of module.body) {
    if (s.kind === 'Import' || s.kind === 'ImportFrom') last = s;
    else if (!(s.kind === 'ExprStmt' && s.expr.kind === 'Constant' && s.expr.pyType === 'str'))
      break;
  }
  return last && last.span.from >= tfImport.span.from ? last : tfImport;
}
