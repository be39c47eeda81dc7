/**
 * The messages between the extension and the Run results webview (media/run-results.js), as
 * discriminated unions on `type`. Editor-free: plain data both sides can check.
 *
 *   extension → webview   `results` (the last run's variables, without their values),
 *                         `histogram` (the selected variable's values, binned)
 *   webview → extension   `ready` (the script is listening), `select` (a variable was clicked)
 */
import type { ValueStats } from '../runtime/protocol';
import type { Histogram } from './model/histogram';

export interface ResultRow {
  readonly name: string;
  /** TF's printing: `(3, 3)`. */
  readonly shape: string;
  readonly dtype: string;
  readonly trainable: boolean;
  readonly collections: string[];
  readonly parameters: number;
  readonly stats: ValueStats | null;
}

export interface ResultsMessage {
  readonly type: 'results';
  /** Null before the first run. */
  readonly run: {
    readonly label: string;
    readonly status: string;
    readonly seconds: number;
    readonly totalParameters: number;
  } | null;
  readonly rows: ResultRow[];
  /** The row whose histogram follows, if any. */
  readonly selected: string | null;
}

export interface HistogramMessage {
  readonly type: 'histogram';
  readonly name: string;
  readonly histogram: Histogram;
  readonly stats: ValueStats | null;
  /** Values binned (the run reports at most a capped number) and the variable's size. */
  readonly sampled: number;
  readonly size: number;
  /**
   * When the run changed the variable after a session first initialized it (it trained): the
   * values it started from, binned on the same axis as `histogram`.
   */
  readonly before?: {
    readonly histogram: Histogram;
    readonly stats: ValueStats | null;
  };
}

export type ToWebview = ResultsMessage | HistogramMessage;

export interface ReadyMessage {
  readonly type: 'ready';
}

export interface SelectMessage {
  readonly type: 'select';
  readonly name: string;
}

export type FromWebview = ReadyMessage | SelectMessage;
