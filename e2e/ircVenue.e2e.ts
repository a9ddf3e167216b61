import { Client } from "irc-framework";
import { createConnection, type Socket } from "node:net";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyLedger } from "../apps/server/src/ledger/ledgerVerifier";
import { NgircdServer } from "../apps/server/src/test/chatServers";
import { waitUntil } from "../apps/server/src/test/loopback";
import { signEveryLedger } from "../apps/server/src/test/testSigner";
import type { TestServer } from "../apps/server/src/test/testServer";
import { findAccessibilityViolations } from "./support/accessibility";
import { saveScreenshot } from "./support/browser";
import { startVenueConsole, type VenueConsole } from "./support/venueConsole";

// A real IRC venue end to end in the browser, against Debian's ngircd on loopback: a supervisor
// adds the network and room on the Venues page and tests it; the operator goes present; a
// counterpart (a real irc-framework client) approaches the persona; the conversation appears
// live with its hostmask; the operator answers with a safe move by keyboard; the counterpart
// receives it and the message reads "sent". A raw socket then writes what no library would:
// invalid UTF-8 with control bytes, and a full 512-byte line; both are kept byte-exact in the
// database and the ledger and shown inert.

const HELLO = "hi asl? 🙂 \x0304red\x03 \x02bold\x02 \x1funder\x1f <b>bold</b>";
const INVALID = Buffer.from([
  0x68, 0x69, 0x20, 0xff, 0xfe, 0xc3, 0x28, 0x20, 0x07, 0x1b, 0x5b, 0x33, 0x31, 0x6d, 0x3c, 0x69,
  0x3e,
]);
const FULL_HEAD = "PRIVMSG ana_e :";
const FULL_TEXT = "y".repeat(512 - FULL_HEAD.length - 2);

