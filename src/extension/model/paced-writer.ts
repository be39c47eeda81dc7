/**
 * Text written to a sink in batches spaced at least `intervalMs` apart: the first write after a
 * quiet spell goes at once, what follows within the interval waits and goes as one write.
 *
 * Why the output channel needs this (VS Code 1.100, seen in code-server's web worker extension
 * host): every `OutputChannel.append` while the channel is visible starts a flush of the
 * channel's log file that reads the whole file and writes it back with the new text, and two
 * flushes are not serialised. When a second flush reads the file before the first has written
 * it, the second writes the old content plus its own text: the first's text is lost (a run's
 * printed lines vanished, its "✓ finished" line after them stayed). Spacing the writes keeps
 * one flush from starting while another is under way, and a program printing many lines costs
 * one rewrite of the file per batch instead of one per line.
 */
export class PacedWriter {
  private pending = '';
  private timer: ReturnType<typeof setTimeout> | null = null;
  private last = -Infinity;

  constructor(
    private readonly sink: (text: string) => void,
    private readonly intervalMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  write(text: string): void {
    if (text === '') return;
    this.pending += text;
    if (this.timer === null) this.due();
  }

  /** Writes now if the interval has passed, else waits for the rest of it. */
  private due(): void {
    this.timer = null;
    const wait = this.last + this.intervalMs - this.now();
    // A timer may fire a little early (Node measures it from the event loop's cached time).
    if (wait <= 0) this.flush();
    else this.timer = setTimeout(() => this.due(), Math.ceil(wait));
  }

  /** Writes what is pending now (before the channel is shown, or disposed). */
  flush(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.pending === '') return;
    const text = this.pending;
    this.pending = '';
    this.last = this.now();
    this.sink(text);
  }

  /** Whether text waits to be written. */
  get waiting(): boolean {
    return this.pending !== '';
  }
}
