/**
 * An open Python document, lowered incrementally: after an edit within a line, lezer re-parses
 * reusing the unchanged parts of the previous tree (an edit that adds or removes a line break
 * parses afresh), and every top-level statement whose text (and syntax node type) is unchanged
 * keeps its IR. A statement that only moved (an edit above it) has its spans shifted in place:
 * at lowering time each cached statement records its distinct span objects, so the shift is a
 * loop over numbers, not a walk of the tree.
 *
 * A statement whose text changed but whose IR comes out the same apart from its spans (an edit
 * in a comment or in whitespace inside a function body, a blank line added to it) keeps its
 * previous IR object too, its spans set in place to the new ones: later phases (the analyzer's
 * reuse of its last interpretation) see an unchanged statement, as they should, since the
 * program is the same.
 *
 * This relies on one property of the front end: a top-level statement's IR depends only on its
 * text (and its offset, through spans). The IR of a document version is read-only for the
 * phases after the front end; it is only ever relocated here, before the next analysis of that
 * document, never while one runs. Results of earlier analyses hold positions, not spans.
 */
import { parser } from '@lezer/python';
import { Tree, TreeBuffer, TreeFragment } from '@lezer/common';
import * as ir from '../ir';
import { normalizeFloats } from './float-literals';
import { type Context, type Diagnostic, kids } from './expressions';
import { lowerTopLevel, type LowerResult } from './lower';

interface Cached {
  from: number;
  readonly text: string;
  readonly stmts: ir.Stmt[];
  readonly diagnostics: Diagnostic[];
  /** Every distinct span object in `stmts` and `diagnostics` (mutable: shifted on moves). */
  readonly spans: Array<{ from: number; to: number }>;
}

const MAX_RECOVERY_DIAGNOSTICS = 100;

export class PythonDocument {
  private text = '';
  private tree: Tree | null = null;
  private cache = new Map<string, Cached[]>();
  /** The previous version's statements in order, with their syntax node types. */
  private order: Array<{ readonly type: number; readonly entry: Cached }> = [];

  /** The IR of `text`, reusing what the previous version had. Never throws. */
  update(original: string): LowerResult {
    const text = normalizeFloats(original);
    let tree: Tree;
    try {
      tree = this.parse(text);
    } catch {
      this.tree = null;
      this.cache.clear();
      this.order = [];
      const whole = ir.span(0, text.length);
      return { module: ir.moduleNode(whole, [ir.unknownStmt(whole, text)]), diagnostics: [] };
    }
    const errors = errorPositions(tree);
    const next = new Map<string, Cached[]>();
    const order: Array<{ readonly type: number; readonly entry: Cached }> = [];
    const previous = this.order;
    const taken = new Set<Cached>();
    const body: ir.Stmt[] = [];
    const diagnostics: Diagnostic[] = [];
    let index = -1;
    for (const node of kids(tree.topNode)) {
      index++;
      // The node's type is part of the key: under error recovery the same text can be an error
      // node in one version and a statement in the next, and the two lower differently.
      const key = `${node.type.id}:${text.slice(node.from, node.to)}`;
      // Error recovery can give the same text a different inner tree depending on what follows
      // it: a statement with a syntax error inside is lowered afresh, never reused.
      const reusable = !errors.some((at) => at >= node.from && at <= node.to);
      const candidates = reusable ? this.cache.get(key) : undefined;
      // In order, so identical statements keep their places (and the IR its identity).
      // (An entry another statement already took, relocated, is not there to reuse.)
      let entry: Cached | undefined;
      while (candidates?.length && !entry) {
        const c = candidates.shift() as Cached;
        if (!taken.has(c)) entry = c;
      }
      if (entry) {
        taken.add(entry);
        const delta = node.from - entry.from;
        if (delta !== 0) {
          for (const sp of entry.spans) {
            sp.from += delta;
            sp.to += delta;
          }
          entry.from = node.from;
        }
      } else {
        const ctx: Context = { source: text, diagnostics: [], depth: 0, depthReported: false };
        const stmts = lowerTopLevel(ctx, node);
        entry = {
          from: node.from,
          text: key,
          stmts,
          diagnostics: ctx.diagnostics,
          spans: collectSpans(stmts, ctx.diagnostics),
        };
        // The statement in the same place last time, when only its spans differ: kept.
        const before = previous[index];
        if (reusable && before && before.type === node.type.id && !taken.has(before.entry)) {
          const moved = relocated(before.entry, entry);
          if (moved) {
            // Not reused by its old text any more (that text is gone from this version).
            taken.add(before.entry);
            entry = moved;
          }
        }
      }
      order.push({ type: node.type.id, entry });
      const list = next.get(key);
      if (list) list.push(entry);
      else next.set(key, [entry]);
      body.push(...entry.stmts);
      diagnostics.push(...entry.diagnostics);
    }
    this.cache = next;
    this.order = order;
    this.text = text;
    this.tree = tree;
    return {
      module: ir.moduleNode(ir.span(0, text.length), body),
      diagnostics: diagnostics.slice(0, MAX_RECOVERY_DIAGNOSTICS),
    };
  }

