import { describe, expect, it } from "vitest";
import { afterFailure, lockRemainingMs, type ThrottleState } from "./throttlePolicy";

const rule = { limit: 3, windowMs: 15 * 60_000, baseLockMs: 60_000, maxLockMs: 3_600_000 };
const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms);

describe("sign-in throttle rule", () => {
  it("locks at the limit and doubles the lock with every further failure, up to the cap", () => {
    let state: ThrottleState | null = null;
    const locks: number[] = [];
    for (let i = 0; i < 10; i++) {
      state = afterFailure(state, rule, at(i));
      locks.push(lockRemainingMs(state, at(i)));
    }
    expect(locks.slice(0, 2)).toEqual([0, 0]);
    expect(locks.slice(2, 6)).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(Math.max(...locks)).toBe(3_600_000);
  });

  it("starts again after the window when no lock is running, never during a lock", () => {
    const first = afterFailure(null, rule, at(0));
    expect(afterFailure(first, rule, at(rule.windowMs)).failures).toBe(1);
    expect(afterFailure(first, rule, at(rule.windowMs - 1)).failures).toBe(2);
    const locked: ThrottleState = {
      failures: 5,
      windowStartedAt: at(0),
      lockedUntil: at(rule.windowMs + 10),
    };
    expect(afterFailure(locked, rule, at(rule.windowMs + 1)).failures).toBe(6);
    expect(lockRemainingMs(locked, at(rule.windowMs + 20))).toBe(0);
  });
});
