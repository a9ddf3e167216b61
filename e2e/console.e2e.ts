import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildOperationWithTeam, buildUser, TEST_PASSWORD } from "../apps/server/src/test/accounts";
import { startTestServer, type TestServer } from "../apps/server/src/test/testServer";
import { findAccessibilityViolations } from "./support/accessibility";
import { collectPageErrors, launchBrowser, saveScreenshot } from "./support/browser";

// The live console end to end: an operator goes present in the training range and handles three
// synthetic counterparts at once, with the keyboard only, from approach to break-off; the
// keystrokes per contact are counted. A supervisor who did not run them confirms one proposal.
// Hostile names and messages render as text, and a strict CSP is sent.

const LOBBY = "training://lobby";

describe("live console", () => {
  let server: TestServer;
  let browser: Browser;
  let operatorPage: Page;
  let pageErrors: string[];
  let operationId: string;
  let operatorName: string;
  let supervisorName: string;
  let cspHeader: string | undefined;

  beforeAll(async () => {
    server = await startTestServer();
    server.app.consoleRuntime.hub.trainingOptions = { seed: 21 };
    const operator = await buildUser(server.store.db);
    const supervisor = await buildUser(server.store.db);
    operatorName = operator.username;
    supervisorName = supervisor.username;
    const operation = await buildOperationWithTeam(server.store.db, {
      name: "Training range drill",
      isTraining: true,
      team: [
        { userId: operator.id, role: "operator" },
        { userId: supervisor.id, role: "supervisor" },
      ],
    });
    operationId = operation.id;
    browser = await launchBrowser();
    operatorPage = await (
      await browser.newContext({ viewport: { width: 1280, height: 900 } })
    ).newPage();
    pageErrors = collectPageErrors(operatorPage);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function signIn(page: Page, username: string, next: string) {
    const response = await page.goto(`${server.url}/sign-in?next=${encodeURIComponent(next)}`);
    cspHeader ??= response?.headers()["content-security-policy"];
    await page.getByLabel("Username").fill(username);
    await page.getByLabel("Password").fill(TEST_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
  }

  /** Handles of conversations that show unread messages, in list order. */
  async function unreadHandles(page: Page): Promise<string[]> {
    return page
      .locator(".conversation-item")
      .filter({ has: page.locator(".unread") })
      .locator(".conversation-handle")
      .allTextContents();
  }

  async function selectedHandle(page: Page): Promise<string> {
    return (
      (await page
        .locator('.conversation-item[aria-current="true"] .conversation-handle')
        .textContent()) ?? ""
    );
  }

  it("handles three counterparts at once to break-off with the keyboard only, ≤ 4 keys per contact", async () => {
    const page = operatorPage;
    await signIn(page, operatorName, `/operations/${operationId}/console`);
    await page.getByRole("heading", { level: 1, name: "Live console" }).waitFor();
    await page.getByRole("button", { name: "Go present" }).click();
    await page.getByText(`Present in ${LOBBY}`).waitFor();

    const range = server.app.consoleRuntime.hub.trainingRange(operationId)!;
    const handles = [0, 1, 2].map(() => range.spawn("solicits_after_age_statement", LOBBY).handle);
    const keystrokes = new Map<string, number>(handles.map((handle) => [handle, 0]));
    // Move focus off any field so the keys go to the console.
    await page.locator("body").click({ position: { x: 5, y: 5 } });

    const press = async (key: string, handle: string) => {
      await page.keyboard.press(key);
      keystrokes.set(handle, (keystrokes.get(handle) ?? 0) + 1);
    };

    // Two rounds: each counterpart opens (→ age statement), then solicits (→ break-off).
    for (const [round, key] of [
      ["age", "2"],
      ["break", "5"],
    ] as const) {
      const handled = new Set<string>();
      while (handled.size < 3) {
        await expect.poll(() => unreadHandles(page), { timeout: 30_000 }).not.toEqual([]);
        await page.keyboard.press("n");
        const handle = await selectedHandle(page);
        expect(handles).toContain(handle);
        keystrokes.set(handle, keystrokes.get(handle)! + 1);
        await press(key, handle);
        handled.add(handle);
        // The move is applied: the conversation is read (and, after the break-off, closed).
        await expect
          .poll(async () => (await unreadHandles(page)).includes(handle), { timeout: 10_000 })
          .toBe(false);
        if (round === "break") {
          // Broken off, it leaves the working list for the archive; the pane still shows it.
          await expect
            .poll(() => page.locator(".conversation-item .conversation-handle").allTextContents())
            .not.toContain(handle);
          await expect
            .poll(() => page.locator(".conversation-pane .conversation-title").textContent())
            .toContain("broken off");
        }
      }
      if (round === "age") await saveScreenshot(page, "console-01-three-contacts-age-stated");
    }
    await saveScreenshot(page, "console-02-three-contacts-broken-off");

    // The legend says what each highlight in the transcript means, stage-moving ones first seen.
    await page.getByText("What the highlights mean").click();
    const legend = page.locator(".indicator-legend");
    await expect.poll(() => legend.textContent()).toContain("Asks her age");
    await expect.poll(() => legend.textContent()).toContain("Asks for camera");
    await expect
      .poll(() => page.locator(".transcript mark.indicator-solicits").first().getAttribute("title"))
      .toBe("Asks for camera");
    await saveScreenshot(page, "console-02b-indicator-legend");
    expect(await findAccessibilityViolations(page)).toEqual([]);

    console.log(
      "keystrokes per contact (age statement → break-off):",
      Object.fromEntries(keystrokes),
    );
    for (const count of keystrokes.values()) expect(count).toBeLessThanOrEqual(4);

    const conversations = await server.store.db.selectFrom("conversations").selectAll().execute();
    expect(conversations).toHaveLength(3);
    for (const conversation of conversations) {
      expect(conversation).toMatchObject({
        broken_off: true,
        stage: "solicited",
        proposed: true,
        flags: [],
      });
    }
    // S2: every persona line in the database has its operator and, as library moves, the library version.
    const outgoing = await server.store.db
      .selectFrom("messages")
      .selectAll()
      .where("direction", "=", "out")
      .execute();
    expect(outgoing).toHaveLength(6);
    expect(
      outgoing.every(
        (message) => message.sent_by !== null && message.move_library_version !== null,
      ),
    ).toBe(true);
    expect(pageErrors).toEqual([]);
  });

  it("lets a supervisor who did not run the conversation confirm a proposal", async () => {
    const page = await (
      await browser.newContext({ viewport: { width: 1280, height: 900 } })
    ).newPage();
    const errors = collectPageErrors(page);
    await signIn(page, supervisorName, `/operations/${operationId}/review`);
    await page.getByRole("heading", { level: 1, name: "Review queue" }).waitFor();
    const first = page.locator(".review-item").first();
    await first.waitFor();
    expect(await page.locator(".review-item").count()).toBe(3);
    await saveScreenshot(page, "console-03-review-queue");
    await first.getByRole("link", { name: /Read the evidence and decide/ }).click();
    await page
      .getByLabel("Reason for the decision")
      .fill("Age stated before the webcam request; counterpart initiated.");
    await page.getByRole("button", { name: "Confirm criteria met" }).click();
    await page.getByRole("note").getByText("Confirmed").waitFor();
    await page.getByRole("link", { name: "Review queue" }).first().click();
    await expect.poll(() => page.locator(".review-item").count()).toBe(2);
    await saveScreenshot(page, "console-04-review-after-confirm");
    const reviews = await server.store.db.selectFrom("conversation_reviews").selectAll().execute();
    expect(reviews).toEqual([expect.objectContaining({ decision: "confirm" })]);
    expect(await server.store.db.selectFrom("subjects").select("id").execute()).toHaveLength(1);
    expect(errors).toEqual([]);
  });

  it("renders hostile nicknames and messages as plain text under a strict CSP", async () => {
    expect(cspHeader).toContain("script-src 'self'");
    expect(cspHeader).not.toContain("unsafe-inline");
    const page = operatorPage;
    const range = server.app.consoleRuntime.hub.trainingRange(operationId)!;
    const hostile = range.spawn("hostile_markup", LOBBY);
    await expect.poll(() => unreadHandles(page), { timeout: 30_000 }).toContain(hostile.handle);
    await page.keyboard.press("n");
    expect(await selectedHandle(page)).toBe(hostile.handle);
    await page.locator(".transcript-line").filter({ hasText: "<script>" }).first().waitFor();
    await expect.poll(() => page.locator(".transcript-line").count(), { timeout: 15_000 }).toBe(2);
    await saveScreenshot(page, "console-05-hostile-input-as-text");
    // Evaluated in the page (this file is type-checked without the DOM library).
    const flags = await page.evaluate(`({
      xss: window.__sweetieXss ?? null,
      injectedImages: document.querySelectorAll(".console img").length,
      injectedScripts: document.querySelectorAll(".console script").length,
      injectedFrames: document.querySelectorAll("iframe").length,
      injectedLinks: document.querySelectorAll(".console a[href^='javascript']").length,
    })`);
    expect(flags).toEqual({
      xss: null,
      injectedImages: 0,
      injectedScripts: 0,
      injectedFrames: 0,
      injectedLinks: 0,
    });
    expect(pageErrors).toEqual([]);
  });

  it("keeps a capture hidden on the server until the operator reveals it", async () => {
    const page = operatorPage;
    const png = Buffer.from(
      "89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
        "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082",
      "hex",
    );
    await page
      .getByLabel(/Add a capture/)
      .setInputFiles({ name: "webcam.png", mimeType: "image/png", buffer: png });
    // Nothing of the capture reaches the browser before the reveal (S8 on the server).
    await page
      .getByRole("img", { name: "Capture webcam.png, hidden until you reveal it" })
      .waitFor();
    expect(await page.locator(".capture-item img").count()).toBe(0);
    await saveScreenshot(page, "console-06-capture-masked");
    await page.getByRole("button", { name: "Reveal capture" }).click();
    const image = page.locator(".capture-item img");
    await image.waitFor();
    await expect
      .poll(() => page.evaluate<number>(`document.querySelector(".capture-item img").naturalWidth`))
      .toBe(1);
    const audit = await server.store.db
      .selectFrom("audit")
      .select("action")
      .where("action", "in", ["capture.added", "evidence.reveal"])
      .execute();
    expect(audit.map((row) => row.action).sort()).toEqual(["capture.added", "evidence.reveal"]);
    expect(pageErrors).toEqual([]);
  });
});