  /** A full parse the first time; afterwards an incremental one around the changed range. */
  private parse(text: string): Tree {
    if (!this.tree) return parser.parse(text);
    const old = this.text;
    let start = 0;
    const max = Math.min(old.length, text.length);
    while (start < max && old.charCodeAt(start) === text.charCodeAt(start)) start++;
    let endOld = old.length;
    let endNew = text.length;
    while (
      endOld > start &&
      endNew > start &&
      old.charCodeAt(endOld - 1) === text.charCodeAt(endNew - 1)
    ) {
      endOld--;
      endNew--;
    }
    if (start === endOld && start === endNew) return this.tree;
    // Python's tokenizer tracks indentation line by line, and lezer's reuse of the old tree across
    // an edit that adds or removes a line break can differ from a fresh parse (seen with error
    // recovery). Such edits (Enter, deleting a line break, pastes of several lines) parse afresh;
    // typing within a line stays incremental.
    if (/[\r\n]/.test(old.slice(start, endOld)) || /[\r\n]/.test(text.slice(start, endNew)))
      return parser.parse(text);
    const fragments = TreeFragment.applyChanges(TreeFragment.addTree(this.tree), [
      { fromA: start, toA: endOld, fromB: start, toB: endNew },
    ]);
    const tree = parser.parse(text, fragments);
    // Under error recovery, a tree built from reused fragments can differ from a fresh parse:
    // the IR must not depend on the edit history, so a text with syntax errors parses afresh.
    return hasErrors(tree) ? parser.parse(text) : tree;
  }
}

/**
 * Where the error nodes of a tree (or tree buffer) start, relative to its start, by the
 * subtree: lezer's incremental parse reuses the unchanged subtrees of the previous tree as they
 * are (the same objects), so after a keystroke only the few new ones are looked through.
 */
const errorsBySubtree = new WeakMap<Tree | TreeBuffer, readonly number[]>();

function subtreeErrors(t: Tree | TreeBuffer): readonly number[] {
  let out = errorsBySubtree.get(t);
  if (out) return out;
  const found: number[] = [];
  if (t instanceof TreeBuffer) {
    // (type, start, end, endIndex) quads, starts relative to the buffer's.
    const { buffer } = t;
    const types = t.set.types;
    for (let i = 0; i < buffer.length; i += 4)
      if (types[buffer[i]].isError) found.push(buffer[i + 1]);
  } else {
    if (t.type.isError) found.push(0);
    for (let i = 0; i < t.children.length; i++) {
      const at = t.positions[i];
      for (const p of subtreeErrors(t.children[i])) found.push(at + p);
    }
  }
  out = found;
  errorsBySubtree.set(t, out);
  return out;
}

/** Where the tree's error nodes start. */
function errorPositions(tree: Tree): readonly number[] {
  return subtreeErrors(tree);
}

function hasErrors(tree: Tree): boolean {
  return subtreeErrors(tree).length > 0;
}

/**
 * `old`'s IR relocated to `fresh`'s spans, when the two are the same but for their spans (plain
 * objects and arrays compared field by field, the objects' sharing included; a `span` field's
 * offsets are what may differ): a cache entry for `fresh`'s text holding `old`'s objects, whose
 * spans now hold `fresh`'s offsets. Otherwise undefined, and nothing is changed.
 */
function relocated(old: Cached, fresh: Cached): Cached | undefined {
  const spans = new Map<object, { from: number; to: number }>();
  const seen = new Map<object, object>();
  const same = (a: unknown, b: unknown, depth: number): boolean => {
    if (a === b) return true;
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
    if (depth > 2000) return false;
    const known = seen.get(a);
    if (known !== undefined) return known === b;
    seen.set(a, b);
    if (Array.isArray(a)) {
      if (!Array.isArray(b) || a.length !== b.length) return false;
      for (let i = 0; i < a.length; i++) if (!same(a[i], b[i], depth + 1)) return false;
      return true;
    }
    if (Array.isArray(b)) return false;
    const proto = Object.getPrototypeOf(a) as unknown;
    if (proto !== Object.prototype || Object.getPrototypeOf(b) !== proto) return false;
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    if (ka.length !== kb.length) return false;
    const ra = a as Record<string, unknown>;
    const rb = b as Record<string, unknown>;
    for (const k of ka) {
      if (!Object.prototype.hasOwnProperty.call(rb, k)) return false;
      if (k === 'span') {
        const sa = ra[k];
        const sb = rb[k] as { from: number; to: number } | undefined;
        if (typeof sa !== 'object' || sa === null || typeof sb !== 'object' || sb === null)
          return false;
        const mapped = spans.get(sa);
        if (mapped !== undefined && mapped !== sb) return false;
        spans.set(sa, sb);
        continue;
      }
      if (!same(ra[k], rb[k], depth + 1)) return false;
    }
    return true;
  };
  if (!same(old.stmts, fresh.stmts, 0) || !same(old.diagnostics, fresh.diagnostics, 0))
    return undefined;
  for (const [sa, sb] of spans) {
    const target = sa as { from: number; to: number };
    target.from = sb.from;
    target.to = sb.to;
  }
  return {
    from: fresh.from,
    text: fresh.text,
    stmts: old.stmts,
    diagnostics: old.diagnostics,
    spans: old.spans,
  };
}

/** The distinct span objects of lowered statements and their diagnostics. */
function collectSpans(
  stmts: readonly ir.Stmt[],
  diagnostics: readonly Diagnostic[],
): Array<{ from: number; to: number }> {
  const seen = new Set<ir.Span>();
  for (const s of stmts) {
    ir.walk(s, {
      enter: (node) => {
        seen.add(node.span);
      },
    });
  }
  for (const d of diagnostics) seen.add(d.span);
  return [...seen] as Array<{ from: number; to: number }>;
}
