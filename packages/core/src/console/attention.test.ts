import { describe, expect, it } from "vitest";
import { attentionScore, idleSeconds, sortByAttention, type AttentionInput } from "./attention";

const now = Date.parse("2026-01-15T10:00:00Z");
function buildConversation(overrides: Partial<AttentionInput> & { id?: string } = {}) {
  return {
    id: "c",
    status: "open",
    proposed: false,
    brokenOff: false,
    flags: [],
    unreadCount: 0,
    lastInAt: null,
    lastMessageAt: now - 60_000,
    ...overrides,
  };
}

describe("console attention order", () => {
  it("puts a waiting counterpart first, the longest wait before a shorter one", () => {
    const idle = buildConversation({ id: "idle" });
    const shortWait = buildConversation({ id: "short", unreadCount: 1, lastInAt: now - 5_000 });
    const longWait = buildConversation({ id: "long", unreadCount: 2, lastInAt: now - 90_000 });
    const flagged = buildConversation({ id: "flagged", flags: ["no_prior_age_statement"] });
    const done = buildConversation({ id: "done", brokenOff: true });
    const order = sortByAttention([done, idle, flagged, shortWait, longWait], now).map((c) => c.id);
    expect(order).toEqual(["long", "short", "flagged", "idle", "done"]);
  });

  it("gives reviewed conversations no urgency and reports idle time", () => {
    expect(
      attentionScore(
        buildConversation({ status: "confirmed", unreadCount: 3, lastInAt: now }),
        now,
      ),
    ).toBe(0);
    expect(idleSeconds(buildConversation(), now)).toBe(60);
    expect(idleSeconds(buildConversation({ lastMessageAt: null }), now)).toBe(0);
  });
});
