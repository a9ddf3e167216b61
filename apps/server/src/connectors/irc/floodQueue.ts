/** One line waiting for its turn on the wire. */
interface QueuedLine {
  line: string;
  written: (error?: Error) => void;
}

export interface FloodQueueOptions {
  /** Lines that may go out back to back. */
  burst: number;
  /** One more line may go out every this many milliseconds. */
  intervalMs: number;
}

/**
 * Outgoing flood control: a token bucket in front of the socket, so the server never kills the
 * persona for "Excess Flood". Every line (the library's own PONGs and JOINs too) waits its turn;
 * `written` is called once the line went to the socket, or with an error when the connection
 * closed first (the caller decides whether to send it again after reconnecting).
 */
export class FloodQueue {
  private readonly lines: QueuedLine[] = [];
  private tokens: number;
  private refilledAt = Date.now();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly options: FloodQueueOptions,
    private readonly write: (line: string, done: () => void) => void,
  ) {
    this.tokens = options.burst;
  }

  push(line: string, written: (error?: Error) => void = () => {}): void {
    this.lines.push({ line, written });
    this.pump();
  }

  get length(): number {
    return this.lines.length;
  }

  /** The connection closed: every line still waiting is reported unwritten. */
  abandon(error: Error): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const queued of this.lines.splice(0)) queued.written(error);
  }

  private pump(): void {
    this.refill();
    while (this.lines.length > 0 && this.tokens >= 1) {
      this.tokens -= 1;
      const queued = this.lines.shift()!;
      this.write(queued.line, () => queued.written());
    }
    if (this.lines.length > 0 && !this.timer) {
      this.timer = setTimeout(
        () => {
          this.timer = undefined;
          this.pump();
        },
        Math.max(1, Math.ceil(this.options.intervalMs * (1 - this.tokens))),
      );
    }
  }

  private refill(): void {
    const now = Date.now();
    const earned = (now - this.refilledAt) / this.options.intervalMs;
    this.tokens = Math.min(this.options.burst, this.tokens + earned);
    this.refilledAt = now;
  }
}
