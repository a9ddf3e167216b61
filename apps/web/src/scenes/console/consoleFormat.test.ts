import type { Conversation } from "@sweetie/core/api/consoleSchemas";
import { describe, expect, it } from "vitest";
import { decisionLabel, isWorking, nextNeedingAttention } from "./consoleFormat";

const conversation = (overrides: Partial<Conversation>): Conversation => ({
  id: "c",
  operationId: "o",
  venueId: null,
  counterpartHandle: "someone",
  initiator: "counterpart",
  stage: "approached",
  brokenOff: false,
  proposed: false,
  flags: [],
  status: "open",
  unreadCount: 0,
  operatorId: null,
  createdAt: "2026-12-01T10:00:00Z",
  lastMessageAt: null,
  lastInAt: null,
  idleSeconds: 0,
  attention: 0,
  ...overrides,
});

describe("the working list", () => {
  it("keeps open conversations and archives broken-off and decided ones", () => {
    expect(isWorking(conversation({}))).toBe(true);
    expect(isWorking(conversation({ brokenOff: true }))).toBe(false);
    expect(isWorking(conversation({ status: "confirmed" }))).toBe(false);
    expect(decisionLabel(conversation({ status: "rejected" }))).toBe("rejected");
    expect(decisionLabel(conversation({}))).toBeNull();
  });

  it("finds the next conversation with unread messages, or nothing", () => {
    const list = [
      conversation({ id: "a", unreadCount: 2, brokenOff: true }),
      conversation({ id: "b" }),
      conversation({ id: "c", unreadCount: 1 }),
    ];
    expect(nextNeedingAttention(list)?.id).toBe("c");
    expect(nextNeedingAttention(list.slice(0, 2))).toBeUndefined();
  });
});
