/**
 * Open documents and their analyses: one `DocumentAnalyzer` per document, analyses debounced
 * after edits and run one document at a time, yielding to the message loop between documents.
 *
 * Invariants:
 * - A document's published result is for its newest version. The analyzer is synchronous, so
 *   an analysis always reads the text current when it starts and ends before the next message is
 *   handled; a superseded edit's pending analysis is simply never started (its timer is reset,
 *   its queue entry read at run time). Every published diagnostic list carries its version.
 * - Requests see the newest text: `fresh()` runs a pending analysis before answering.
 * - After publishing, a document left alone for PREPARE_DELAY_MS gets its analyzer's `prepare`
 *   (the program run up to the statement being edited and paused there), so the next keystroke
 *   there interprets only what follows. It runs in slices of whole statements with the message
 *   loop between them, and stops when an edit or an analysis is pending. Only the document
 *   prepared last keeps its paused run.
 * - Files that mention neither TF nor the engine API cost a regular-expression test: no
 *   analyzer, no IR, no diagnostics.
 * - The analyzer never throws on user code; a failure here is logged and the document skipped.
 */
import * as nodePath from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Analysis, DocumentAnalyzer, languageOf, type AnalyzeOptions } from '../analyzer/analyze';
import type { Language } from '../analyzer/interpreter/interpreter';
import { LineIndex, pathToUri, uriToPath } from './convert';
import { nextTurn, type ServerFiles } from './platform';
import { limitsOf, type Settings } from './settings';
import type { Snapshot } from './sites';

/** The editor languages the server analyses, by the setting that enables each. */
export type LanguageKind = 'python' | 'typescript' | 'javascript';

/** Larger documents are not analysed (the analyzer is bounded, but the parse is not free). */
export const MAX_DOCUMENT_CHARS = 4_000_000;
/** How long a document is left alone after its analysis before `prepare` runs. */
const PREPARE_DELAY_MS = 30;
/** About how long one slice of `prepare` runs before the server handles messages again. */
const PREPARE_SLICE_MS = 20;
/** Imported files larger than this are not read. */
const MAX_IMPORT_BYTES = 2_000_000;

const RELEVANT = /tensorflow|scope-lens|variable_scope|variableScope|get_variable|getVariable/;

/** The cheap test that keeps unrelated files free: no TF, no engine API, no analysis. */
export function isRelevant(text: string): boolean {
  return RELEVANT.test(text);
}

export function kindOf(languageId: string, path: string): LanguageKind | undefined {
  switch (languageId) {
    case 'python':
      return 'python';
    case 'typescript':
    case 'typescriptreact':
      return 'typescript';
    case 'javascript':
    case 'javascriptreact':
      return 'javascript';
  }
  if (/\.pyi?$/.test(path)) return 'python';
  if (/\.(m|c)?tsx?$/.test(path)) return 'typescript';
  if (/\.(m|c)?jsx?$/.test(path)) return 'javascript';
  return undefined;
}

interface DocState {
  readonly uri: string;
  readonly path: string;
  readonly kind: LanguageKind | undefined;
  readonly language: Language;
  analyzer: DocumentAnalyzer | undefined;
  snapshot: Snapshot | undefined;
  /** The version the last analysis (or decision to skip) was for. */
  analyzedVersion: number;
  /** Analyse again even at the same version (settings or an imported file changed). */
  dirty: boolean;
  timer: ReturnType<typeof setTimeout> | undefined;
  /** The pending `prepare` of the analyzer (see the invariants). */
  prepareTimer: ReturnType<typeof setTimeout> | undefined;
  /** Diagnostics other than an empty list were published. */
  published: boolean;
  tooLargeLogged: boolean;
}

