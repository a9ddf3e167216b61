import { describe, expect, it } from "vitest";
import { mergeLiveEvents } from "./liveEvents";

describe("mergeLiveEvents", () => {
  it("folds waiting events into one per kind, ids in arrival order without repeats", () => {
    expect(
      mergeLiveEvents([
        { kind: "messages", operationId: "op", messageIds: ["m1", "m2"] },
        { kind: "conversations", operationId: "op", conversationIds: ["c1"] },
        { kind: "messages", operationId: "op", messageIds: ["m3"] },
        { kind: "conversations", operationId: "op", conversationIds: ["c2", "c1"] },
        { kind: "review", operationId: "op", conversationIds: ["c1"] },
      ]),
    ).toEqual([
      { kind: "messages", operationId: "op", messageIds: ["m1", "m2", "m3"] },
      { kind: "conversations", operationId: "op", conversationIds: ["c1", "c2"] },
      { kind: "review", operationId: "op", conversationIds: ["c1"] },
    ]);
  });

  it("keeps a single event as it is and refuses to mix operations", () => {
    const one = { kind: "messages" as const, operationId: "op", messageIds: ["m1"] };
    expect(mergeLiveEvents([one])).toEqual([one]);
    expect(() =>
      mergeLiveEvents([one, { kind: "messages", operationId: "other", messageIds: ["m2"] }]),
    ).toThrow(/different operations/);
  });
});
