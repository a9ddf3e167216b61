import { describe, expect, it } from "vitest";
import { waitUntil } from "../../test/loopback";
import { connectRaw } from "../../test/rawXmppClient";
import { textOf, useProsody } from "../../test/xmppFixture";

const xmpp = useProsody();
const escapeXml = (value: string) =>
  value.replace(
    /[<>&'"]/g,
    (char) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[char]!,
  );

describe("XMPP connector against hostile input", () => {
  it("stores markup, forged ids and odd characters inertly, and survives a stream that breaks", async () => {
    const { connector, stored, jid } = await xmpp.persona();
    const roomJid = xmpp.room();
    await connector.goPresent({ venueAddress: `xmpp:${roomJid}`, displayName: "ana" });
    const raw = await connectRaw(xmpp.server, `raw-${Date.now()}`);
    const nick = `<b onclick="x">evil</b>&'`;
    await raw.write(
      `<presence to='${roomJid}/${escapeXml(nick)}'><x xmlns='http://jabber.org/protocol/muc'/></presence>`,
    );
    await waitUntil(
      () => raw.received().includes("code='110'") || raw.received().includes('code="110"'),
      {
        what: "the raw client in the room",
      },
    );
    const body = `<script>alert(1)</script> \u202e\u200b\ufeff\u0085\t zalgo a\u0301\u0302\u0303 😀`;
    await raw.write(
      `<message to='${roomJid}/ana' type='chat' id='m1'><body><![CDATA[${body}]]></body>` +
        `<occupant-id xmlns='urn:xmpp:occupant-id:0' id='forged'/>` +
        `<stanza-id xmlns='urn:xmpp:sid:0' by='${jid}' id='forged'/></message>`,
    );
    // A message that only looks like an archive result, straight to the persona.
    await raw.write(
      `<message to='${jid}'><result xmlns='urn:xmpp:mam:2' queryid='q' id='fake'>` +
        `<forwarded xmlns='urn:xmpp:forward:0'><message from='${jid}' to='${jid}' type='chat'>` +
        `<body>fake archive</body></message></forwarded></result></message>`,
    );
    await waitUntil(() => stored.length === 1, { what: "the hostile message" });
    // Bytes no library would send: invalid UTF-8. The server ends that stream; the persona stays.
    await raw.write(
      Buffer.concat([
        Buffer.from(`<message to='${roomJid}/ana' type='chat'><body>`),
        Buffer.from([0xff, 0xfe, 0xc3, 0x28]),
        Buffer.from(`</body></message>`),
      ]),
    );
    await waitUntil(() => raw.closed(), { what: "the server closing the broken stream" });

    const message = stored[0]!;
    expect(textOf(message)).toBe(body);
    expect(message.counterpartHandle).toBe(nick);
    expect(message.origin?.sender).toBe(`${roomJid}/${nick}`);
    expect(message.origin?.occupantId).toBeTruthy();
    expect(message.origin?.occupantId).not.toBe("forged");
    expect(message.networkMessageId).toBeTruthy();
    expect(message.networkMessageId).not.toBe("forged");

    const bob = await xmpp.counterpart("bob");
    await bob.say(jid, "still there?");
    await waitUntil(() => stored.length === 2, { what: "a normal message afterwards" });
    expect(stored.map(textOf)).toEqual([body, "still there?"]);
    expect(connector.status().state).toBe("connected");
  });

  it("stores a long message whole, and outlives a counterpart whose stanza is too large for the server", async () => {
    const { connector, stored } = await xmpp.persona();
    const roomJid = xmpp.room();
    await connector.goPresent({ venueAddress: `xmpp:${roomJid}`, displayName: "ana" });
    const raw = await connectRaw(xmpp.server, `big-${Date.now()}`);
    await raw.write(
      `<presence to='${roomJid}/big'><x xmlns='http://jabber.org/protocol/muc'/></presence>`,
    );
    await waitUntil(
      () => raw.received().includes("code='110'") || raw.received().includes('code="110"'),
      { what: "the raw client in the room" },
    );
    // 100 KiB of text with multi-byte characters: under the server's stanza limit, kept whole.
    const long = "é😀x".repeat((100 * 1024) / 7);
    await raw.write(`<message to='${roomJid}/ana' type='chat'><body>${long}</body></message>`);
    await waitUntil(() => stored.length === 1, { what: "the long message" });
    expect(textOf(stored[0]!)).toBe(long);
    // 1 MiB in one stanza: the server ends that counterpart's stream; nothing reaches the persona.
    await raw.write(
      `<message to='${roomJid}/ana' type='chat'><body>${"y".repeat(1024 * 1024)}</body></message>`,
    );
    await waitUntil(() => raw.closed(), { what: "the server closing the oversize stream" });
    const bob = await xmpp.counterpart("bob");
    await bob.join(roomJid, "bobby");
    await bob.say(`${roomJid}/ana`, "after the big one");
    await waitUntil(() => stored.length === 2, { what: "a normal message afterwards" });
    expect(stored.map(textOf)).toEqual([long, "after the big one"]);
    expect(connector.status().state).toBe("connected");
  });

  it("stores a flood of private messages exactly once each, in order", async () => {
    const { connector, stored } = await xmpp.persona();
    const roomJid = xmpp.room();
    await connector.goPresent({ venueAddress: `xmpp:${roomJid}`, displayName: "ana" });
    const bob = await xmpp.counterpart("bob");
    await bob.join(roomJid, "flooder");
    const count = 300;
    const sent = Array.from({ length: count }, (_, index) => `flood ${index} 💥`);
    await Promise.all(sent.map((line) => bob.say(`${roomJid}/ana`, line)));
    await waitUntil(() => stored.length >= count, { what: "every flooded message" });
    expect(stored.map(textOf)).toEqual(sent);
    expect(new Set(stored.map((message) => message.networkMessageId)).size).toBe(count);
  });
});
