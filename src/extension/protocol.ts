/**
 * The custom requests between this client and the Scope Lens language server (dist/server.js),
 * besides the standard LSP features. Method names and shapes only: the server implements them
 * (src/server/protocol.ts on the server's side; when both are in one tree, one of the two files
 * should import the other). Positions and lines are LSP's: 0-based, UTF-16 columns.
 *
 *   scopeLens/analysis    { textDocument: { uri } }            → AnalysisResult | null
 *   scopeLens/variableAt  { textDocument: { uri }, position }  → VariableAtResult | null
 *
 * The client-side command the server's code lenses carry is `scopeLens.revealVariables` with
 * arguments `[uri: string, line: number]` (`line` 0-based, the line of the lens).
 */
import type { Analysis } from '../analyzer/analyze';

export type { Analysis } from '../analyzer/analyze';

export interface TextDocumentIdentifier {
  readonly uri: string;
}

export interface LspPosition {
  /** 0-based. */
  readonly line: number;
  /** 0-based, UTF-16 code units. */
  readonly character: number;
}

export const ANALYSIS_REQUEST = 'scopeLens/analysis';

export interface AnalysisParams {
  readonly textDocument: TextDocumentIdentifier;
}

/** The analysis of an open document (docs/analysis-schema.md), for the version it was made of. */
export interface AnalysisResult {
  readonly uri: string;
  readonly version: number;
  readonly analysis: Analysis;
}

export const VARIABLE_AT_REQUEST = 'scopeLens/variableAt';

export interface VariableAtParams {
  readonly textDocument: TextDocumentIdentifier;
  readonly position: LspPosition;
}

/** The full name of the variable at a position; `names` has every name it may have. */
export interface VariableAtResult {
  readonly name: string;
  readonly names: string[];
}

/** The code lens command the server emits, registered by this client. */
export const REVEAL_VARIABLES_COMMAND = 'scopeLens.revealVariables';
