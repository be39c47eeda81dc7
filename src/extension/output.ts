/**
 * The "Scope Lens" output channel, where runs stream their output. It also keeps the text written
 * (the last 1 MB) so the extension's test API can read what a person would see in the channel.
 */
import * as vscode from 'vscode';

const KEEP = 1 << 20;

export class Output implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('Scope Lens');
  private kept = '';

  append(text: string): void {
    this.channel.append(text);
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
    this.channel.dispose();
  }

  private keep(text: string): void {
    this.kept += text;
    if (this.kept.length > KEEP * 2) this.kept = this.kept.slice(-KEEP);
  }
}
