/**
 * The baseline of the start-up benchmark (bench/startup.ts): the smallest useful
 * vscode-languageserver server. It answers `initialize` with the capabilities Scope Lens's server
 * announces and publishes one diagnostic for each document opened: what any server built on the
 * same library must do before its first diagnostics. The benchmark bundles it with esbuild the way
 * dist/server.js is bundled, and starts both the same way (`node <bundle> --stdio`).
 */
import {
  createConnection,
  DiagnosticSeverity,
  ProposedFeatures,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';

const connection = createConnection(ProposedFeatures.all);
connection.onInitialize(() => ({
  capabilities: {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    hoverProvider: true,
  },
  serverInfo: { name: 'minimal', version: '0' },
}));
connection.onDidOpenTextDocument(({ textDocument: d }) => {
  void connection.sendDiagnostics({
    uri: d.uri,
    version: d.version,
    diagnostics: [
      {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
        severity: DiagnosticSeverity.Warning,
        message: `${d.text.length} characters`,
        source: 'minimal',
      },
    ],
  });
});
connection.listen();
