/**
 * The language server's custom requests and commands, shared with the VS Code client. This file
 * must import nothing at runtime (type imports only, checked by ESLint), so the client can import
 * it without pulling in the server or the analyzer.
 */
import type { Analysis } from '../analyzer/analyze';

/** A position as LSP has it: 0-based line, 0-based UTF-16 character. */
export interface LspPosition {
  readonly line: number;
  readonly character: number;
}

export interface DocumentParams {
  readonly textDocument: { readonly uri: string };
}

/** `scopeLens/analysis`: the latest analysis of an open document. */
export const ANALYSIS_REQUEST = 'scopeLens/analysis';
export type AnalysisParams = DocumentParams;
/**
 * `null` when the document is not open, its language is disabled, or it uses neither TF nor
 * the engine API (such files are not analysed). `version` is the document version analysed,
 * always the newest the server has (a pending analysis runs before the answer).
 */
export type AnalysisResult = {
  readonly uri: string;
  readonly version: number;
  readonly analysis: Analysis;
} | null;

/** `scopeLens/variableAt`: the full name(s) at the cursor. */
export const VARIABLE_AT_REQUEST = 'scopeLens/variableAt';
export interface VariableAtParams extends DocumentParams {
  readonly position: LspPosition;
}
/**
 * For a `get_variable`/`getVariable` call, or a name bound to one: `name` is the first full name
 * (`scope/w:0`; a pattern such as `model/h{layer}/w:0` when part of it is not known), `names`
 * every distinct one the call can have. `null` elsewhere.
 */
export type VariableAtResult = { readonly name: string; readonly names: string[] } | null;

/**
 * The command of each variable scope's code lens (the client implements it): reveal the
 * variables created and reused under the scope. Arguments: `[uri, line, tooltip?]`, `line`
 * 0-based (the scope call's first line); `tooltip`, when TF raises under the scope: the errors'
 * messages, one a line, which the client shows as the lens's tooltip.
 */
export const REVEAL_VARIABLES_COMMAND = 'scopeLens.revealVariables';
export type RevealVariablesArgs = [uri: string, line: number, tooltip?: string];

/**
 * `initializationOptions` the server understands (all optional). `debounceMs`: the delay
 * between an edit and its analysis (default 150; tests and benchmarks use 0).
 */
export interface InitializationOptions {
  readonly debounceMs?: number;
  /**
   * Where the TypeScript compiler (dist/typescript.js) is, for the server in a browser's web
   * worker, which loads it as a script on its first TS/JS document.
   */
  readonly typescriptUrl?: string;
}

/** The settings section the server reads with `workspace/configuration`. */
export const SETTINGS_SECTION = 'scopeLens';

export type SeveritySetting = 'error' | 'warning' | 'information' | 'hint' | 'off';

/** `scopeLens.*` settings; every field optional, defaults as noted. */
export interface ScopeLensSettings {
  readonly enable?: {
    /** Default true. */
    readonly python?: boolean;
    readonly typescript?: boolean;
    readonly javascript?: boolean;
  };
  /** Diagnostic code → severity, overriding the default; `off` hides the code. */
  readonly severity?: Record<string, SeveritySetting>;
  readonly analysis?: {
    /** Calls followed into before a result is unknown; default 24. */
    readonly maxCallDepth?: number;
    /** Loop iterations unrolled before the rest is unknown; default 1000. */
    readonly maxLoopUnroll?: number;
  };
  /** The full name after each get_variable call; default false. */
  readonly inlayHints?: { readonly enabled?: boolean };
  /** Analyse imports of the user's own modules; default true. */
  readonly followImports?: boolean;
  /** A checkpoint to compare the code with (prefix, .index file or folder); default none. */
  readonly checkpoint?: string;
}

/** Compare with this checkpoint (a path; null: back to the `scopeLens.checkpoint` setting). */
export const SET_CHECKPOINT_REQUEST = 'scopeLens/setCheckpoint';
export interface SetCheckpointParams {
  readonly path: string | null;
}
/** The active checkpoint, or null when none is set or it cannot be read. */
export type SetCheckpointResult = { readonly checkpoint: string | null };

/** The active checkpoint's variables no open document creates. */
export const CHECKPOINT_KEYS_REQUEST = 'scopeLens/checkpointKeys';
export type CheckpointKeysResult = {
  readonly checkpoint: string;
  readonly keys: ReadonlyArray<{ name: string; dtype: string; shape: readonly number[] }>;
} | null;

/**
 * `scopeLens/stats`: counters for tests and benchmarks (not for the client's features). The
 * memory figures are the server process's `process.memoryUsage()`, in bytes.
 */
export const STATS_REQUEST = 'scopeLens/stats';
export interface StatsResult {
  /** Analyses of open documents run so far. */
  readonly analyses: number;
  /**
   * Runs paused while idle before the statement being edited (`DocumentAnalyzer.prepare`), and
   * analyses that resumed one instead of interpreting the whole module.
   */
  readonly prepared: number;
  readonly resumed: number;
  readonly openDocuments: number;
  /** Open documents with an analysis (the others use neither TF nor the engine API). */
  readonly analysedDocuments: number;
  /** Workspace files analysed for references (cached). */
  readonly indexedFiles: number;
  readonly memory: { readonly rss: number; readonly heapUsed: number; readonly heapTotal: number };
}

/**
 * Requests the server sends to the client where it cannot read files itself (a browser's web
 * worker): the client answers from `vscode.workspace.fs`. Each takes `{ uri }`; an unreadable or
 * missing file answers `null`.
 */
export const FS_STAT_REQUEST = 'scopeLens/fs/stat';
export const FS_READ_DIRECTORY_REQUEST = 'scopeLens/fs/readDirectory';
export const FS_READ_FILE_REQUEST = 'scopeLens/fs/readFile';
/** A binary file (a checkpoint's index), as base64. */
export const FS_READ_BYTES_REQUEST = 'scopeLens/fs/readBytes';
export interface FsParams {
  readonly uri: string;
}
/** `kind`: 1 file, 2 directory, 0 other (VS Code's `FileType` without the symbolic-link bit). */
export type FsStatResult = {
  readonly kind: 0 | 1 | 2;
  readonly mtime: number;
  readonly size: number;
} | null;
/** The entries' names and kinds, as `FsStatResult['kind']`. */
export type FsReadDirectoryResult = Array<[string, 0 | 1 | 2]> | null;
/** The file's text (UTF-8). */
export type FsReadFileResult = string | null;

/**
 * `scopeLens/typescriptUrl` (client → server notification, the browser only): where the server's
 * web worker can `importScripts` the TypeScript compiler, when the client could not say so in
 * its initialization options (a blob URL it made, sent before the first TS/JS document opens).
 */
export const TYPESCRIPT_URL_NOTIFICATION = 'scopeLens/typescriptUrl';
export interface TypeScriptUrlParams {
  readonly url: string;
}
