/**
 * The Checkpoint Keys view (explorer): with a checkpoint selected (`scopeLens.checkpoint`, or
 * Compare with Checkpoint…), the variables it stores that no open document creates — what a
 * restore would leave unused, or what the code forgot to build. Read from the server
 * (`scopeLens/checkpointKeys`), refreshed when documents or the checkpoint change.
 */
import * as vscode from 'vscode';
import type { ScopeLensClient } from './client';

export const CHECKPOINT_VIEW = 'scopeLens.checkpointKeys';

export interface KeyItem {
  readonly name: string;
  readonly dtype: string;
  readonly shape: readonly number[];
}

export class CheckpointView implements vscode.TreeDataProvider<KeyItem>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<KeyItem | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: vscode.TreeView<KeyItem>;
  private readonly subscriptions: vscode.Disposable[] = [];
  private keys: KeyItem[] = [];
  private checkpoint: string | null = null;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly client: ScopeLensClient) {
    this.view = vscode.window.createTreeView(CHECKPOINT_VIEW, { treeDataProvider: this });
    this.subscriptions.push(
      this.view,
      this.changed,
      vscode.workspace.onDidChangeTextDocument(() => this.refreshSoon()),
      vscode.workspace.onDidOpenTextDocument(() => this.refreshSoon()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('scopeLens.checkpoint')) this.refreshSoon();
      }),
      client.onDidChangeState(() => this.refreshSoon()),
    );
  }

  /** What the view shows now (for the editor tests). */
  snapshot(): { checkpoint: string | null; keys: KeyItem[] } {
    return { checkpoint: this.checkpoint, keys: [...this.keys] };
  }

  private refreshSoon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), 400);
  }

  async refresh(): Promise<void> {
    const result = await this.client.checkpointKeys().catch(() => null);
    this.checkpoint = result?.checkpoint ?? null;
    this.keys = result ? result.keys.map((k) => ({ ...k })) : [];
    this.view.message = this.checkpoint
      ? `${this.keys.length} variable${this.keys.length === 1 ? '' : 's'} of ${this.checkpoint} that no open file creates`
      : 'No checkpoint selected: set scopeLens.checkpoint or run Scope Lens: Compare with Checkpoint…';
    this.changed.fire(undefined);
  }

  getTreeItem(k: KeyItem): vscode.TreeItem {
    const item = new vscode.TreeItem(k.name, vscode.TreeItemCollapsibleState.None);
    item.description = `${k.dtype} [${k.shape.join(', ')}]`;
    item.tooltip = `${k.name}: ${k.dtype} [${k.shape.join(', ')}] — in the checkpoint, created by no open file`;
    return item;
  }

  getChildren(k?: KeyItem): KeyItem[] {
    return k ? [] : this.keys;
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.subscriptions) d.dispose();
  }
}
