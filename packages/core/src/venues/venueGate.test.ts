import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decidePresence, normalizeVenueAddress, type PresenceAuthorization } from "./venueGate";

function buildAuthorization(overrides: Partial<PresenceAuthorization> = {}): PresenceAuthorization {
  return {
    reference: "W-2026-0042",
    permittedVenues: ["training://lobby", "irc://irc.example.net/#chat"],
    startsAt: new Date("2026-01-01T00:00:00Z"),
    endsAt: new Date("2026-03-01T00:00:00Z"),
    ...overrides,
  };
}
const inWindow = new Date("2026-02-01T12:00:00Z");

describe("decidePresence", () => {
  it("allows a permitted venue inside the window, ignoring case and a trailing slash", () => {
    expect(decidePresence(buildAuthorization(), "training://lobby", inWindow)).toEqual({
      allowed: true,
      venue: "training://lobby",
    });
    expect(
      decidePresence(buildAuthorization(), " IRC://irc.example.net/#Chat/ ", inWindow).allowed,
    ).toBe(true);
  });

  it("refuses a venue outside the authorization and names the authorization", () => {
    const decision = decidePresence(buildAuthorization(), "irc://irc.example.net/#other", inWindow);
    expect(decision.allowed).toBe(false);
    if (decision.allowed) return;
    expect(decision.code).toBe("venue_not_authorized");
    expect(decision.message).toContain("W-2026-0042");
    expect(decision.message).toContain("#other");
  });

  it("refuses before the window opens and from the moment it closes", () => {
    const before = decidePresence(
      buildAuthorization(),
      "training://lobby",
      new Date("2025-12-31T23:59:59Z"),
    );
    expect(before).toMatchObject({ allowed: false, code: "authorization_not_started" });
    const atEnd = decidePresence(
      buildAuthorization(),
      "training://lobby",
      new Date("2026-03-01T00:00:00Z"),
    );
    expect(atEnd).toMatchObject({ allowed: false, code: "authorization_expired" });
  });

  it("refuses the empty address even if the list contains it", () => {
    const decision = decidePresence(buildAuthorization({ permittedVenues: [""] }), "  ", inWindow);
    expect(decision).toMatchObject({ allowed: false, code: "venue_not_authorized" });
  });

  it("never allows an address that is not in the list (property)", () => {
    fc.assert(
      fc.property(fc.string(), fc.date({ noInvalidDate: true }), (address, now) => {
        const authorization = buildAuthorization();
        const decision = decidePresence(authorization, address, now);
        const listed = authorization.permittedVenues
          .map(normalizeVenueAddress)
          .includes(normalizeVenueAddress(address));
        return decision.allowed ? listed : true;
      }),
    );
  });
});
