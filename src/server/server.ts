/**
 * The Scope Lens language server: the analyzer over LSP. This module wires the protocol to the
 * feature modules; it holds no analysis logic. Documents, scheduling and freshness live in
 * documents.ts; each feature reads the newest `Snapshot` of a document.
 *
 * The server runs wherever its `ServerPlatform` (platform.ts) says: under Node (node-server.ts,
 * `node dist/server.js --stdio`, `scope-lens lsp --stdio`) or in a browser's web worker
 * (web-server.ts). Nothing here imports Node.
 */
import * as nodePath from 'node:path';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type WorkspaceFolder,
} from 'vscode-languageserver';
import type { Analysis } from '../analyzer/analyze';
import { VERSION } from '../version';
import { QuickFixes } from './code-actions';
import { toDiagnostics, uriToPath, useVirtualFileSystem } from './convert';
import { DocumentStore } from './documents';
import { hoverAt } from './hover';
import { creators, definition, highlights, indexedSites, references } from './navigation';
import { codeLenses, documentSymbols, inlayHints } from './outline';
import { CheckpointComparison } from './checkpoint';
import type { ServerPlatform } from './platform';
import {
  ANALYSIS_REQUEST,
  CHECKPOINT_KEYS_REQUEST,
  SET_CHECKPOINT_REQUEST,
  SETTINGS_SECTION,
  STATS_REQUEST,
  VARIABLE_AT_REQUEST,
  type AnalysisParams,
  type AnalysisResult,
  type CheckpointKeysResult,
  type SetCheckpointParams,
  type SetCheckpointResult,
  type InitializationOptions,
  type StatsResult,
  type VariableAtParams,
  type VariableAtResult,
} from './protocol';
import { analysisChanged, DEFAULT_SETTINGS, normalizeSettings, type Settings } from './settings';
import { indexOf, variableKeysAt, variableNamesAt, type Snapshot } from './sites';
import { WorkspaceIndex } from './workspace-index';

export const DEFAULT_DEBOUNCE_MS = 150;

/** A client that refuses an optional request (a registration, a refresh) changes nothing. */
const ignore = () => {};
/** How long analyses wait for the client's settings before using the defaults. */
const SETTINGS_WAIT_MS = 3000;

export class ScopeLensServer {
  private settings: Settings = DEFAULT_SETTINGS;
  private roots: string[] = [];
  private capabilities: ClientCapabilities = {};
  private readonly store: DocumentStore;
  private readonly workspace: WorkspaceIndex;
  private readonly fixes: QuickFixes;
  private readonly checkpoint: CheckpointComparison;
  private ready: Promise<void> = Promise.resolve();
  private shuttingDown = false;

  constructor(
    private readonly connection: Connection,
    private readonly platform: ServerPlatform,
  ) {
    this.checkpoint = new CheckpointComparison(
      (m) => connection.console.log(m),
      platform.checkpoints,
      platform.cwd,
    );
    this.store = new DocumentStore(
      {
        settings: () => this.settings,
        roots: () => this.roots,
        publish: (uri, version, analysis) => this.publish(uri, version, analysis),
        log: (m) => connection.console.log(m),
        files: platform.files,
      },
      DEFAULT_DEBOUNCE_MS,
    );
    this.workspace = new WorkspaceIndex(this.store, () => this.roots, platform.files);
    this.fixes = new QuickFixes(this.store);
    this.register();
  }

  private publish(uri: string, version: number, analysis: Analysis | undefined): void {
    if (this.shuttingDown) return;
    const snapshot = analysis && this.store.current(uri);
    const diagnostics =
      analysis && snapshot
        ? toDiagnostics(
            [...analysis.diagnostics, ...this.checkpoint.diagnostics(analysis)],
            this.settings,
            (f) => this.store.uriOf(snapshot, f),
          )
        : [];
    this.connection
      .sendDiagnostics({ uri, ...(version >= 0 ? { version } : {}), diagnostics })
      .catch(() => {
        // The client went away; its exit ends the process.
      });
  }

  /** A request's document, analysed at its newest version (after the settings are known). */
  private async snapshot(uri: string): Promise<Snapshot | undefined> {
    await this.ready;
    return this.store.fresh(uri);
  }

  private uriOf(snapshot: Snapshot) {
    return (file: string | undefined) => this.store.uriOf(snapshot, file);
  }