export interface DocumentHost {
  readonly settings: () => Settings;
  /** Workspace folders (file system paths): imports are read from disk only inside them. */
  readonly roots: () => readonly string[];
  readonly publish: (uri: string, version: number, analysis: Analysis | undefined) => void;
  readonly log: (message: string) => void;
  /** Called after each analysis (for caches keyed by version). */
  readonly analysed?: (snapshot: Snapshot) => void;
  /** Where imports are read (the disk under Node, the client's workspace in a browser). */
  readonly files: ServerFiles;
}

export class DocumentStore {
  private readonly states = new Map<string, DocState>();
  private readonly texts = new Map<string, TextDocument>();
  private readonly byPath = new Map<string, string>();
  private readonly queue: string[] = [];
  private pumping = false;
  private closed = false;
  /** Analyses started, for tests and the benchmark. */
  analyses = 0;
  /** Runs paused by `prepare`, and analyses that resumed one (tests and the benchmark). */
  prepared = 0;
  resumed = 0;

  constructor(
    private readonly host: DocumentHost,
    private debounceMs: number,
  ) {
    // Imports fetched after an analysis missed them (the browser): analyse their importers again.
    host.files.onFilesArrived(() => {
      for (const s of this.states.values()) {
        if (!s.snapshot) continue;
        s.dirty = true;
        this.schedule(s);
      }
    });
  }

  /** Analyses wait until `until` settles (the client's settings are being read). */
  hold(until: Promise<void>): void {
    this.held = until;
    void until.then(() => {
      if (this.held !== until) return;
      this.held = undefined;
      if (this.queue.length && !this.pumping) {
        this.pumping = true;
        nextTurn(() => this.pump());
      }
    });
  }

  private held: Promise<void> | undefined;

  setDebounce(ms: number): void {
    this.debounceMs = Math.max(0, ms);
  }

  /** Open documents, and how many of them have an analysis. */
  counts(): { open: number; analysed: number } {
    let analysed = 0;
    for (const s of this.states.values()) if (s.snapshot) analysed++;
    return { open: this.states.size, analysed };
  }

  /** The newest analysis already made (no pending analysis is run). */
  current(uri: string): Snapshot | undefined {
    return this.states.get(uri)?.snapshot;
  }

  get(uri: string): TextDocument | undefined {
    return this.texts.get(uri);
  }

  all(): TextDocument[] {
    return [...this.texts.values()];
  }

  /** The open document's URI for a file path. */
  uriOfPath(path: string): string | undefined {
    return this.byPath.get(path);
  }

  /** The URI for the analyzer's file path (`undefined`: the document itself). */
  uriOf(self: Snapshot, file: string | undefined): string {
    if (file === undefined || file === self.path) return self.uri;
    return this.byPath.get(file) ?? (nodePath.isAbsolute(file) ? pathToUri(file) : file);
  }

  open(uri: string, languageId: string, version: number, text: string): void {
    const previous = this.states.get(uri);
    if (previous?.timer) clearTimeout(previous.timer);
    if (previous?.prepareTimer) clearTimeout(previous.prepareTimer);
    const path = uriToPath(uri) ?? uri;
    const kind = kindOf(languageId, path);
    const state: DocState = {
      uri,
      path,
      kind,
      language: kind === 'python' ? 'python' : kind ? 'typescript' : languageOf(path),
      analyzer: undefined,
      snapshot: undefined,
      analyzedVersion: -1,
      dirty: false,
      timer: undefined,
      prepareTimer: undefined,
      published: false,
      tooLargeLogged: false,
    };
    this.states.set(uri, state);
    this.texts.set(uri, TextDocument.create(uri, languageId, version, text));
    this.byPath.set(path, uri);
    this.enqueue(uri);
    this.touchDependents(path);
  }

  change(uri: string, version: number, changes: Parameters<typeof TextDocument.update>[1]): void {
    const doc = this.texts.get(uri);
    const state = this.states.get(uri);
    if (!doc || !state) return;
    this.texts.set(uri, TextDocument.update(doc, changes, version));
    this.schedule(state);
    this.touchDependents(state.path);
  }

