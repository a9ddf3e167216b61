export interface BackoffOptions {
  /** First wait after a drop. */
  initialMs?: number;
  /** Longest wait between attempts. */
  maxMs?: number;
  /** Random spread, as a fraction of the wait, so many connectors do not retry in step. */
  jitter?: number;
}

/** Exponential backoff with jitter for reconnection attempts; `reset` once back online. */
export class Backoff {
  private attempt = 0;

  constructor(
    private readonly options: BackoffOptions = {},
    private readonly random: () => number = Math.random,
  ) {}

  next(): { attempt: number; waitMs: number } {
    this.attempt += 1;
    const initial = this.options.initialMs ?? 500;
    const max = this.options.maxMs ?? 30_000;
    const base = Math.min(max, initial * 2 ** Math.min(this.attempt - 1, 20));
    const spread = this.options.jitter ?? 0.2;
    const waitMs = Math.round(base * (1 - spread + 2 * spread * this.random()));
    return { attempt: this.attempt, waitMs: Math.min(max, waitMs) };
  }

  reset(): void {
    this.attempt = 0;
  }
}
