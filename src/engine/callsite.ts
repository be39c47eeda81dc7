/**
 * Where user code created a variable, for TF's "Originally defined at:".
 *
 * TF appends "Originally defined at:" and a short traceback to the "already exists" error.
 * Capturing a JavaScript stack costs 10-20 µs per variable in a program that holds thousands of
 * tensors (measured with `npm run bench`), more than creating a small variable, so the library
 * does not capture by default: the message then ends after "Originally defined at:" (its first
 * line, which is what TF's message is compared on, is unchanged). `captureCallSites(true)` turns
 * capture on; the runners Scope Lens itself uses (CLI, editor) do. A capture renders the frames
 * outside Scope Lens and TensorFlow.js as Python's `traceback.format_list` renders frames,
 * innermost first, at most five, as TF does, and is formatted only when read.
 *
 * A host that runs another language on the engine (the Python runtime) installs its own
 * provider with `setCallSiteProvider`, so the locations point into the user's Python file.
 */
import { SourceLocation } from '../core/errors';

export interface CallSite {
  readonly location: SourceLocation | undefined;
  readonly traceback: string;
}

/** `kind` says which public API call is creating the variable (see `setBoundary`). */
export type CallSiteProvider = (kind: BoundaryKind) => CallSite | undefined;

export type BoundaryKind = 'getVariable' | 'variable';

const noCapture: CallSiteProvider = () => undefined;
let provider: CallSiteProvider = noCapture;

// The public API functions through which variables get created. V8 drops every frame above (and
// including) the boundary, so the captured frames start in user code and none are wasted on
// Scope Lens's own call chain; that keeps capturing cheap enough to do on every creation.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
const boundaries: Partial<Record<BoundaryKind, Function>> = {};

/** Registers the public function through which user code creates variables of `kind`. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export function setBoundary(kind: BoundaryKind, fn: Function): void {
  boundaries[kind] = fn;
}

/** Replaces how call sites are captured (the Python runtime points them at Python frames). */
export function setCallSiteProvider(p: CallSiteProvider | null): void {
  provider = p ?? noCapture;
}

/** Turns capturing JavaScript call sites for new variables on or off (default off). */
export function captureCallSites(enabled: boolean): void {
  provider = enabled ? captureJsCallSite : noCapture;
}

export function captureCallSite(kind: BoundaryKind): CallSite | undefined {
  return provider(kind);
}

const INTERNAL =
  /[\\/](node_modules[\\/]@tensorflow|src[\\/](engine|core)|out[\\/]src[\\/](engine|core)|dist[\\/]index\.js)|^node:|^internal[\\/]/;

interface Frame {
  file: string;
  line: number;
  column: number;
  fn: string;
}

class JsCallSite implements CallSite {
  private frames: Frame[] | undefined;
  constructor(private readonly holder: { stack?: string }) {}

  private userFrames(): Frame[] {
    if (!this.frames) {
      const text = this.holder.stack ?? '';
      const frames: Frame[] = [];
      for (const raw of text.split('\n').slice(1)) {
        const m = /^\s*at (?:(.*?) \()?(.*?):(\d+):(\d+)\)?$/.exec(raw);
        if (!m) continue;
        const file = m[2];
        if (INTERNAL.test(file)) continue;
        frames.push({ file, line: Number(m[3]), column: Number(m[4]), fn: m[1] ?? '<module>' });
        if (frames.length === 5) break;
      }
      this.frames = frames;
    }
    return this.frames;
  }

  get location(): SourceLocation | undefined {
    const f = this.userFrames()[0];
    return f ? { file: f.file, line: f.line, column: f.column } : undefined;
  }

  get traceback(): string {
    return this.userFrames()
      .map((f) => `  File "${f.file}", line ${f.line}, in ${f.fn}\n`)
      .join('');
  }
}

/** TF keeps five user frames; a few more leave room for frames of ours between user frames. */
const FRAMES = 8;

function captureJsCallSite(kind: BoundaryKind): CallSite {
  const holder: { stack?: string } = {};
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = FRAMES;
  try {
    Error.captureStackTrace(holder, boundaries[kind] ?? captureCallSite);
  } finally {
    Error.stackTraceLimit = limit;
  }
  return new JsCallSite(holder);
}
