/**
 * The analyzer's entry point and result model: Python source in; out, the predicted outcome of
 * every `get_variable` call (in execution order, as `.static.json` events, and grouped by call
 * site), the variables the program creates, and diagnostics for the errors TF would raise and
 * the program does not catch. Never throws on user code.
 *
 * The result is plain data (JSON-serialisable); the CLI prints it and `docs/analysis-schema.md`
 * documents its JSON form.
 */
import { ERROR_CODES, ErrorCode, firstLine } from '../core/errors';
import { formatShape, Shape } from '../core/shape';
import { LineMap, Position, Span } from './ir';
import { interpret } from './interpreter/interpreter';
import type { VariableEvent } from './interpreter/tf-model';
import { lowerPython } from './python/lower';
import { CATALOG } from './diagnostics/catalog';

export interface StaticEvent {
  /** 1-based line of the `get_variable` call. */
  readonly line: number;
  /** `scope/v:0` for create/reuse; the full name asked for (no `:0`) for raise. */
  readonly name: string;
  readonly key?: string;
  readonly action: 'create' | 'reuse' | 'raise';
  /** `ValueError: <TF's first line>` for raise. */
  readonly error?: string;
}

export interface Outcome {
  readonly name: string;
  readonly action: 'create' | 'reuse' | 'raise';
  /** `ValueError: <TF's first line>` for raise. */
  readonly error?: string;
  readonly code?: ErrorCode;
  /** An enclosing `try` of the program catches the error. */
  readonly handled: boolean;
  /** True when it happens on every path through the program (version 0: always). */
  readonly certain: boolean;
  /** TF's `str(shape)`, e.g. `(3, 3)`, for create/reuse. */
  readonly shape?: string;
  readonly dtype?: string;
}

export interface CallSite {
  readonly start: Position;
  readonly end: Position;
  readonly outcomes: Outcome[];
}

export interface RelatedInformation {
  readonly message: string;
  readonly start: Position;
  readonly end: Position;
}

export interface Diagnostic {
  readonly code: string;
  readonly severity: 'error' | 'warning' | 'information';
  readonly message: string;
  readonly start: Position;
  readonly end: Position;
  /** The other site: for a clash or a sharing mismatch, the call that created the variable. */
  readonly related?: RelatedInformation[];
}

export interface VariableInfo {
  /** `scope/v:0`. */
  readonly name: string;
  readonly key: string;
  readonly shape: string;
  readonly dtype: string;
  /** 1-based line of the call that created it. */
  readonly createdAt: number;
  readonly reusedAt: number[];
}

export interface PythonAnalysis {
  readonly events: StaticEvent[];
  readonly callSites: CallSite[];
  readonly variables: VariableInfo[];
  readonly diagnostics: Diagnostic[];
  /** False when the interpreter stopped early (budget or an internal limit). */
  readonly complete: boolean;
}

/** Errors about an existing variable, whose creation is the related site. */
const SHARING_ERRORS = new Set<string>([
  ERROR_CODES.variableExists,
  ERROR_CODES.shapeMismatch,
  ERROR_CODES.dtypeMismatch,
  ERROR_CODES.partitionedExists,
  ERROR_CODES.partitionedShapeMismatch,
  ERROR_CODES.partitionedDtypeMismatch,
  ERROR_CODES.partitionsMismatch,
]);

const EMPTY: PythonAnalysis = {
  events: [],
  callSites: [],
  variables: [],
  diagnostics: [],
  complete: false,
};

export function analyzePython(source: string): PythonAnalysis {
  try {
    const { module } = lowerPython(source);
    const lines = new LineMap(source);
    const result = interpret(module);
    const analysis = build(result.events, result.entryEvents, lines, result.complete);
    for (const n of result.notes) {
      const entry = CATALOG[n.key];
      analysis.diagnostics.push({
        code: entry.code,
        severity: entry.severity,
        message: entry.message(n.holes),
        start: lines.position(n.at.span.from),
        end: lines.position(n.at.span.to),
      });
    }
    analysis.diagnostics.sort(
      (a, b) => a.start.line - b.start.line || a.start.column - b.start.column,
    );
    return analysis;
  } catch {
    return EMPTY;
  }
}

