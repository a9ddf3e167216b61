import { randomUUID } from "node:crypto";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyLedger } from "../apps/server/src/ledger/ledgerVerifier";
import { waitUntil } from "../apps/server/src/test/loopback";
import { startProsody, type ProsodyServer } from "../apps/server/src/test/prosody";
import { connectRaw, type RawXmppClient } from "../apps/server/src/test/rawXmppClient";
import type { TestServer } from "../apps/server/src/test/testServer";
import { signEveryLedger } from "../apps/server/src/test/testSigner";
import {
  bodyOf,
  connectCounterpart,
  type XmppCounterpart,
} from "../apps/server/src/test/xmppCounterpart";
import { findAccessibilityViolations } from "./support/accessibility";
import { saveScreenshot } from "./support/browser";
import { startVenueConsole, type VenueConsole } from "./support/venueConsole";

// A real XMPP venue end to end in the browser, against Debian's prosody on loopback: a supervisor
// adds the account and room on the Venues page and tests it; the operator goes present; a
// counterpart (a real @xmpp/client user, with markup in its room nick) writes privately to the
// persona's occupant JID; the conversation appears live with the occupant id the room gave them;
// the operator answers with a safe move by keyboard; the counterpart receives it, it reads "sent",
// and every message is in the database and the ledger byte-exact. Then the server goes away and
// comes back while the console watches.

const PERSONA_PASSWORD = `xmpp-${randomUUID()}`;
const HOSTILE_NICK = `<img src=x onerror=alert(1)>bob & "co"`;
const HELLO = "héllo 😀👩🏽‍💻 مرحبا <b>bold</b> &amp; \u202e\u200b\ttab a\u0301\u0302";
// Odd but legal XML a library would write differently: CDATA, character references, a raw CR.
const RAW_XML = `<![CDATA[<i>cdata</i> & ]]>&#x1F600;&#233;&#xFFFD; line\u000done`;
const RAW_TEXT = `<i>cdata</i> & 😀é\ufffd line\none`;

