import { describe, expect, it } from "vitest";
import { waitUntil } from "../../test/loopback";
import { bodyOf } from "../../test/xmppCounterpart";
import { textOf, useProsody } from "../../test/xmppFixture";

const xmpp = useProsody();
const room = xmpp.room;
const persona = xmpp.persona;
const counterpart = (name: string) => xmpp.counterpart(name);
const text = textOf;

describe("XMPP connector on a real prosody", () => {
  it("opens a conversation from an occupant's private message, with its occupant id, and replies reach them", async () => {
    const { connector, stored } = await persona();
    const venue = `xmpp:${room()}`;
    const roomJid = venue.slice("xmpp:".length);
    await connector.goPresent({ venueAddress: venue, displayName: "ana" });
    expect(connector.nickIn(venue)).toBe("ana");

    const bob = await counterpart("bob");
    const joined = await bob.join(roomJid, "bobby");
    const occupantId = joined.getChild("occupant-id", "urn:xmpp:occupant-id:0")?.attrs.id;
    expect(occupantId).toBeTruthy();

    const hello = "hi ana, héllo 😀👩🏽‍💻 مرحبا ‮rtl‬ <b>&amp;</b>";
    await bob.say(`${roomJid}/ana`, hello);
    await waitUntil(() => stored.length === 1, { what: "the private message" });
    const message = stored[0]!;
    expect(message.venueAddress).toBe(venue);
    expect(message.counterpartHandle).toBe("bobby");
    expect(message.counterpartId).toBe(`${roomJid}#${occupantId}`);
    expect([...message.bytes]).toEqual([...new TextEncoder().encode(hello)]);
    expect(message.origin).toEqual({
      network: "127.0.0.1",
      server: xmpp.server.domain,
      sender: `${roomJid}/bobby`,
      occupantId,
      realJid: `${bob.jid}/test`,
      archiveId: message.networkMessageId,
    });
    expect(message.networkMessageId).toBeTruthy();
    const wire = new TextDecoder().decode(message.wire?.[0]);
    expect(wire.startsWith("<message")).toBe(true);
    expect(wire.endsWith("</message>")).toBe(true);
    expect(wire).toContain("😀👩🏽‍💻");
    expect(wire).toContain(occupantId);

    const reply = "sorry, got to go 🙏";
    await connector.send({ venueAddress: venue, counterpartId: message.counterpartId }, reply);
    await waitUntil(() => bob.inbox.some((stanza) => bodyOf(stanza) === reply), {
      what: "the persona's reply",
    });
    const received = bob.inbox.find((stanza) => bodyOf(stanza) === reply)!;
    expect(received.attrs.from).toBe(`${roomJid}/ana`);
  });

  it("takes the next display name when the nick is taken at join", async () => {
    const roomJid = room();
    const carol = await counterpart("carol");
    await carol.join(roomJid, "ana");
    const { connector } = await persona({ alternateNames: ["ana_m"] });
    await connector.goPresent({ venueAddress: `xmpp:${roomJid}`, displayName: "ana" });
    expect(connector.nickIn(`xmpp:${roomJid}`)).toBe("ana_m");
    const dave = await counterpart("dave");
    await dave.join(roomJid, "ana_m");
    const other = await persona();
    await other.connector.goPresent({ venueAddress: `xmpp:${roomJid}`, displayName: "ana" });
    expect(other.connector.nickIn(`xmpp:${roomJid}`)).toBe("ana_2");
  });

  it("acknowledges a message only once it is stored: a store that fails gets it again", async () => {
    let failNext = true;
    let rejectPending: ((error: Error) => void) | undefined;
    const attempts: string[] = [];
    const { connector, stored, jid } = await persona({
      store: (message) => {
        attempts.push(text(message));
        if (text(message) === "keep me" && failNext) {
          failNext = false;
          return new Promise((_, reject) => (rejectPending = reject));
        }
        return Promise.resolve();
      },
    });
    const bob = await counterpart("bob");
    await bob.say(jid, "first");
    await waitUntil(() => stored.length === 1, { what: "the first message" });
    await bob.say(jid, "keep me");
    await waitUntil(() => rejectPending !== undefined, { what: "the second message's store" });
    // The process "crashes" while the database write is under way: the connection drops and the
    // write never completes. The server must still hold the message and send it again.
    await connector.fault(0);
    rejectPending!(new Error("the database went away"));
    await waitUntil(() => stored.length === 2, { what: "the message again", timeoutMs: 30_000 });
    expect(stored.map(text)).toEqual(["first", "keep me"]);
    expect(attempts.filter((attempt) => attempt === "keep me")).toHaveLength(2);
    await bob.say(jid, "after");
    await waitUntil(() => stored.length === 3, { what: "a later message" });
    expect(stored.map(text)).toEqual(["first", "keep me", "after"]);
  });
});
