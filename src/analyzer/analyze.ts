/**
 * The analyzer's entry point (version 0): Python source in, the predicted outcome of every
 * `get_variable` call out, in execution order, in the shape of `../shared/conformance/*.static.json`
 * events. Never throws on user code.
 */
import { firstLine } from '../core/errors';
import { LineMap } from './ir';
import { interpret } from './interpreter/interpreter';
import { lowerPython } from './python/lower';

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

export interface PythonAnalysis {
  readonly events: StaticEvent[];
  /** False when the interpreter stopped early (budget or an internal limit). */
  readonly complete: boolean;
}

export function analyzePython(source: string): PythonAnalysis {
  try {
    const { module } = lowerPython(source);
    const lines = new LineMap(source);
    const result = interpret(module);
    const events = result.events.map((e): StaticEvent => {
      const line = lines.position(e.at.span.from).line;
      if (e.action === 'raise') {
        const err = e.error ? `${e.error.pyClass}: ${firstLine(e.error.message)}` : undefined;
        return { line, name: e.name, action: 'raise', error: err };
      }
      return { line, name: e.name, key: e.key, action: e.action };
    });
    return { events, complete: result.complete };
  } catch {
    return { events: [], complete: false };
  }
}
