/** Time as a port, so retention, session expiry and authorization windows are testable. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests move by hand. */
export function manualClock(start: Date = new Date("2026-01-15T10:00:00Z")) {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    set: (at: Date) => void (current = at.getTime()),
    advance: (ms: number) => void (current += ms),
  };
}
