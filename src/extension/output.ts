/**
 * The "Scope Lens" output channel, where runs stream their output. It also keeps the text written
 * (the last 1 MB) so the extension's test API can read what a person would see in the channel.
 * Text reaches the channel in batches at least WRITE_INTERVAL_MS apart (model/paced-writer.ts says
 * why: VS Code can lose text appended to a visible channel in quick succession).
 */
import * as vscode from 'vscode';
import { PacedWriter } from './model/paced-writer';

const KEEP = 1 << 20;
/** Below VS Code's own 300 ms between updates of a visible channel's view: no added delay. */
const WRITE_INTERVAL_MS = 250;

export class Output implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('Scope Lens');
  private readonly writer = new PacedWriter((text) => this.channel.append(text), WRITE_INTERVAL_MS);
  private kept = '';

  append(text: string): void {
    this.writer.write(text);
    this.keep(text);
  }

  appendLine(text: string): void {
    this.append(`${text}\n`);
  }

  /** Makes sure what follows starts on a new line. */
  newLine(): void {
    if (this.kept !== '' && !this.kept.endsWith('\n')) this.append('\n');
  }

  show(preserveFocus = true): void {
    this.channel.show(preserveFocus);
  }

  text(): string {
    return this.kept;
  }

  dispose(): void {
    this.writer.flush();
    this.channel.dispose();
  }

  private keep(text: string): void {
    this.kept += text;
    if (this.kept.length > KEEP * 2) this.kept = this.kept.slice(-KEEP);
  }
}
