import { createFrontier, frontierAppend, sha256 } from "@sweetie/core/ledger/index";
import { describe, expect, it } from "vitest";
import {
  forgetStates,
  markContended,
  rememberState,
  stateHint,
  takeTurn,
} from "./ledgerStateHints";

describe("ledger state hints", () => {
  const frontier = createFrontier(0, []);
  frontierAppend(frontier, sha256(Uint8Array.of(1)));

  it("remembers the last state written, with its root", () => {
    rememberState("op-a", frontier);
    expect(stateHint("op-a")).toMatchObject({ state: { operation_id: "op-a", size: 1 } });
    expect(stateHint("op-a")!.root).toMatch(/^[0-9a-f]{64}$/);
    forgetStates(["op-a"]);
    expect(stateHint("op-a")).toBeUndefined();
  });

  it("gives no hint for an operation another process writes to, for 30 seconds", () => {
    const now = 1_000_000;
    rememberState("op-b", frontier);
    markContended(["op-b"], now);
    rememberState("op-b", frontier); // the locked path remembers again ...
    expect(stateHint("op-b", now + 29_000)).toBeUndefined(); // ... but it is not used yet
    expect(stateHint("op-b", now + 31_000)).toMatchObject({ state: { size: 1 } });
  });

  it("gives batches of one operation their turn in the order they asked, one at a time", async () => {
    const order: string[] = [];
    const batch = async (name: string, work: number) => {
      const release = await takeTurn("op-c");
      order.push(`${name} starts`);
      await new Promise((resolve) => setTimeout(resolve, work));
      order.push(`${name} ends`);
      release();
    };
    const other = (async () => {
      const release = await takeTurn("op-d"); // another operation does not wait
      order.push("other operation");
      release();
    })();
    await Promise.all([batch("first", 20), batch("second", 1), batch("third", 1), other]);
    expect(order.filter((line) => line !== "other operation")).toEqual([
      "first starts",
      "first ends",
      "second starts",
      "second ends",
      "third starts",
      "third ends",
    ]);
    expect(order.indexOf("other operation")).toBeLessThan(order.indexOf("first ends"));
  });
});
