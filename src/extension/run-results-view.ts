/**
 * The Run results view (a webview in the panel): the variables the last run created — name,
 * shape, dtype, trainable, collections, parameter count — and, for the selected variable, a
 * histogram of its values with mean, std, min and max; for a variable the run trained (changed
 * after a session first initialized it), the histogram before training too, on the same axis.
 *
 * The webview is locked down: CSP `default-src 'none'`, its one script and stylesheet from
 * media/ by `asWebviewUri` (the script with a per-load nonce), `localResourceRoots` = media/,
 * no remote content. Values stay in the extension; the webview gets rows and binned counts.
 */
import * as vscode from 'vscode';
import { formatShape } from '../core/shape';
import type { RunVariable } from '../runtime/protocol';
import { histogram, valueRange } from './model/histogram';
import type { RunRecord, RunService } from './run';
import type { FromWebview, HistogramMessage, ResultsMessage, ToWebview } from './webview-protocol';

export const RUN_RESULTS_VIEW = 'scopeLens.runResults';
const BINS = 30;

export class RunResultsView implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | null = null;
  private ready = false;
  private selected: string | null = null;
  private readonly subscriptions: vscode.Disposable[] = [];
  /** Every message posted to the webview (the last 50), for the tests. */
  readonly posted: ToWebview[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly runs: RunService,
  ) {
    this.subscriptions.push(
      vscode.window.registerWebviewViewProvider(RUN_RESULTS_VIEW, this),
      runs.onDidFinishRun((record) => {
        this.selected = record.variables[0]?.name ?? null;
        this.update();
      }),
    );
  }

  get resolved(): boolean {
    return this.view !== null;
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.ready = false;
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    view.webview.options = { enableScripts: true, localResourceRoots: [media] };
    view.webview.html = this.html(view.webview, media);
    view.webview.onDidReceiveMessage((message: FromWebview) => this.receive(message));
    view.onDidDispose(() => {
      if (this.view === view) this.view = null;
    });
  }

  /** Selects a variable of the last run (as a click in the view does). */
  select(name: string): boolean {
    if (!this.runs.lastRun?.variables.some((v) => v.name === name)) return false;
    this.selected = name;
    this.update();
    return true;
  }

  /** The messages the view shows now: the rows and the selected variable's histogram. */
  model(): { results: ResultsMessage; histogram: HistogramMessage | null } {
    const run = this.runs.lastRun;
    const variable = run?.variables.find((v) => v.name === this.selected);
    return {
      results: resultsMessage(run, this.selected),
      histogram: variable ? histogramMessage(variable) : null,
    };
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }

  private receive(message: FromWebview): void {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.update();
        return;
      case 'select':
        this.select(message.name);
        return;
    }
  }

  private update(): void {
    if (!this.view || !this.ready) return;
    const { results, histogram } = this.model();
    this.post(results);
    if (histogram) this.post(histogram);
  }

  private post(message: ToWebview): void {
    this.posted.push(message);
    if (this.posted.length > 50) this.posted.splice(0, this.posted.length - 50);
    void this.view?.webview.postMessage(message);
  }

  private html(webview: vscode.Webview, media: vscode.Uri): string {
    const nonce = makeNonce();
    const script = webview.asWebviewUri(vscode.Uri.joinPath(media, 'run-results.js'));
    const style = webview.asWebviewUri(vscode.Uri.joinPath(media, 'run-results.css'));
    const csp = [
      "default-src 'none'",
      `style-src ${webview.cspSource}`,
      `script-src 'nonce-${nonce}'`,
      `img-src ${webview.cspSource}`,
    ].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link href="${style}" rel="stylesheet">
<title>Run results</title>
</head>
<body>
<p id="status">Run a file (Scope Lens: Run File) to see the variables it creates.</p>
<table id="variables" hidden>
<thead><tr><th>name</th><th>shape</th><th>dtype</th><th>trainable</th><th>collections</th><th class="num">parameters</th></tr></thead>
<tbody></tbody>
</table>
<section id="detail" hidden>
<h2 id="detail-name"></h2>
<section id="before" hidden>
<h3>before training</h3>
<div id="histogram-before" class="histogram" role="img"></div>
<dl id="stats-before" class="stats"></dl>
<h3>after training</h3>
</section>
<div id="histogram" class="histogram" role="img"></div>
<p id="axis"></p>
<dl id="stats" class="stats"></dl>
</section>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
  }
}

export function resultsMessage(
  run: RunRecord | undefined,
  selected: string | null,
): ResultsMessage {
  if (!run) return { type: 'results', run: null, rows: [], selected: null };
  const rows = run.variables.map((v) => ({
    name: v.name,
    shape: formatShape(v.shape),
    dtype: v.dtype,
    trainable: v.trainable,
    collections: v.collections,
    parameters: v.size,
    stats: v.stats,
  }));
  return {
    type: 'results',
    run: {
      label: run.label,
      status: run.status,
      seconds: run.durationMs / 1000,
      totalParameters: rows.reduce((n, r) => n + r.parameters, 0),
    },
    rows,
    selected,
  };
}

export function histogramMessage(v: RunVariable): HistogramMessage {
  const initial = v.initial;
  const trained =
    initial !== undefined &&
    (!sameValues(initial.values, v.values) ||
      JSON.stringify(initial.stats) !== JSON.stringify(v.stats));
  const range = trained ? valueRange(initial.values, v.values) : null;
  return {
    type: 'histogram',
    name: v.name,
    histogram: histogram(v.values, BINS, range ?? undefined),
    stats: v.stats,
    sampled: v.values.length,
    size: v.size,
    ...(trained
      ? {
          before: {
            histogram: histogram(initial.values, BINS, range ?? undefined),
            stats: initial.stats,
          },
        }
      : {}),
  };
}

function sameValues(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/** A script nonce: 16 random bytes as hex (Web Crypto, on the desktop and in the browser). */
function makeNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