describe("IRC venue", () => {
  let ircd: NgircdServer;
  let server: TestServer;
  let setup: VenueConsole;
  let page: Page;
  let pageErrors: string[];
  let operationId: string;
  let supervisorName: string;
  let operatorName: string;
  let venueAddress: string;
  const clients: Client[] = [];
  const sockets: Socket[] = [];

  beforeAll(async () => {
    ircd = await NgircdServer.start();
    venueAddress = `irc://127.0.0.1:${ircd.port}/#lobby`;
    setup = await startVenueConsole({ operationName: "IRC lobby watch", venueAddress });
    ({ server, page, pageErrors, operationId, supervisorName, operatorName } = setup);
  }, 120_000);

  afterAll(async () => {
    for (const client of clients) client.quit("");
    for (const socket of sockets) socket.destroy();
    await setup?.close();
    await ircd?.close();
  });

  const signIn = (username: string, next: string) => setup.signIn(username, next);

  it("a supervisor adds the network and room, and tests the connection", async () => {
    await signIn(supervisorName, `/operations/${operationId}/venues`);
    await expect
      .poll(() => page.getByRole("heading", { name: "Venues" }).count(), { timeout: 30_000 })
      .toBe(1);
    await page.getByLabel("Server host").fill("127.0.0.1");
    await page.getByLabel("Port").fill(String(ircd.port));
    await page.getByLabel("Connect with TLS").uncheck();
    await page.getByLabel("Account", { exact: true }).fill("ana_e");
    await page.getByLabel("Password (optional)").fill("stored-sealed-only");
    await page.getByLabel("Rooms").fill("#other");
    await page.getByRole("button", { name: "Add network" }).click();
    // Outside the authorization: refused, next to the field, in words.
    await expect
      .poll(() => page.getByRole("alert").first().textContent(), { timeout: 20_000 })
      .toContain("does not permit #other");
    await page.getByLabel("Rooms").fill("#lobby");
    await setup.addAndTestNetwork(20_000);
    expect(await page.content()).not.toContain("stored-sealed-only");
    await saveScreenshot(page, "venues-01-network-added-and-tested");
    expect(await findAccessibilityViolations(page)).toEqual([]);
  });

  it("the operator goes present; a counterpart approaches; the safe move goes out by keyboard and reads sent", async () => {
    await signIn(operatorName, `/operations/${operationId}/console`);
    await setup.goPresent("ana_e", 20_000);

    const them = new Client();
    clients.push(them);
    const received: string[] = [];
    them.on("privmsg", (event: { target: string; message: string }) => {
      if (event.target === "visitor_e") received.push(event.message);
    });
    const registered = new Promise<void>((resolve) => them.once("registered", () => resolve()));
    them.connect({ host: ircd.host, port: ircd.port, nick: "visitor_e", auto_reconnect: false });
    await registered;
    const joined = new Promise<void>((resolve) => them.once("join", () => resolve()));
    them.join("#lobby");
    await joined;
    them.say("ana_e", HELLO);

    await expect
      .poll(() => page.locator(".conversation-item .conversation-handle").allTextContents(), {
        timeout: 30_000,
      })
      .toContain("visitor_e");
    await page.locator("body").click({ position: { x: 5, y: 5 } });
    await page.keyboard.press("n");
    await expect
      .poll(() => page.locator(".conversation-origin").textContent(), { timeout: 20_000 })
      .toMatch(/visitor_e!~?\w+@127\.0\.0\.1 on 127\.0\.0\.1 \(server irc\.test\.local\)/);
    // Markup arrives as text, never as HTML.
    expect(await page.locator(".conversation-pane b").count()).toBe(0);
    await page.keyboard.press("2");
    await expect.poll(() => received, { timeout: 20_000 }).toContain("im 10");
    await expect
      .poll(() =>
        page.locator(".transcript-out [data-delivery]").last().getAttribute("data-delivery"),
      )
      .toBe("sent");
    await saveScreenshot(page, "venues-02-irc-conversation-sent");
    expect(await findAccessibilityViolations(page)).toEqual([]);

    // Bytes no library would send, over a raw socket: invalid UTF-8 with a bell, an ANSI escape
    // and a tag; then a full 512-byte line (CR LF included).
    const raw = createConnection({ host: ircd.host, port: ircd.port });
    sockets.push(raw);
    let seen = "";
    raw.on("data", (data: Buffer) => (seen += data.toString("latin1")));
    raw.write("NICK rawbytes\r\nUSER rawbytes 0 * :rawbytes\r\n");
    await waitUntil(() => / 001 /.test(seen), { what: "the raw client to register" });
    raw.write(Buffer.concat([Buffer.from(FULL_HEAD), INVALID, Buffer.from("\r\n")]));
    raw.write(`${FULL_HEAD}${FULL_TEXT}\r\n`);
    await page.locator(".conversation-item", { hasText: "rawbytes" }).click({ timeout: 30_000 });
    await expect.poll(() => page.locator(".transcript-in").count(), { timeout: 30_000 }).toBe(2);
    await expect
      .poll(() => page.locator(".transcript").textContent())
      .toContain(`not valid text; ${INVALID.length} bytes kept exactly`);
    expect(await page.locator(".transcript i, .transcript b").count()).toBe(0);
    await saveScreenshot(page, "venues-02b-irc-raw-bytes-inert");

    await server.app.consoleRuntime.queue.drain();
    const rows = await server.store.db
      .selectFrom("messages")
      .innerJoin("conversations", "conversations.id", "messages.conversation_id")
      .leftJoin("message_wire", "message_wire.message_id", "messages.id")
      .select(["conversations.counterpart_handle", "messages.body_bytes", "message_wire.wire"])
      .where("messages.operation_id", "=", operationId)
      .where("messages.direction", "=", "in")
      .orderBy("messages.created_at")
      .execute();
    expect(rows.map((row) => row.counterpart_handle)).toEqual([
      "visitor_e",
      "rawbytes",
      "rawbytes",
    ]);
    const [hello, invalid, full] = rows.map((row) => ({
      bytes: Buffer.from(row.body_bytes),
      wire: Buffer.from(row.wire!),
    }));
    expect(hello!.bytes.equals(Buffer.from(HELLO))).toBe(true);
    expect(invalid!.bytes.equals(INVALID)).toBe(true);
    // The server relays the line with the sender's prefix, cut to 512 bytes.
    expect(full!.wire.length).toBe(512);
    expect(full!.bytes.length).toBeGreaterThan(400);
    // ngircd marks the cut itself: what arrived, marker included, is what is kept.
    expect(full!.bytes.toString("latin1")).toMatch(/^y+\[CUT\]$/);
    for (const row of [hello!, invalid!, full!]) {
      expect(row.wire.includes(row.bytes)).toBe(true);
      expect(row.wire.subarray(-2).toString()).toBe("\r\n");
    }
    await signEveryLedger(server.store.db);
    expect((await verifyLedger(server.store.db, { operationId })).problem).toBeNull();
    const wireEntries = await server.store.db
      .selectFrom("ledger_entries")
      .select("id")
      .where("operation_id", "=", operationId)
      .where("kind", "=", "message_wire")
      .execute();
    expect(wireEntries).toHaveLength(3);

    await page.goto(`${server.url}/operations/${operationId}/venues`);
    await expect
      .poll(() => page.locator(".venue-state").textContent(), { timeout: 20_000 })
      .toContain("Connected");
    await page.getByRole("button", { name: `Leave ${venueAddress}` }).click();
    await expect
      .poll(() => page.getByText("Not present in any venue on this server.").count(), {
        timeout: 20_000,
      })
      .toBe(1);
    await saveScreenshot(page, "venues-03-left");
    expect(pageErrors).toEqual([]);
  });
});
