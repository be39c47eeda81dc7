/**
 * The Variables view (Explorer): the active file's variable scopes and the variables created in
 * them, with shapes and parameter counts per variable, per scope and in total — a static
 * `model.summary()` of what the analyzer predicts. Clicking an item opens the call that creates
 * the variable (or enters the scope). It follows the active editor and its edits, asking the
 * language server for `scopeLens/analysis` (edits are debounced).
 *
 * The view holds no analysis of its own: the tree is `model/summary.ts` over the server's answer.
 */
import * as vscode from 'vscode';
import type { ScopeLensClient } from './client';
import { isSupportedLanguage } from './config';
import {
  formatCount,
  nodeAtLine,
  ScopeNode,
  SourcePlace,
  summarize,
  Summary,
  TreeNode,
  VariableNode,
} from './model/summary';

export const VARIABLES_VIEW = 'scopeLens.variables';
const EDIT_DEBOUNCE_MS = 300;

/** What the tests read: the tree as plain data. */
export interface TreeSnapshot {
  readonly label: string;
  readonly description?: string;
  readonly children?: TreeSnapshot[];
}

/** The first row: the total, which a `model.summary()` prints last. */
interface TotalNode {
  readonly kind: 'total';
}

type Element = TreeNode | TotalNode;

export class VariablesView implements vscode.TreeDataProvider<Element>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Element | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: vscode.TreeView<Element>;
  private readonly subscriptions: vscode.Disposable[] = [];
  private summary: Summary | null = null;
  private uri: vscode.Uri | null = null;
  private version = -1;
  private timer: NodeJS.Timeout | undefined;
  /** Bumped per refresh, so a slow answer for an older state is dropped. */
  private generation = 0;
  private pending: Promise<void> = Promise.resolve();

  constructor(private readonly client: ScopeLensClient) {
    this.view = vscode.window.createTreeView(VARIABLES_VIEW, {
      treeDataProvider: this,
      showCollapseAll: true,
    });
    this.subscriptions.push(
      this.view,
      this.changed,
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh()),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.uri && e.document.uri.toString() === this.uri.toString()) this.refreshSoon();
      }),
      client.onDidChangeState(() => this.refresh()),
    );
    this.refresh();
  }

  /** The summary shown now (null: nothing to show). */
  get current(): { uri: vscode.Uri; version: number; summary: Summary } | null {
    return this.summary && this.uri
      ? { uri: this.uri, version: this.version, summary: this.summary }
      : null;
  }

  /** Re-reads the analysis of the active editor's document; resolves when the tree is updated. */
  refresh(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const generation = ++this.generation;
    this.pending = this.load(generation);
    return this.pending;
  }

  /** Waits for the refresh in flight (tests). */
  settled(): Promise<void> {
    return this.pending;
  }

  /** Selects the scope entered, or the variable created, on a 0-based line of `uri`. */
  async reveal(uri: vscode.Uri, line: number): Promise<boolean> {
    if (!this.uri || this.uri.toString() !== uri.toString()) {
      await vscode.window.showTextDocument(uri, { preserveFocus: true, preview: false });
      await this.refresh();
    }
    if (!this.summary) return false;
    const node = nodeAtLine(this.summary, line) ?? this.summary.root.children[0];
    if (!node) return false;
    await this.view.reveal(node, { select: true, focus: true, expand: true });
    return true;
  }

  getTreeItem(element: Element): vscode.TreeItem {
    if (element.kind === 'total') {
      const root = this.summary!.root;
      const item = new vscode.TreeItem(
        `Total: ${formatCount(root.parameters, root.partial)} parameters`,
      );
      item.description = `${root.variableCount} variable${root.variableCount === 1 ? '' : 's'}`;
      item.iconPath = new vscode.ThemeIcon('symbol-numeric');
      item.id = this.nodeId('total');
      item.contextValue = 'scopeLens.total';
      return item;
    }
    if (element.kind === 'scope') return this.scopeItem(element);
    return this.variableItem(element);
  }

  getChildren(element?: Element): Element[] {
    if (!this.summary) return [];
    if (!element) {
      const total: TotalNode = { kind: 'total' };
      return this.summary.variables.length > 0 ? [total, ...this.summary.root.children] : [];
    }
    return element.kind === 'scope' ? element.children : [];
  }

  getParent(element: Element): Element | undefined {
    if (element.kind === 'total') return undefined;
    const parent = element.parent;
    return parent && parent.path !== '' ? parent : undefined;
  }

  /** The tree as plain data, expanded fully (tests). */
  snapshot(): TreeSnapshot[] {
    const walk = (elements: Element[]): TreeSnapshot[] =>
      elements.map((e) => {
        const item = this.getTreeItem(e);
        const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
        const children = this.getChildren(e);
        return {
          label,
          ...(typeof item.description === 'string' ? { description: item.description } : {}),
          ...(children.length > 0 ? { children: walk(children) } : {}),
        };
      });
    return walk(this.getChildren());
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
  }

  private refreshSoon(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), EDIT_DEBOUNCE_MS);
  }

  private async load(generation: number): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    const document = editor?.document;
    if (!document || !isSupportedLanguage(document.languageId)) {
      // Another kind of editor (or the output panel) keeps the last file's tree.
      if (!this.summary) this.show(null, null, -1, 'Open a Python, TypeScript or JavaScript file.');
      return;
    }
    const unavailable = this.client.unavailableReason();
    if (unavailable && this.client.state !== 'starting') {
      this.show(null, document.uri, -1, unavailable);
      return;
    }
    let answer;
    try {
      answer = await this.client.analysis(document.uri);
    } catch (error) {
      if (generation !== this.generation) return;
      this.show(null, document.uri, -1, `The analysis failed: ${String(error)}`);
      return;
    }
    if (generation !== this.generation) return;
    if (!answer) {
      this.show(
        null,
        document.uri,
        -1,
        this.client.unavailableReason() ?? 'No analysis for this file.',
      );
      return;
    }
    const summary = summarize(answer.analysis);
    const message =
      summary.variables.length === 0 ? 'This file creates no variables with get_variable.' : '';
    this.show(summary, document.uri, answer.version, message);
  }

  private show(
    summary: Summary | null,
    uri: vscode.Uri | null,
    version: number,
    message: string,
  ): void {
    this.summary = summary;
    this.uri = uri;
    this.version = version;
    this.view.message = message || undefined;
    this.view.description = summary
      ? `${formatCount(summary.root.parameters, summary.root.partial)} parameters`
      : undefined;
    this.changed.fire(undefined);
  }

  /**
   * Tree item ids are per document: VS Code keeps a node's state (expanded, its children) by id,
   * and scope `model` of one file is not scope `model` of another.
   */
  private nodeId(local: string): string {
    return `${this.uri?.toString() ?? ''}#${local}`;
  }

  private scopeItem(scope: ScopeNode): vscode.TreeItem {
    const item = new vscode.TreeItem(scope.label, vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.nodeId(`scope:${scope.path}`);
    item.description = `${formatCount(scope.parameters, scope.partial)} params · ${scope.variableCount} var${scope.variableCount === 1 ? '' : 's'}`;
    item.tooltip = new vscode.MarkdownString(
      `**${scope.path}/**\n\n${formatCount(scope.parameters, scope.partial)} parameters in ${scope.variableCount} variables`,
    );
    item.iconPath = new vscode.ThemeIcon('symbol-namespace');
    item.contextValue = 'scopeLens.scope';
    if (scope.place) item.command = this.openCommand(scope.place, 'Go to the variable_scope call');
    return item;
  }

  private variableItem(v: VariableNode): vscode.TreeItem {
    const item = new vscode.TreeItem(v.label, vscode.TreeItemCollapsibleState.None);
    item.id = this.nodeId(`var:${v.name}`);
    item.description = `${v.shape} · ${formatCount(v.parameters)}${v.certain ? '' : ' · possible'}`;
    const where = v.place.file ? `${v.place.file}:${v.place.line}` : `line ${v.place.line}`;
    item.tooltip = new vscode.MarkdownString(
      [
        `**${v.name}**`,
        '',
        `shape \`${v.shape}\` · dtype \`${v.dtype}\` · ${formatCount(v.parameters)} parameters`,
        '',
        `created at ${where}${v.reusedAt.length ? `; reused at line ${v.reusedAt.join(', ')}` : ''}`,
        v.certain ? '' : '\n\n_Possible: created on some paths only, or under an assumption._',
      ].join('\n'),
    );
    item.iconPath = new vscode.ThemeIcon(v.certain ? 'symbol-variable' : 'question');
    item.contextValue = 'scopeLens.variable';
    item.command = this.openCommand(v.place, 'Go to the get_variable call');
    return item;
  }

  private openCommand(place: SourcePlace, title: string): vscode.Command {
    const base = this.uri!;
    const uri = place.file ? vscode.Uri.file(place.file) : base;
    const at = new vscode.Position(Math.max(0, place.line - 1), Math.max(0, place.column - 1));
    return {
      title,
      command: 'vscode.open',
      arguments: [uri, { selection: new vscode.Range(at, at), preserveFocus: false }],
    };
  }
}
