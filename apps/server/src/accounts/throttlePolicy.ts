/**
 * The sign-in throttle's rule, pure: how a key's failure count moves and when it locks. A key
 * (an account, an address, or the whole server) may fail `limit` times within `windowMs`; the
 * failure that reaches the limit locks it for `baseLockMs`, and every further failure while it
 * counts doubles the lock (exponential backoff), up to `maxLockMs`. A window that has passed,
 * with no lock running, starts again from zero.
 */
export interface ThrottleRule {
  limit: number;
  windowMs: number;
  baseLockMs: number;
  maxLockMs: number;
}

export interface ThrottleState {
  failures: number;
  windowStartedAt: Date;
  lockedUntil: Date | null;
}

export function afterFailure(
  previous: ThrottleState | null,
  rule: ThrottleRule,
  now: Date,
): ThrottleState {
  const expired =
    !previous ||
    (now.getTime() - previous.windowStartedAt.getTime() >= rule.windowMs &&
      (previous.lockedUntil === null || previous.lockedUntil <= now));
  const failures = expired ? 1 : previous.failures + 1;
  const windowStartedAt = expired ? now : previous.windowStartedAt;
  if (failures < rule.limit) return { failures, windowStartedAt, lockedUntil: null };
  const doublings = Math.min(failures - rule.limit, 20);
  const lockMs = Math.min(rule.baseLockMs * 2 ** doublings, rule.maxLockMs);
  return { failures, windowStartedAt, lockedUntil: new Date(now.getTime() + lockMs) };
}

/** Milliseconds until the key may try again (0: not locked). */
export function lockRemainingMs(state: ThrottleState | null, now: Date): number {
  if (!state?.lockedUntil) return 0;
  return Math.max(0, state.lockedUntil.getTime() - now.getTime());
}
