/**
 * Export Variable Names: the active file's predicted variables as JSON or CSV (RFC 4180: CRLF
 * line ends, fields with commas, quotes or line breaks quoted). Editor-free.
 */
import type { Summary } from './summary';

export type ExportFormat = 'json' | 'csv';

export interface ExportedVariable {
  readonly name: string;
  readonly shape: string;
  readonly dtype: string;
  /** Null when the shape is not known statically. */
  readonly parameters: number | null;
  /** 1-based line of the creating call (in `file` when another module creates it). */
  readonly line: number;
  readonly file?: string;
  readonly certain: boolean;
}

export function exportedVariables(summary: Summary): ExportedVariable[] {
  return summary.variables.map((v) => ({
    name: v.name,
    shape: v.shape,
    dtype: v.dtype,
    parameters: v.parameters,
    line: v.place.line,
    ...(v.place.file !== undefined ? { file: v.place.file } : {}),
    certain: v.certain,
  }));
}

/** The export's text. `source` is the file the variables are of (a path or URI, as shown). */
export function formatExport(summary: Summary, format: ExportFormat, source: string): string {
  const variables = exportedVariables(summary);
  if (format === 'json') {
    const total = summary.root.parameters;
    return (
      JSON.stringify(
        { source, parameters: total, parametersPartial: summary.root.partial, variables },
        null,
        2,
      ) + '\n'
    );
  }
  const rows = [['name', 'shape', 'dtype', 'parameters', 'file', 'line', 'certain']];
  for (const v of variables) {
    rows.push([
      v.name,
      v.shape,
      v.dtype,
      v.parameters === null ? '' : String(v.parameters),
      v.file ?? '',
      String(v.line),
      String(v.certain),
    ]);
  }
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
