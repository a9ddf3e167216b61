import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { exposureStatus } from "./exposure";

describe("exposure budget", () => {
  it("warns from 80 % and asks for an override past 100 %", () => {
    expect(exposureStatus({ used: 7, budget: 10, overrideExtra: 0 })).toMatchObject({
      level: "ok",
      mayReveal: true,
    });
    expect(exposureStatus({ used: 8, budget: 10, overrideExtra: 0 })).toMatchObject({
      level: "warning",
      mayReveal: true,
    });
    expect(exposureStatus({ used: 10, budget: 10, overrideExtra: 0 })).toMatchObject({
      level: "exceeded",
      mayReveal: false,
    });
    expect(exposureStatus({ used: 10, budget: 10, overrideExtra: 5 })).toMatchObject({
      level: "warning",
      mayReveal: true,
      allowance: 15,
    });
    expect(exposureStatus({ used: 99, budget: null, overrideExtra: 0 })).toMatchObject({
      level: "unbudgeted",
      mayReveal: true,
    });
  });

  it("never allows more reveals than budget plus overrides (property)", () => {
    fc.assert(
      fc.property(
        fc.nat(500),
        fc.integer({ min: 1, max: 200 }),
        fc.nat(50),
        (used, budget, extra) => {
          const status = exposureStatus({ used, budget, overrideExtra: extra });
          return status.mayReveal === used < budget + extra;
        },
      ),
    );
  });
});
