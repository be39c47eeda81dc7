/**
 * The custom requests between this client and the Scope Lens language server (dist/server.js),
 * besides the standard LSP features: one definition, the server's (src/server/protocol.ts, which
 * has type imports only, so importing it here loads nothing of the server).
 */
export * from '../server/protocol';
export type { Analysis } from '../analyzer/analyze';
