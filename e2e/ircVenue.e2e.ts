import { Client } from "irc-framework";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildOperationWithTeam, buildUser, TEST_PASSWORD } from "../apps/server/src/test/accounts";
import { NgircdServer } from "../apps/server/src/test/chatServers";
import { startTestServer, type TestServer } from "../apps/server/src/test/testServer";
import { findAccessibilityViolations } from "./support/accessibility";
import { collectPageErrors, launchBrowser, saveScreenshot } from "./support/browser";

// A real IRC venue end to end in the browser, against Debian's ngircd on loopback: a supervisor
// adds the network and room on the Venues page and tests it; the operator goes present; a
// counterpart (a real irc-framework client) approaches the persona; the conversation appears
// live with its hostmask; the operator answers with a safe move by keyboard; the counterpart
// receives it and the message reads "sent".

describe("IRC venue", () => {
  let ircd: NgircdServer;
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];
  let operationId: string;
  let supervisorName: string;
  let operatorName: string;
  let venueAddress: string;
  const clients: Client[] = [];

  beforeAll(async () => {
    ircd = await NgircdServer.start();
    venueAddress = `irc://127.0.0.1:${ircd.port}/#lobby`;
    server = await startTestServer();
    const supervisor = await buildUser(server.store.db);
    const operator = await buildUser(server.store.db);
    supervisorName = supervisor.username;
    operatorName = operator.username;
    const operation = await buildOperationWithTeam(server.store.db, {
      name: "IRC lobby watch",
      team: [
        { userId: supervisor.id, role: "supervisor" },
        { userId: operator.id, role: "operator" },
      ],
    });
    operationId = operation.id;
    await server.store.db
      .updateTable("operations")
      .set({ permitted_venues: JSON.stringify([venueAddress]) })
      .where("id", "=", operationId)
      .execute();
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    pageErrors = collectPageErrors(page);
  }, 120_000);

  afterAll(async () => {
    for (const client of clients) client.quit("");
    await browser?.close();
    await server?.close();
    await ircd?.close();
  });

  async function signIn(username: string, next: string) {
    await page.context().clearCookies();
    await page.goto(`${server.url}/sign-in?next=${encodeURIComponent(next)}`);
    await page.getByLabel("Username").fill(username);
    await page.getByLabel("Password").fill(TEST_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
  }

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
    await page.getByRole("button", { name: "Add network" }).click();
    await expect
      .poll(() => page.locator(".venue-table code").allTextContents(), { timeout: 20_000 })
      .toContain(venueAddress);
    expect(await page.content()).not.toContain("stored-sealed-only");
    await page.getByRole("button", { name: "Test connection" }).click();
    await expect
      .poll(() => page.locator(".venue-test-result").textContent(), { timeout: 20_000 })
      .toContain("the account works");
    await saveScreenshot(page, "venues-01-network-added-and-tested");
    expect(await findAccessibilityViolations(page)).toEqual([]);
  });

  it("the operator goes present; a counterpart approaches; the safe move goes out by keyboard and reads sent", async () => {
    await signIn(operatorName, `/operations/${operationId}/console`);
    await page.getByLabel("Venue").fill(venueAddress);
    await page.getByLabel("Persona display name").fill("ana_e");
    await page.getByRole("button", { name: "Go present" }).click();
    await expect
      .poll(() => page.locator(".presence-status").textContent(), { timeout: 20_000 })
      .toContain(venueAddress);

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
    them.say("ana_e", "hi asl? 🙂 \x0304red\x03 <b>bold</b>");

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