  private register(): void {
    const c = this.connection;
    c.onInitialize((params) => this.initialize(params));
    c.onInitialized(() => this.initialized());
    c.onShutdown(() => {
      this.shuttingDown = true;
      this.store.dispose();
    });

    c.onDidOpenTextDocument(({ textDocument: d }) =>
      this.store.open(d.uri, d.languageId, d.version, d.text),
    );
    c.onDidChangeTextDocument(({ textDocument, contentChanges }) =>
      this.store.change(textDocument.uri, textDocument.version, contentChanges),
    );
    c.onDidCloseTextDocument(({ textDocument }) => this.store.close(textDocument.uri));
    c.onDidChangeConfiguration((params) => void this.loadSettings(params.settings));
    c.onDidChangeWatchedFiles(({ changes }) => {
      for (const change of changes) {
        const path = uriToPath(change.uri);
        if (!path) continue;
        this.platform.files.invalidate(path);
        this.checkpoint.invalidate(path);
        this.workspace.invalidate(path);
        this.store.touchDependents(path);
      }
    });

    c.onHover(async ({ textDocument, position }) => {
      const s = await this.snapshot(textDocument.uri);
      if (!s) return null;
      const offset = s.lines.offsetAt(position);
      const hover = hoverAt(s, offset, this.uriOf(s));
      // With a checkpoint selected: what it stores for the variables of the call (or object).
      const names = hover ? variableNamesAt(s, offset) : undefined;
      const extra = names?.length ? this.checkpoint.hover(names) : null;
      if (hover && extra && typeof hover.contents === 'object' && 'value' in hover.contents)
        return {
          ...hover,
          contents: { ...hover.contents, value: `${hover.contents.value}\n\n${extra}` },
        };
      return hover;
    });
    c.onDefinition(async ({ textDocument, position }) => {
      const s = await this.snapshot(textDocument.uri);
      if (!s) return null;
      const offset = s.lines.offsetAt(position);
      const ref = indexOf(s).variableAt(offset);
      const layer = ref ? undefined : indexOf(s).layerVariablesAt(offset);
      const locations = ref
        ? definition(ref, s, this.uriOf(s))
        : layer
          ? creators(layer, s, this.uriOf(s))
          : [];
      return locations.length ? locations : null;
    });
    c.onReferences(async ({ textDocument, position, context }, token) => {
      const s = await this.snapshot(textDocument.uri);
      const keys = s && variableKeysAt(s, s.lines.offsetAt(position));
      if (!s || !keys) return null;
      const sites = [];
      for (const open of this.store.freshAll()) sites.push(...indexedSites(open, this.uriOf(open)));
      sites.push(...(await this.workspace.sites(token)));
      return references(keys, sites, context.includeDeclaration, token);
    });
    c.onDocumentHighlight(async ({ textDocument, position }) => {
      const s = await this.snapshot(textDocument.uri);
      const keys = s && variableKeysAt(s, s.lines.offsetAt(position));
      return s && keys ? highlights(s, keys) : null;
    });
    c.onCodeLens(async ({ textDocument }) => {
      const s = await this.snapshot(textDocument.uri);
      return s ? codeLenses(s) : [];
    });
    c.onCodeAction(async ({ textDocument, context }) => {
      if (context.only && !context.only.some((k) => CodeActionKind.QuickFix.startsWith(k)))
        return [];
      const s = await this.snapshot(textDocument.uri);
      return s ? this.fixes.actions(s, context.diagnostics) : [];
    });
    c.languages.inlayHint.on(async ({ textDocument, range }) => {
      if (!this.settings.inlayHints.enabled) return [];
      const s = await this.snapshot(textDocument.uri);
      return s ? inlayHints(s, range) : [];
    });
    c.onDocumentSymbol(async ({ textDocument }) => {
      const s = await this.snapshot(textDocument.uri);
      return s ? documentSymbols(s) : [];
    });

    c.onRequest(ANALYSIS_REQUEST, async (params: AnalysisParams): Promise<AnalysisResult> => {
      const s = await this.snapshot(params.textDocument.uri);
      return s ? { uri: s.uri, version: s.version, analysis: s.analysis } : null;
    });
    c.onRequest(
      VARIABLE_AT_REQUEST,
      async (params: VariableAtParams): Promise<VariableAtResult> => {
        const s = await this.snapshot(params.textDocument.uri);
        const names = s && variableNamesAt(s, s.lines.offsetAt(params.position));
        return names?.length ? { name: names[0], names } : null;
      },
    );
    c.onRequest(
      SET_CHECKPOINT_REQUEST,
      async (params: SetCheckpointParams): Promise<SetCheckpointResult> => {
        await this.ready;
        this.checkpoint.choose(params?.path ?? null);
        await this.checkpoint.prepare();
        this.republish();
        return { checkpoint: this.checkpoint.current()?.prefix ?? null };
      },
    );
    c.onRequest(CHECKPOINT_KEYS_REQUEST, async (): Promise<CheckpointKeysResult> => {
      await this.ready;
      return this.checkpoint.unclaimed(this.store.freshAll().map((s) => s.analysis));
    });
    c.onRequest(STATS_REQUEST, async (): Promise<StatsResult> => {
      await this.ready;
      const { rss, heapUsed, heapTotal } = this.platform.memoryUsage();
      const counts = this.store.counts();
      return {
        analyses: this.store.analyses,
        prepared: this.store.prepared,
        resumed: this.store.resumed,
        openDocuments: counts.open,
        analysedDocuments: counts.analysed,
        indexedFiles: this.workspace.size,
        memory: { rss, heapUsed, heapTotal },
      };
    });
  }

