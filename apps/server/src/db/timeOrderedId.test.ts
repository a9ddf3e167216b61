import { describe, expect, it } from "vitest";
import { timeOrderedId } from "./timeOrderedId";

describe("timeOrderedId", () => {
  it("is a version 7, RFC 9562 variant UUID carrying the time in its first 48 bits", () => {
    const now = Date.UTC(2026, 10, 30, 12, 0, 0);
    const id = timeOrderedId(now);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(now);
  });

  it("sorts by creation time and does not repeat", () => {
    const ids = Array.from({ length: 1000 }, (_, i) => timeOrderedId(1_700_000_000_000 + i));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(Array.from({ length: 10_000 }, () => timeOrderedId())).size).toBe(10_000);
  });
});