function errorLine(e: VariableEvent): string | undefined {
  return e.error ? `${e.error.pyClass}: ${firstLine(e.error.message)}` : undefined;
}

function shapeText(shape: Shape | undefined): string | undefined {
  return shape === undefined ? undefined : formatShape(shape);
}

function build(
  events: VariableEvent[],
  entryEvents: VariableEvent[],
  lines: LineMap,
  complete: boolean,
): PythonAnalysis {
  const staticEvents: StaticEvent[] = [];
  const sites = new Map<string, { span: Span; outcomes: Outcome[] }>();
  const variables = new Map<string, VariableInfo>();
  const diagnostics: Diagnostic[] = [];
  const seenDiagnostics = new Set<string>();
  /** Store key → the call that created it. */
  const creators = new Map<string, Span>();

  const all = [
    ...events.map((e) => ({ e, executed: true })),
    ...entryEvents.map((e) => ({ e, executed: false })),
  ];
  for (const { e, executed } of all) {
    const start = lines.position(e.at.span.from);
    const end = lines.position(e.at.span.to);
    const error = errorLine(e);
    // Only the program's own execution is an event (entry-point analyses are not).
    if (executed) {
      staticEvents.push(
        e.action === 'raise'
          ? { line: start.line, name: e.name, action: 'raise', error }
          : { line: start.line, name: e.name, key: e.key, action: e.action },
      );
    }
    const outcome: Outcome = {
      name: e.name,
      action: e.action,
      ...(error ? { error, code: e.error?.code } : {}),
      handled: e.handled,
      certain: true,
      ...(e.action !== 'raise' ? { shape: shapeText(e.shape), dtype: e.dtype?.name } : {}),
    };
    const siteKey = `${e.at.span.from}:${e.at.span.to}`;
    let site = sites.get(siteKey);
    if (!site) {
      site = { span: e.at.span, outcomes: [] };
      sites.set(siteKey, site);
    }
    if (!site.outcomes.some((o) => JSON.stringify(o) === JSON.stringify(outcome)))
      site.outcomes.push(outcome);

    if (e.action === 'create' && e.key && !creators.has(e.key)) creators.set(e.key, e.at.span);
    if (e.action === 'create' && e.key && !variables.has(e.key)) {
      variables.set(e.key, {
        name: e.name,
        key: e.key,
        shape: shapeText(e.shape) ?? '<unknown>',
        dtype: e.dtype?.name ?? '?',
        createdAt: start.line,
        reusedAt: [],
      });
    } else if (e.action === 'reuse' && e.key) {
      const v = variables.get(e.key);
      if (v && !v.reusedAt.includes(start.line)) v.reusedAt.push(start.line);
    } else if (e.action === 'raise' && !e.handled && e.error) {
      const key = `${siteKey}:${e.error.message}`;
      if (!seenDiagnostics.has(key)) {
        seenDiagnostics.add(key);
        const created = creators.get(e.name);
        const related =
          created && SHARING_ERRORS.has(e.error.code)
            ? [
                {
                  message: `${e.name} was created here`,
                  start: lines.position(created.from),
                  end: lines.position(created.to),
                },
              ]
            : undefined;
        diagnostics.push({
          code: e.error.code,
          severity: 'error',
          message: firstLine(e.error.message),
          start,
          end,
          ...(related ? { related } : {}),
        });
      }
    }
  }
  const callSites = [...sites.values()]
    .sort((a, b) => a.span.from - b.span.from)
    .map((s) => ({
      start: lines.position(s.span.from),
      end: lines.position(s.span.to),
      outcomes: s.outcomes,
    }));
  return {
    events: staticEvents,
    callSites,
    variables: [...variables.values()],
    diagnostics,
    complete,
  };
}