  private folders: WorkspaceFolder[] = [];

  private setFolders(folders: WorkspaceFolder[]): void {
    this.folders = folders;
    this.roots = folders
      .map((f) => uriToPath(f.uri))
      .filter((p): p is string => !!p)
      .map((p) => nodePath.resolve(p));
  }

  private initialize(params: InitializeParams): InitializeResult {
    this.capabilities = params.capabilities;
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    this.platform.initialize?.(options);
    if (typeof options.debounceMs === 'number' && Number.isFinite(options.debounceMs))
      this.store.setDebounce(options.debounceMs);
    if (this.platform.virtual)
      useVirtualFileSystem(params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined);
    if (params.workspaceFolders?.length) this.setFolders(params.workspaceFolders);
    else if (params.rootUri) this.setFolders([{ uri: params.rootUri, name: 'root' }]);
    else if (params.rootPath) this.roots = [nodePath.resolve(params.rootPath)];
    if (this.capabilities.workspace?.configuration) {
      // Analyses wait for the settings, so no document is first shown with the defaults.
      let release: () => void = () => {};
      this.ready = new Promise<void>((resolve) => (release = resolve));
      this.store.hold(this.ready);
      const timer = setTimeout(release, SETTINGS_WAIT_MS);
      this.settingsLoaded = () => {
        clearTimeout(timer);
        release();
      };
    }
    return {
      capabilities: {
        textDocumentSync: {
          openClose: true,
          change: TextDocumentSyncKind.Incremental,
        },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        documentSymbolProvider: true,
        codeLensProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        inlayHintProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'Scope Lens', version: VERSION },
    };
  }

  private settingsLoaded: () => void = () => {};

  private initialized(): void {
    const ws = this.capabilities.workspace;
    if (ws?.didChangeConfiguration?.dynamicRegistration)
      this.connection.client
        .register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION })
        .catch(ignore);
    if (ws?.didChangeWatchedFiles?.dynamicRegistration)
      this.connection.client
        .register(DidChangeWatchedFilesNotification.type, {
          watchers: [{ globPattern: '**/*.{py,ts,tsx,js,jsx,mjs,cjs}' }],
        })
        .catch(ignore);
    if (ws?.workspaceFolders)
      this.connection.workspace.onDidChangeWorkspaceFolders((e) => {
        const removed = new Set(e.removed.map((f) => f.uri));
        const kept = this.folders.filter((f) => !removed.has(f.uri));
        this.setFolders([...kept, ...e.added]);
        this.workspace.invalidate();
        this.store.reanalyseAll(true);
      });
    void this.loadSettings(undefined);
  }

  /** Publishes every open document's current analysis again (settings or checkpoint changed). */
  private republish(): void {
    for (const doc of this.store.all()) {
      const s = this.store.current(doc.uri);
      if (s) this.publish(s.uri, s.version, s.analysis);
    }
  }

  /** Reads `scopeLens.*` (from the client, or from a didChangeConfiguration push). */
  private async loadSettings(pushed: unknown): Promise<void> {
    let raw: unknown;
    if (this.capabilities.workspace?.configuration) {
      try {
        raw = await this.connection.workspace.getConfiguration(SETTINGS_SECTION);
      } catch (e) {
        this.connection.console.error(`Scope Lens: cannot read the settings: ${String(e)}`);
      }
    } else {
      raw = (pushed as Record<string, unknown> | undefined)?.[SETTINGS_SECTION];
    }
    const next = normalizeSettings(raw);
    const previous = this.settings;
    this.settings = next;
    this.checkpoint.configure(next.checkpoint, this.roots);
    await this.checkpoint.prepare();
    this.settingsLoaded();
    if (analysisChanged(previous, next)) {
      this.workspace.invalidate();
      this.store.reanalyseAll(true);
    } else {
      // Severities or the checkpoint only: publish the analyses again.
      this.republish();
    }
    if (
      previous.inlayHints.enabled !== next.inlayHints.enabled &&
      this.capabilities.workspace?.inlayHint?.refreshSupport
    )
      this.connection.languages.inlayHint.refresh().catch(ignore);
  }
}
