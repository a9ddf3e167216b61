import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decideLease,
  fenceHolds,
  holdsAfter,
  leaseHolderView,
  renewEveryMs,
  type VenueLease,
} from "./venueLease";

const LEASE_MS = 10_000;
const t0 = new Date("2026-02-01T12:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);

describe("decideLease", () => {
  it("gives a venue nobody held to its first claimant under epoch 1", () => {
    expect(decideLease(null, "a", t0, LEASE_MS)).toEqual({
      kind: "acquire",
      lease: { holder: "a", epoch: 1, expiresAt: at(LEASE_MS) },
    });
  });

  it("renews the claimant's own lease under the same epoch, even one that ran out", () => {
    const held: VenueLease = { holder: "a", epoch: 4, expiresAt: at(5_000) };
    expect(decideLease(held, "a", at(1_000), LEASE_MS)).toEqual({
      kind: "renew",
      lease: { holder: "a", epoch: 4, expiresAt: at(11_000) },
    });
    expect(decideLease(held, "a", at(60_000), LEASE_MS).kind).toBe("renew");
  });

  it("refuses another process while the holder's claim runs, and lets it take over after", () => {
    const held: VenueLease = { holder: "a", epoch: 4, expiresAt: at(5_000) };
    expect(decideLease(held, "b", at(4_999), LEASE_MS)).toEqual({
      kind: "held_elsewhere",
      lease: held,
    });
    expect(decideLease(held, "b", at(5_000), LEASE_MS)).toEqual({
      kind: "takeover",
      lease: { holder: "b", epoch: 5, expiresAt: at(15_000) },
      previousHolder: "a",
    });
  });

  it("never lets two claimants hold at one moment, and the epoch never goes back (property)", () => {
    const step = fc.record({
      claimant: fc.constantFrom("a", "b", "c"),
      advanceMs: fc.integer({ min: 0, max: 2 * LEASE_MS }),
    });
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 60 }), (steps) => {
        let lease: VenueLease | null = null;
        let now = t0.getTime();
        let lastEpoch = 0;
        for (const { claimant, advanceMs } of steps) {
          now += advanceMs;
          const decision = decideLease(lease, claimant, new Date(now), LEASE_MS);
          if (holdsAfter(decision)) {
            // Whoever held before is refused from now on, unless it is the same holder.
            if (lease && lease.holder !== claimant) {
              expect(lease.expiresAt.getTime()).toBeLessThanOrEqual(now);
              expect(fenceHolds(decision.lease, lease)).toBe(false);
            }
            lease = decision.lease;
          }
          expect(lease!.epoch).toBeGreaterThanOrEqual(lastEpoch);
          lastEpoch = lease!.epoch;
          expect(leaseHolderView(lease, lease!.holder, new Date(now))).toBe("this_server");
        }
      }),
    );
  });
});

describe("fenceHolds", () => {
  const lease: VenueLease = { holder: "a", epoch: 2, expiresAt: at(1_000) };
  it("accepts the holder's own epoch only", () => {
    expect(fenceHolds(lease, { holder: "a", epoch: 2 })).toBe(true);
    expect(fenceHolds(lease, { holder: "a", epoch: 1 })).toBe(false);
    expect(fenceHolds(lease, { holder: "b", epoch: 2 })).toBe(false);
    expect(fenceHolds(null, { holder: "a", epoch: 2 })).toBe(false);
  });
});

describe("leaseHolderView", () => {
  const lease: VenueLease = { holder: "a", epoch: 2, expiresAt: at(1_000) };
  it("says who holds the venue from where the asker stands", () => {
    expect(leaseHolderView(lease, "a", t0)).toBe("this_server");
    expect(leaseHolderView(lease, "b", t0)).toBe("another_server");
    expect(leaseHolderView(lease, "a", at(1_000))).toBe("nobody");
    expect(leaseHolderView(null, "a", t0)).toBe("nobody");
  });

  it("renews three times per lease", () => {
    expect(renewEveryMs(30_000)).toBe(10_000);
    expect(renewEveryMs(300)).toBe(250);
  });
});
