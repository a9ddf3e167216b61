import { describe, expect, it } from "vitest";
import type { IncomingPrivateMessage } from "../connector";
import { loadBehaviourScripts } from "./behaviourScript";
import { TrainingRange } from "./trainingRange";
import { ManualTimers } from "./timers";

const LOBBY = "training://lobby";

async function buildRange(seed = 7) {
  const timers = new ManualTimers();
  const range = new TrainingRange({ timers, seed });
  const inbox: IncomingPrivateMessage[] = [];
  range.onPrivateMessage((message) => inbox.push(message));
  await range.connect();
  await range.goPresent({ venueAddress: LOBBY, displayName: "ana" });
  return { range, timers, inbox };
}
const text = (message: IncomingPrivateMessage) => new TextDecoder().decode(message.bytes);

describe("behaviour scripts", () => {
  it("ships at least 12 valid behaviours covering the training needs", () => {
    const ids = loadBehaviourScripts().map((script) => script.id);
    expect(ids.length).toBeGreaterThanOrEqual(12);
    for (const id of [
      "benign_chatter",
      "leaves_after_age_statement",
      "protective_adult",
      "solicits_after_age_statement",
      "solicits_before_age_statement",
      "offers_payment",
      "discloses_identifiers",
      "moves_to_another_app",
      "asks_to_meet_offline",
      "ignores_persona",
      "hostile_markup",
      "hostile_large_message",
      "hostile_emoji_rtl",
      "hostile_invalid_utf8",
    ]) {
      expect(ids).toContain(id);
    }
  });
});

describe("training range", () => {
  it("refuses rooms outside the range and approaches only a present persona", async () => {
    const { range } = await buildRange();
    await expect(
      range.goPresent({ venueAddress: "irc://x/#y", displayName: "ana" }),
    ).rejects.toThrow(/only has rooms/);
    expect(() => range.spawn("benign_chatter", "training://elsewhere")).toThrow(/not present/);
  });

  it("runs a script: waits for the persona, then continues, then leaves", async () => {
    const { range, timers, inbox } = await buildRange();
    const counterpart = range.spawn("solicits_after_age_statement", LOBBY);
    timers.advance(10_000);
    expect(inbox.map(text)).toEqual(["hi asl"]);
    expect(range.counterpart(counterpart.id)?.state).toBe("waiting");
    await range.send({ venueAddress: LOBBY, counterpartId: counterpart.id }, "im 10");
    timers.advance(10_000);
    expect(inbox.map(text)).toEqual(["hi asl", "can u turn on ur cam for me"]);
    expect(inbox[1]!.counterpartHandle).toBe(counterpart.handle);
    expect(range.receivedBy(counterpart.id)).toEqual(["im 10"]);
  });

  it("leaves when the persona does not answer in time", async () => {
    const { range, timers } = await buildRange();
    const counterpart = range.spawn("leaves_after_age_statement", LOBBY);
    timers.advance(70_000);
    expect(range.counterpart(counterpart.id)).toMatchObject({
      state: "left",
      leftBecause: "no_reply",
    });
  });

  it("is deterministic for a seed and jitters its timing", async () => {
    const run = async (seed: number) => {
      const { range, timers, inbox } = await buildRange(seed);
      for (let index = 0; index < 5; index += 1) range.spawn("ignores_persona", LOBBY);
      timers.advance(30_000);
      return inbox.map(
        (message) =>
          `${message.receivedAt.getTime()} ${message.counterpartHandle} ${text(message)}`,
      );
    };
    const first = await run(3);
    expect(await run(3)).toEqual(first);
    expect(await run(4)).not.toEqual(first);
    const times = new Set(first.map((line) => line.split(" ")[0]));
    expect(times.size).toBeGreaterThan(10);
  });

  it("delivers hostile input byte-exact", async () => {
    const { range, timers, inbox } = await buildRange();
    range.spawn("hostile_invalid_utf8", LOBBY);
    range.spawn("hostile_large_message", LOBBY);
    range.spawn("hostile_markup", LOBBY);
    timers.advance(30_000);
    const bytes = inbox.map((message) => Buffer.from(message.bytes).toString("hex"));
    expect(bytes).toContain(Buffer.from("hi \xfe\xff \xc0(\xc3(", "latin1").toString("hex"));
    expect(bytes).toContain(Buffer.from("ok\0bye").toString("hex"));
    expect(inbox.some((message) => message.bytes.length === 10_240)).toBe(true);
    expect(inbox.some((message) => message.counterpartHandle.startsWith("<"))).toBe(true);
    expect(inbox.map(text).some((line) => line.includes("<script>"))).toBe(true);
  });

  it("faults one contact: that counterpart sees the persona drop, the others carry on", async () => {
    const { range, timers, inbox } = await buildRange();
    const dropped = range.spawn("solicits_after_age_statement", LOBBY);
    const other = range.spawn("solicits_after_age_statement", LOBBY);
    timers.advance(10_000);
    const target = { venueAddress: LOBBY, counterpartId: dropped.id };
    await range.send(target, "my internet is bad brb");
    await range.fault(30, target);
    expect(range.counterpart(dropped.id)).toMatchObject({
      state: "left",
      leftBecause: "persona_dropped",
    });
    await expect(range.send(target, "hello")).rejects.toThrow(/simulated technical problem/);
    await range.send({ venueAddress: LOBBY, counterpartId: other.id }, "im 10");
    timers.advance(10_000);
    expect(inbox.filter((message) => message.counterpartId === other.id)).toHaveLength(2);
    timers.advance(30_000);
    await expect(range.send(target, "hello")).resolves.toBeUndefined();
  });

  it("faults the whole connection: nothing arrives and presence is refused until it ends", async () => {
    const { range, timers, inbox } = await buildRange();
    range.spawn("ignores_persona", LOBBY);
    await range.fault(5);
    timers.advance(4_000);
    expect(inbox).toHaveLength(0);
    await expect(range.goPresent({ venueAddress: LOBBY, displayName: "ana" })).rejects.toThrow(
      /down/,
    );
    timers.advance(2_000);
    await expect(
      range.goPresent({ venueAddress: LOBBY, displayName: "ana" }),
    ).resolves.toBeUndefined();
  });

  it("keeps N counterparts talking at about the requested rate", async () => {
    const { range, timers, inbox } = await buildRange();
    const stop = range.startTraffic({ venueAddress: LOBBY, counterparts: 20, ratePerSecond: 200 });
    timers.advance(10_000);
    const active = range.listCounterparts().filter((counterpart) => counterpart.state !== "left");
    expect(active).toHaveLength(20);
    // Waits that time out add pauses without messages, so the rate is an upper bound.
    expect(inbox.length).toBeGreaterThan(1_000);
    expect(inbox.length).toBeLessThan(2_400);
    stop();
    expect(range.listCounterparts().every((counterpart) => counterpart.state === "left")).toBe(
      true,
    );
  });
});