  close(uri: string): void {
    const state = this.states.get(uri);
    if (!state) return;
    if (state.timer) clearTimeout(state.timer);
    if (state.prepareTimer) clearTimeout(state.prepareTimer);
    this.states.delete(uri);
    this.texts.delete(uri);
    if (this.byPath.get(state.path) === uri) this.byPath.delete(state.path);
    if (state.published) this.host.publish(uri, -1, undefined);
    this.touchDependents(state.path);
  }

  /** Stop all timers (shutdown). */
  dispose(): void {
    this.closed = true;
    for (const s of this.states.values()) {
      if (s.timer) clearTimeout(s.timer);
      if (s.prepareTimer) clearTimeout(s.prepareTimer);
    }
    this.queue.length = 0;
  }

  /** Settings changed: analyse everything again (new analyzers when their options changed). */
  reanalyseAll(newAnalyzers: boolean): void {
    for (const s of this.states.values()) {
      if (newAnalyzers) s.analyzer = undefined;
      s.dirty = true;
      this.enqueue(s.uri);
    }
  }

  /** A file changed on disk (or another document changed): its importers are stale. */
  touchDependents(path: string): void {
    for (const s of this.states.values()) {
      if (s.path === path || !s.snapshot?.analysis.imports.includes(path)) continue;
      s.dirty = true;
      this.schedule(s);
    }
  }

  /** The newest analysis of an open document, running a pending one first. */
  fresh(uri: string): Snapshot | undefined {
    const state = this.states.get(uri);
    const doc = this.texts.get(uri);
    if (!state || !doc) return undefined;
    if (state.analyzedVersion !== doc.version || state.dirty || state.timer) {
      if (state.timer) clearTimeout(state.timer);
      state.timer = undefined;
      this.run(state);
    }
    return state.snapshot;
  }

  /** Every open document's newest analysis. */
  freshAll(): Snapshot[] {
    const out: Snapshot[] = [];
    for (const uri of this.states.keys()) {
      const s = this.fresh(uri);
      if (s) out.push(s);
    }
    return out;
  }

  /** The analysis options for a file (also used to verify quick fixes and index the workspace). */
  options(path: string, language: Language): AnalyzeOptions {
    const settings = this.host.settings();
    return {
      path,
      language,
      limits: limitsOf(settings),
      roots: this.host.roots(),
      readFile: settings.followImports ? (p) => this.readFile(p) : undefined,
    };
  }

  /** An import's text: the open document's, else the file's when it is inside a workspace folder. */
  readFile(path: string): string | undefined {
    const uri = this.byPath.get(path);
    if (uri) return this.texts.get(uri)?.getText();
    if (!insideRoots(path, this.host.roots())) return undefined;
    return this.host.files.readImport(path, MAX_IMPORT_BYTES);
  }

  enabled(kind: LanguageKind | undefined): boolean {
    if (!kind) return false;
    return this.host.settings().enable[kind];
  }

  private schedule(state: DocState): void {
    if (this.closed) return;
    if (state.timer) clearTimeout(state.timer);
    if (this.debounceMs <= 0) {
      state.timer = undefined;
      this.enqueue(state.uri);
      return;
    }
    state.timer = setTimeout(() => {
      state.timer = undefined;
      this.enqueue(state.uri);
    }, this.debounceMs);
  }

  private enqueue(uri: string): void {
    if (this.closed) return;
    if (!this.queue.includes(uri)) this.queue.push(uri);
    if (!this.pumping && !this.held) {
      this.pumping = true;
      nextTurn(() => this.pump());
    }
  }

  /** One document per turn of the event loop, so messages are handled between analyses. */
  private pump(): void {
    const uri = this.queue.shift();
    const state = uri !== undefined ? this.states.get(uri) : undefined;
    if (state && !state.timer) this.run(state);
    if (this.queue.length && !this.closed) nextTurn(() => this.pump());
    else this.pumping = false;
  }

