import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ConnectorError } from "../connector";
import { waitUntil } from "../../test/loopback";
import { bodyOf } from "../../test/xmppCounterpart";
import { textOf, useProsody } from "../../test/xmppFixture";

const xmpp = useProsody();

describe("XMPP connector faults on a real prosody", () => {
  it("survives server restarts: reconnects with backoff, rejoins, fills the gap from the archive, stores nothing twice", async () => {
    const { connector, stored, jid } = await xmpp.persona({ alternateNames: ["ana_m"] });
    const roomJid = xmpp.room();
    const venue = `xmpp:${roomJid}`;
    const states: string[] = [];
    connector.onStatus((status) => states.push(status.state));
    await connector.goPresent({ venueAddress: venue, displayName: "ana" });
    const bob = await xmpp.counterpart("bob");
    const bobName = bob.jid.split("@")[0]!;
    await bob.join(roomJid, "bobby");
    await bob.say(`${roomJid}/ana`, "before");
    await waitUntil(() => stored.length === 1, { what: "the first message" });

    // 1. The server stops and comes back: the connector reconnects by itself and rejoins.
    await xmpp.server.restart();
    await waitUntil(() => states.includes("reconnecting"), { what: "reconnecting" });
    await waitUntil(
      () => connector.status().state === "connected" && connector.nickIn(venue) === "ana",
      { what: "back online in the room", timeoutMs: 30_000 },
    );
    const bob2 = await xmpp.counterpart("bob", bobName);
    await bob2.join(roomJid, "bobby");
    await bob2.say(`${roomJid}/ana`, "after the restart");
    await waitUntil(() => stored.length === 2, { what: "a message after the restart" });
    expect(stored[1]!.counterpartHandle).toBe("bobby");

    // 2. The persona is offline while the server restarts: what was sent meanwhile comes from the
    // archive (and from offline delivery: stored once), and the nick taken meanwhile is handled.
    await connector.fault(600);
    await waitUntil(() => connector.status().state === "faulted", { what: "the fault" });
    await expect(
      connector.send({ venueAddress: venue, counterpartId: stored[0]!.counterpartId }, "x"),
    ).rejects.toBeInstanceOf(ConnectorError);
    await xmpp.server.restart();
    const carol = await xmpp.counterpart("carol");
    await carol.join(roomJid, "ana");
    const bob3 = await xmpp.counterpart("bob", bobName);
    await bob3.say(jid, "while you were away");
    await connector.fault(0);
    await waitUntil(
      () => connector.status().state === "connected" && connector.nickIn(venue) === "ana_m",
      { what: "rejoined under the next name", timeoutMs: 30_000 },
    );
    await waitUntil(() => stored.length >= 3, { what: "the archived message" });
    await bob3.join(roomJid, "bobby");
    await bob3.say(`${roomJid}/ana_m`, "last one");
    await waitUntil(() => stored.map(textOf).includes("last one"), { what: "the last message" });
    expect(stored.map(textOf)).toEqual([
      "before",
      "after the restart",
      "while you were away",
      "last one",
    ]);
    expect(stored[2]!.counterpartId).toBe(bob3.jid);
    const ids = stored.map((message) => message.networkMessageId);
    expect(new Set(ids).size).toBe(ids.length);
  }, 90_000);

  it("after a crash, a new process takes what was delivered but never stored from the archive", async () => {
    let hang = false;
    let hung = 0;
    const first = await xmpp.persona({
      store: () => {
        if (!hang) return Promise.resolve();
        hung += 1;
        return new Promise(() => {});
      },
    });
    const bob = await xmpp.counterpart("bob");
    await bob.say(first.jid, "one");
    await waitUntil(() => first.stored.length === 1, { what: "the first message" });
    hang = true;
    await bob.say(first.jid, "two");
    // The process dies while "two" is on its way to the database (its store never returns).
    await waitUntil(() => hung === 1, { what: "the second message's store" });
    await first.connector.fault(600);
    const lastStored = first.stored[0]!.networkMessageId!;
    const username = first.jid.split("@")[0]!;
    const password = randomUUID();
    await xmpp.server.register(username, password);
    const restarted = await xmpp.persona({
      account: {
        service: xmpp.server.service,
        domain: xmpp.server.domain,
        username,
        password,
        plainWithoutTls: true,
      },
      lastArchiveId: async () => lastStored,
    });
    // A new process fills from the archive once it is in a room again.
    await restarted.connector.goPresent({
      venueAddress: `xmpp:${xmpp.room()}`,
      displayName: "ana",
    });
    await waitUntil(() => restarted.stored.length === 1, { what: "the archived message" });
    expect(restarted.stored.map(textOf)).toEqual(["two"]);
    expect(new TextDecoder().decode(restarted.stored[0]!.wire?.[0])).toContain("urn:xmpp:mam:2");
    expect(restarted.stored[0]!.counterpartId).toBe(bob.jid);
  });

  it("stops answering one contact for a while, and still stores what they write", async () => {
    const { connector, stored, jid } = await xmpp.persona();
    const bob = await xmpp.counterpart("bob");
    const eve = await xmpp.counterpart("eve");
    await bob.say(jid, "hello");
    await eve.say(jid, "hi");
    await waitUntil(() => stored.length === 2, { what: "both messages" });
    const bobTarget = { venueAddress: stored[0]!.venueAddress, counterpartId: bob.jid };
    await connector.fault(30, bobTarget);
    await expect(connector.send(bobTarget, "are you there")).rejects.toMatchObject({
      code: "faulted",
    });
    await connector.send({ venueAddress: stored[1]!.venueAddress, counterpartId: eve.jid }, "yes");
    await waitUntil(() => eve.inbox.some((stanza) => bodyOf(stanza) === "yes"), {
      what: "eve's reply",
    });
    await bob.say(jid, "hello??");
    await waitUntil(() => stored.length === 3, { what: "bob's second message" });
    expect(bob.inbox.some((stanza) => bodyOf(stanza) === "are you there")).toBe(false);
  });

  it("tells when an occupant the persona talks with leaves the room", async () => {
    const { connector, stored } = await xmpp.persona();
    const roomJid = xmpp.room();
    await connector.goPresent({ venueAddress: `xmpp:${roomJid}`, displayName: "ana" });
    const departures: string[] = [];
    connector.onCounterpartLeft((departure) => departures.push(departure.counterpartId));
    const bob = await xmpp.counterpart("bob");
    await bob.join(roomJid, "bobby");
    await bob.say(`${roomJid}/ana`, "bye soon");
    await waitUntil(() => stored.length === 1, { what: "the message" });
    await bob.stop();
    await waitUntil(() => departures.length === 1, { what: "the departure" });
    expect(departures).toEqual([stored[0]!.counterpartId]);
  });
});