describe("XMPP venue", () => {
  let prosody: ProsodyServer;
  let server: TestServer;
  let setup: VenueConsole;
  let page: Page;
  let pageErrors: string[];
  let operationId: string;
  let supervisorName: string;
  let operatorName: string;
  let roomJid: string;
  let venueAddress: string;
  let bob: XmppCounterpart;
  let bobName: string;
  let raw: RawXmppClient | undefined;
  const people: XmppCounterpart[] = [];

  beforeAll(async () => {
    prosody = await startProsody();
    await prosody.register("ana-x", PERSONA_PASSWORD);
    roomJid = `lounge@${prosody.mucDomain}`;
    venueAddress = `xmpp:${roomJid}`;
    setup = await startVenueConsole({ operationName: "XMPP lounge watch", venueAddress });
    ({ server, page, pageErrors, operationId, supervisorName, operatorName } = setup);
  }, 120_000);

  afterAll(async () => {
    raw?.close();
    for (const person of people) await person.stop();
    await setup?.close();
    await prosody?.dispose();
  });

  const signIn = (username: string, next: string) => setup.signIn(username, next);

  async function counterpart(username: string) {
    const person = await connectCounterpart(prosody, username);
    people.push(person);
    return person;
  }

  const venueState = () => page.locator(".venue-state").getAttribute("data-state");

  it("a supervisor adds the XMPP account and room, and tests the connection", async () => {
    await signIn(supervisorName, `/operations/${operationId}/venues`);
    await expect
      .poll(() => page.getByRole("heading", { name: "Venues" }).count(), { timeout: 30_000 })
      .toBe(1);
    await page.getByLabel("Protocol").selectOption("xmpp");
    await page.getByLabel("Server host").fill("127.0.0.1");
    await page.getByLabel("Port").fill(String(prosody.port));
    await page.getByLabel("Connect with TLS").uncheck();
    await page.getByLabel("Account", { exact: true }).fill(`ana-x@${prosody.domain}`);
    await page.getByLabel("Password (optional)").fill(PERSONA_PASSWORD);
    await page.getByLabel("Rooms").fill(roomJid);
    await setup.addAndTestNetwork(30_000);
    expect(await page.content()).not.toContain(PERSONA_PASSWORD);
    await saveScreenshot(page, "venues-xmpp-01-network-added-and-tested");
    expect(await findAccessibilityViolations(page)).toEqual([]);
  });

  it("a counterpart writes to the persona's occupant JID; the conversation shows its occupant id; the safe move goes out by keyboard and reads sent", async () => {
    await signIn(operatorName, `/operations/${operationId}/console`);
    await setup.goPresent("ana", 30_000);

    bobName = `bob-${randomUUID().slice(0, 6)}`;
    bob = await counterpart(bobName);
    const joined = await bob.join(roomJid, HOSTILE_NICK);
    const occupantId = joined.getChild("occupant-id", "urn:xmpp:occupant-id:0")?.attrs.id as string;
    expect(occupantId).toBeTruthy();
    await bob.say(`${roomJid}/ana`, HELLO);

    await expect
      .poll(() => page.locator(".conversation-item .conversation-handle").allTextContents(), {
        timeout: 30_000,
      })
      .toContain(HOSTILE_NICK);
    await page.locator("body").click({ position: { x: 5, y: 5 } });
    await page.keyboard.press("n");
    await expect
      .poll(() => page.locator(".conversation-occupant-id").textContent(), { timeout: 20_000 })
      .toBe(occupantId);
    await expect
      .poll(() => page.locator(".conversation-origin").textContent())
      .toContain(`${roomJid}/${HOSTILE_NICK} on 127.0.0.1 (server ${prosody.domain})`);
    await expect.poll(() => page.locator(".transcript").textContent()).toContain("😀👩🏽‍💻");
    // Markup in the nick and the message arrives as text, never as HTML.
    expect(await page.locator(".conversation-pane img, .conversation-pane b").count()).toBe(0);
    expect(await page.locator(".conversation-list img").count()).toBe(0);
    // The right-to-left override is shown by name and cannot make the rest read backwards.
    await expect
      .poll(() => page.locator(".transcript .direction-control").allTextContents())
      .toEqual(["RLO"]);
    expect(await page.locator(".transcript").textContent()).not.toContain("\u202e");
    await page.keyboard.press("2");
    await waitUntil(() => bob.inbox.some((stanza) => bodyOf(stanza) === "im 10"), {
      what: "the safe move to reach the counterpart",
      timeoutMs: 30_000,
    });
    const answer = bob.inbox.find((stanza) => bodyOf(stanza) === "im 10")!;
    expect(answer.attrs.from).toBe(`${roomJid}/ana`);
    await expect
      .poll(
        () => page.locator(".transcript-out [data-delivery]").last().getAttribute("data-delivery"),
        { timeout: 20_000 },
      )
      .toBe("sent");
    await saveScreenshot(page, "venues-xmpp-02-conversation-sent");
    expect(await findAccessibilityViolations(page)).toEqual([]);

    // A second occupant writes odd but legal XML over a raw socket.
    raw = await connectRaw(prosody, `raw-${randomUUID().slice(0, 6)}`);
    await raw.write(
      `<presence to='${roomJid}/rawone'><x xmlns='http://jabber.org/protocol/muc'/></presence>`,
    );
    await waitUntil(() => /code=['"]110['"]/.test(raw!.received()), { what: "rawone in the room" });
    await raw.write(
      `<message to='${roomJid}/ana' type='chat' id='r1'><body>${RAW_XML}</body></message>`,
    );
    await expect
      .poll(() => page.locator(".conversation-item .conversation-handle").allTextContents(), {
        timeout: 30_000,
      })
      .toContain("rawone");

    await server.app.consoleRuntime.queue.drain();
    const rows = await server.store.db
      .selectFrom("messages")
      .leftJoin("message_wire", "message_wire.message_id", "messages.id")
      .leftJoin("message_deliveries", "message_deliveries.message_id", "messages.id")
      .select([
        "messages.direction",
        "messages.body",
        "messages.body_bytes",
        "message_wire.wire",
        "message_deliveries.state",
      ])
      .where("messages.operation_id", "=", operationId)
      .orderBy("messages.created_at")
      .execute();
    const incoming = rows.filter((row) => row.direction === "in");
    expect(incoming.map((row) => Buffer.from(row.body_bytes).toString("hex"))).toEqual(
      [HELLO, RAW_TEXT].map((text) => Buffer.from(text, "utf8").toString("hex")),
    );
    for (const row of incoming) {
      const wire = Buffer.from(row.wire!).toString("utf8");
      expect(wire.startsWith("<message")).toBe(true);
      expect(wire.endsWith("</message>")).toBe(true);
    }
    // The wire is the stanza as the server relayed it to the persona (it re-serializes what the
    // sender wrote: the CDATA section comes as escaped text, references as characters).
    expect(Buffer.from(incoming[1]!.wire!).toString("utf8")).toContain(
      "<body>&lt;i&gt;cdata&lt;/i&gt; &amp; 😀é\ufffd line\none</body>",
    );
    expect(Buffer.from(incoming[0]!.wire!).toString("utf8")).toContain(occupantId);
    const outgoing = rows.filter((row) => row.direction === "out");
    expect(outgoing.map((row) => [row.body, row.state])).toEqual([["im 10", "sent"]]);
    await signEveryLedger(server.store.db);
    expect((await verifyLedger(server.store.db, { operationId })).problem).toBeNull();
    const wireEntries = await server.store.db
      .selectFrom("ledger_entries")
      .select("id")
      .where("operation_id", "=", operationId)
      .where("kind", "=", "message_wire")
      .execute();
    expect(wireEntries).toHaveLength(2);
    expect(pageErrors).toEqual([]);
  });

  it("the server goes away mid-conversation: the console shows it, a send meanwhile fails in words, and after the restart the persona is back in the room", async () => {
    await page.goto(`${server.url}/operations/${operationId}/venues`);
    await expect.poll(venueState, { timeout: 20_000 }).toBe("connected");
    await prosody.stop();
    await expect.poll(venueState, { timeout: 30_000 }).toBe("reconnecting");
    await expect
      .poll(() => page.locator(".venue-state").textContent())
      .toMatch(/Reconnecting.*attempt \d+/);
    await saveScreenshot(page, "venues-xmpp-03-reconnecting");

    // A safe move while the server is down is recorded and marked not delivered, never sent.
    await page.goto(`${server.url}/operations/${operationId}/console`);
    await page.locator(".conversation-item", { hasText: HOSTILE_NICK }).click({ timeout: 20_000 });
    await page.locator("body").click({ position: { x: 5, y: 5 } });
    await page.keyboard.press("2");
    await expect
      .poll(
        () => page.locator(".transcript-out [data-delivery]").last().getAttribute("data-delivery"),
        { timeout: 30_000 },
      )
      .toBe("failed");
    await expect
      .poll(() => page.locator(".transcript-out .delivery-failed").last().textContent())
      .toMatch(/not delivered: .+/);
    await saveScreenshot(page, "venues-xmpp-04-send-failed-while-down");

    await prosody.start();
    await page.goto(`${server.url}/operations/${operationId}/venues`);
    await expect.poll(venueState, { timeout: 60_000 }).toBe("connected");
    const connector = server.app.consoleRuntime.hub.listPresences(operationId);
    expect(connector.map((presence) => presence.venueAddress)).toContain(venueAddress);
    await saveScreenshot(page, "venues-xmpp-05-back");

    // The counterpart comes back too; what they write now reaches the console once.
    const again = await counterpart(bobName);
    await again.join(roomJid, HOSTILE_NICK);
    await waitUntil(
      async () => {
        await again.say(`${roomJid}/ana`, "back again? 🙂");
        await server.app.consoleRuntime.queue.drain();
        const found = await server.store.db
          .selectFrom("messages")
          .select("id")
          .where("operation_id", "=", operationId)
          .where("body", "=", "back again? 🙂")
          .execute();
        return found.length > 0;
      },
      { what: "the persona to be in the room again", timeoutMs: 60_000, everyMs: 3_000 },
    );
    const bodies = await server.store.db
      .selectFrom("messages")
      .select("body")
      .where("operation_id", "=", operationId)
      .where("direction", "=", "in")
      .execute();
    const counts = new Map<string, number>();
    for (const { body } of bodies) counts.set(body, (counts.get(body) ?? 0) + 1);
    expect(counts.get(HELLO)).toBe(1);
    expect(counts.get(RAW_TEXT)).toBe(1);
    expect(pageErrors).toEqual([]);
  });
});
