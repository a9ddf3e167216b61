import { describe, expect, it } from "vitest";
import type { IngestItem } from "../commands/ingestMessages";
import { ConnectorHub, type StatusItem } from "./connectorHub";
import { ManualTimers } from "./training/timers";
import { TrainingRange } from "./training/trainingRange";

const LOBBY = "training://lobby";
const training = { protocol: "training", key: "training" } as const;

function buildHub() {
  const items: IngestItem[] = [];
  const statuses: StatusItem[] = [];
  const timers = new ManualTimers();
  const hub = new ConnectorHub({
    onMessage: (item) => items.push(item),
    onStatus: (item) => statuses.push(item),
    training: { timers, seed: 3 },
  });
  return { hub, items, statuses, timers };
}

const present = (operationId: string, venueId: string, venueAddress = LOBBY) => ({
  operationId,
  venueId,
  venueAddress,
  personaId: null,
  displayName: "ana",
  account: training,
});

describe("connector hub", () => {
  it("opens one connector per operation and account, and routes its messages to the presence", async () => {
    const { hub, items, statuses, timers } = buildHub();
    await hub.goPresent(present("op-1", "venue-a"));
    await hub.goPresent(present("op-1", "venue-b", "training://games"));
    await hub.goPresent(present("op-2", "venue-c"));
    const first = hub.trainingRange("op-1");
    expect(first).toBeInstanceOf(TrainingRange);
    expect(hub.trainingRange("op-2")).not.toBe(first);
    expect(hub.presenceFor("op-1", "venue-b")?.connector).toBe(first);
    expect(statuses.map((item) => [item.operationId, item.status.state])).toEqual([
      ["op-1", "connected"],
      ["op-2", "connected"],
    ]);

    first!.spawn("benign_chatter", "training://games");
    timers.advance(10_000);
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((item) => item.operationId === "op-1" && item.venueId === "venue-b")).toBe(
      true,
    );
    expect(hub.statusFor("op-1", "training")?.state).toBe("connected");

    await hub.close("op-1", "training");
    expect(hub.trainingRange("op-1")).toBeUndefined();
    expect(hub.listPresences("op-1")).toEqual([]);
    expect(hub.listPresences("op-2")).toHaveLength(1);
    await hub.closeAll();
  });

  it("refuses a protocol no connector is registered for, in words an administrator can act on", async () => {
    const { hub } = buildHub();
    await expect(
      hub.goPresent({
        ...present("op-1", "venue-a", "irc://irc.example.org/#lobby"),
        account: {
          protocol: "irc",
          key: "network-1",
          host: "irc.example.org",
          port: 6697,
          tls: true,
          accountName: "ana",
          secret: null,
          displayNames: ["ana"],
        },
      }),
    ).rejects.toThrow(/no IRC connector enabled/);
    // Nothing half-open is kept: a later request tries again.
    expect(hub.statusFor("op-1", "network-1")).toBeUndefined();
  });

  it("builds connectors of a registered protocol through its factory", async () => {
    const made: string[] = [];
    const hub = new ConnectorHub({
      onMessage: () => {},
      training: { timers: new ManualTimers() },
      register: (registry) =>
        registry.register("xmpp", (account) => {
          made.push(`${account.accountName}@${account.host}:${account.port}`);
          // Any Connector will do for the registry; the training range is the one at hand.
          return new TrainingRange({ timers: new ManualTimers() });
        }),
    });
    expect(hub.registry.protocols()).toEqual(["training", "xmpp"]);
    const account = {
      protocol: "xmpp",
      key: "network-2",
      host: "localhost",
      port: 5222,
      tls: false,
      accountName: "ana",
      secret: "not-logged",
      displayNames: ["ana"],
    } as const;
    await hub.goPresent({ ...present("op-1", "venue-a"), account });
    await hub.goPresent({ ...present("op-1", "venue-b", "training://games"), account });
    expect(made).toEqual(["ana@localhost:5222"]);
    await hub.closeAll();
  });

  it("closes an account's connection when the persona leaves its last room, and tags messages with the lease", async () => {
    const { hub, items, timers } = buildHub();
    const fence = { networkId: "training", holder: "process-a", epoch: 3 };
    await hub.goPresent({ ...present("op-1", "venue-a"), fence });
    await hub.goPresent({ ...present("op-1", "venue-b", "training://games"), fence });
    const range = hub.trainingRange("op-1")!;
    range.spawn("benign_chatter", LOBBY);
    timers.advance(10_000);
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((item) => item.fence?.epoch === 3)).toBe(true);

    await hub.leave("op-1", LOBBY);
    expect(hub.holdsConnection("op-1", "training")).toBe(true);
    expect(hub.presencesOf("op-1", "training")).toEqual([
      { venueId: "venue-b", venueAddress: "training://games" },
    ]);

    await hub.leave("op-1", "training://games");
    expect(hub.holdsConnection("op-1", "training")).toBe(false);
    expect(hub.trainingRange("op-1")).toBeUndefined();
    expect(range.status().state).toBe("disconnected");
    expect(hub.fenceFor("op-1", "training")).toBeUndefined();
  });
});