  /** `prepare` for the next keystroke, once the document has been left alone a moment. */
  private schedulePrepare(state: DocState): void {
    if (state.prepareTimer) clearTimeout(state.prepareTimer);
    state.prepareTimer = setTimeout(() => this.prepareSlice(state), PREPARE_DELAY_MS);
  }

  /**
   * One slice of `prepare` (whole statements, about PREPARE_SLICE_MS), then the message loop
   * before the next: a hover or an edit never waits for more than a slice.
   */
  private prepareSlice(state: DocState): void {
    state.prepareTimer = undefined;
    const analyzer = state.analyzer;
    if (this.closed || !analyzer || this.states.get(state.uri) !== state) return;
    // An edit or an analysis waits: it comes first (and schedules this again).
    if (state.timer || state.dirty || this.queue.includes(state.uri)) return;
    if (this.texts.get(state.uri)?.version !== state.analyzedVersion) return;
    // One paused run at a time, the edited document's: the others' memory goes.
    for (const other of this.states.values()) if (other !== state) other.analyzer?.release();
    let done: ReturnType<DocumentAnalyzer['prepare']>;
    try {
      done = analyzer.prepare(PREPARE_SLICE_MS);
    } catch (e) {
      this.host.log(`${state.uri}: prepare failed: ${e instanceof Error ? e.stack : String(e)}`);
      return;
    }
    if (done === 'ready') this.prepared++;
    else if (done === 'more') state.prepareTimer = setTimeout(() => this.prepareSlice(state), 0);
  }

  private run(state: DocState): void {
    const doc = this.texts.get(state.uri);
    if (!doc) return;
    const version = doc.version;
    if (state.analyzedVersion === version && !state.dirty) return;
    state.analyzedVersion = version;
    state.dirty = false;
    try {
      const text = doc.getText();
      if (!this.enabled(state.kind) || !isRelevant(text) || text.length > MAX_DOCUMENT_CHARS) {
        if (text.length > MAX_DOCUMENT_CHARS && !state.tooLargeLogged) {
          state.tooLargeLogged = true;
          this.host.log(
            `${state.uri}: not analysed (${text.length} characters; the limit is ${MAX_DOCUMENT_CHARS})`,
          );
        }
        state.analyzer = undefined;
        state.snapshot = undefined;
        if (state.published) {
          state.published = false;
          this.host.publish(state.uri, version, undefined);
        }
        return;
      }
      state.analyzer ??= new DocumentAnalyzer(this.options(state.path, state.language));
      this.analyses++;
      // The previous result is garbage from here on (its IR is about to be relocated).
      state.snapshot = undefined;
      const t0 = performance.now();
      const analysis = state.analyzer.update(text);
      const elapsed = performance.now() - t0;
      if (state.analyzer.lastRun === 'resumed') this.resumed++;
      let lines: LineIndex | undefined;
      state.snapshot = {
        uri: state.uri,
        path: state.path,
        version,
        text,
        // Built on first use: publishing diagnostics needs no offsets.
        get lines() {
          return (lines ??= new LineIndex(text));
        },
        analysis,
        module: state.analyzer.module,
        language: state.language,
        elapsed,
      };
      state.published = true;
      this.host.publish(state.uri, version, analysis);
      this.host.analysed?.(state.snapshot);
      this.schedulePrepare(state);
    } catch (e) {
      state.analyzer = undefined;
      state.snapshot = undefined;
      this.host.log(`${state.uri}: analysis failed: ${e instanceof Error ? e.stack : String(e)}`);
    }
  }
}

export function insideRoots(path: string, roots: readonly string[]): boolean {
  const p = nodePath.resolve(path);
  return roots.some((r) => {
    const root = nodePath.resolve(r);
    return p === root || p.startsWith(root.endsWith(nodePath.sep) ? root : root + nodePath.sep);
  });
}
