// Venue leases: several server processes share one PostgreSQL, and a network account's connection
// is held by one of them at a time. The lease row names the holder, when its claim runs out, and a
// fencing epoch that rises whenever the holder changes, so a process that lost the venue (it was
// paused, its network was cut) cannot store messages or mark deliveries with its old epoch.

/** A network account's lease as the database keeps it. */
export interface VenueLease {
  holder: string;
  epoch: number;
  expiresAt: Date;
}

/** What a process that claims (or renews) a venue gets. */
export type LeaseDecision =
  /** Nobody ever held it: the first holder, epoch 1. */
  | { kind: "acquire"; lease: VenueLease }
  /** The claimant holds it already: the same epoch, a later expiry. */
  | { kind: "renew"; lease: VenueLease }
  /** Its holder's claim ran out: the claimant takes over under the next epoch. */
  | { kind: "takeover"; lease: VenueLease; previousHolder: string }
  /** Another process holds it and its claim still runs: nothing changes. */
  | { kind: "held_elsewhere"; lease: VenueLease };

/**
 * The one rule every process follows when it claims a venue at `now` for `leaseMs`:
 *
 * - no lease yet: acquire it under epoch 1;
 * - the claimant's own lease (even one that ran out: nobody took it meanwhile, or the row would
 *   name them): renew it under the same epoch;
 * - someone else's lease that ran out (`expiresAt <= now`): take over under epoch + 1;
 * - someone else's lease that still runs: refused.
 *
 * A released lease keeps its holder and epoch and simply runs out at once, so the epoch never
 * goes back and an old holder's epoch never becomes valid again.
 */
export function decideLease(
  current: VenueLease | null,
  claimant: string,
  now: Date,
  leaseMs: number,
): LeaseDecision {
  const expiresAt = new Date(now.getTime() + leaseMs);
  if (!current) return { kind: "acquire", lease: { holder: claimant, epoch: 1, expiresAt } };
  if (current.holder === claimant) {
    return { kind: "renew", lease: { holder: claimant, epoch: current.epoch, expiresAt } };
  }
  if (current.expiresAt.getTime() <= now.getTime()) {
    return {
      kind: "takeover",
      lease: { holder: claimant, epoch: current.epoch + 1, expiresAt },
      previousHolder: current.holder,
    };
  }
  return { kind: "held_elsewhere", lease: current };
}

/** Whether a decision leaves the claimant holding the venue. */
export function holdsAfter(decision: LeaseDecision): boolean {
  return decision.kind !== "held_elsewhere";
}

/**
 * Whether a write made under `fence` may still be stored: only while the lease names the same
 * holder and epoch. Expiry alone does not refuse it (nobody else took the venue meanwhile).
 */
export function fenceHolds(
  current: VenueLease | null,
  fence: { holder: string; epoch: number },
): boolean {
  return current !== null && current.holder === fence.holder && current.epoch === fence.epoch;
}

/** Who holds a venue, as the console says it to the process that asks. */
export type LeaseHolderView = "this_server" | "another_server" | "nobody";

export function leaseHolderView(
  current: VenueLease | null,
  self: string,
  now: Date,
): LeaseHolderView {
  if (!current || current.expiresAt.getTime() <= now.getTime()) return "nobody";
  return current.holder === self ? "this_server" : "another_server";
}

/** How often a holder renews: three times per lease, so one late renewal does not lose it. */
export function renewEveryMs(leaseMs: number): number {
  return Math.max(250, Math.floor(leaseMs / 3));
}
