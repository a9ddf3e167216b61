import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualTimers } from "../apps/server/src/connectors/training/timers";
import {
  buildOperationWithTeam,
  buildUser,
  signInAs,
  type SignedIn,
} from "../apps/server/src/test/accounts";
import { startTestServer, type TestServer } from "../apps/server/src/test/testServer";
import { LOBBY } from "../apps/server/src/test/trainingRange";
import { findAccessibilityViolations } from "./support/accessibility";
import { collectPageErrors, launchBrowser, saveScreenshot } from "./support/browser";
import { signIn } from "./support/signIn";
import { testPatternPng } from "./support/testImage";

// Review with the evidence: a supervisor who did not run the conversation reads the transcript
// (timestamps, indicators, masked terms), sees the capture hidden until revealed, the stage history and the
// S6 flags explained, must give a reason, confirms; the operator's console then shows the
// decision and the conversation has left the working list. Each role sees only its controls.
describe("review with the evidence, and each role's controls", () => {
  let server: TestServer;
  let browser: Browser;
  let operationId: string;
  const names = {} as Record<"operator" | "supervisor" | "analyst" | "legal", string>;
  let operator: SignedIn;
  let proposedId: string;
  let proposedHandle: string;
  const timers = new ManualTimers(Date.now());

  beforeAll(async () => {
    server = await startTestServer({ training: { timers, seed: 8 } });
    const team = [];
    for (const role of ["operator", "supervisor", "analyst", "legal"] as const) {
      const user = await buildUser(server.store.db);
      names[role] = user.username;
      team.push({ userId: user.id, role });
    }
    const operation = await buildOperationWithTeam(server.store.db, {
      name: "Review drill",
      isTraining: true,
      team,
    });
    operationId = operation.id;
    operator = await signInAs(server.app, names.operator);
    const api = (method: "POST" | "PUT", path: string, payload: object) =>
      server.app.inject({
        method,
        url: `/api/operations/${operationId}${path}`,
        headers: operator.headers,
        payload,
      });
    expect(
      (await api("POST", "/presence", { venueAddress: LOBBY, displayName: "ana" })).statusCode,
    ).toBe(201);
    const range = server.app.consoleRuntime.hub.trainingRange(operationId)!;
    const counterpart = range.spawn("solicits_after_age_statement", LOBBY);
    proposedHandle = counterpart.handle;
    timers.advance(10_000);
    await server.app.consoleRuntime.queue.drain();
    const conversation = await server.store.db
      .selectFrom("conversations")
      .select("id")
      .where("counterpart_ref", "=", counterpart.id)
      .executeTakeFirstOrThrow();
    proposedId = conversation.id;
    await api("POST", `/conversations/${proposedId}/messages`, { moveId: "age_statement" });
    timers.advance(20_000);
    await server.app.consoleRuntime.queue.drain();
    const capture = await api("POST", `/conversations/${proposedId}/captures`, {
      fileName: "webcam.png",
      mediaType: "image/png",
      dataBase64: testPatternPng().toString("base64"),
    });
    expect(capture.statusCode, capture.body).toBe(201);
    await api("POST", `/conversations/${proposedId}/break-off`, {});
    // A second, open conversation stays in the operator's working list.
    range.spawn("benign_chatter", LOBBY);
    timers.advance(10_000);
    await server.app.consoleRuntime.queue.drain();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function pageFor(role: keyof typeof names, next: string): Promise<[Page, string[]]> {
    const page = await (
      await browser.newContext({ viewport: { width: 1280, height: 900 } })
    ).newPage();
    const errors = collectPageErrors(page);
    await signIn(page, server.url, names[role], next);
    return [page, errors];
  }

  it("lets a supervisor review with the transcript and a capture, and requires a reason", async () => {
    const [page, errors] = await pageFor("supervisor", `/operations/${operationId}/review`);
    await page.getByRole("heading", { level: 1, name: "Review queue" }).waitFor();
    await page.getByText("TRAINING", { exact: true }).waitFor();
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await page
      .getByRole("link", { name: new RegExp(`Read the evidence and decide for ${proposedHandle}`) })
      .click();
    await page.getByRole("heading", { level: 1, name: `Review: ${proposedHandle}` }).waitFor();
    const transcript = page.getByRole("list", { name: "Transcript" });
    await transcript.locator(".transcript-in").first().waitFor();
    expect(await transcript.locator("time").count()).toBeGreaterThan(3);
    expect(await transcript.locator(".transcript-out").count()).toBe(2);
    await transcript.getByText("The persona broke off the conversation.").waitFor();
    // The capture's bytes stay on the server until the reviewer reveals it (S8).
    await page.getByRole("img", { name: /hidden until you reveal it/ }).waitFor();
    expect(await page.locator(".capture-item img").count()).toBe(0);
    await page.getByText(`Ran by`).waitFor();
    expect(await page.locator(".page-heading-meta").textContent()).toContain(names.operator);
    await page.getByRole("heading", { name: "Stage history" }).waitFor();
    expect(await page.locator(".history-list li").count()).toBeGreaterThan(2);
    await page.getByText(/None: the counterpart started the conversation/).waitFor();
    expect(await findAccessibilityViolations(page)).toEqual([]);

    await page.getByRole("button", { name: "Confirm criteria met" }).click();
    const fieldError = page.locator("#decision-reason-error");
    await fieldError.waitFor();
    expect(await fieldError.textContent()).toBe(
      "Give the reason for the decision: what in the transcript supports it.",
    );
    expect(await page.getByLabel("Reason for the decision").getAttribute("aria-invalid")).toBe(
      "true",
    );
    await saveScreenshot(page, "review-01-evidence-and-reason-required");

    await page
      .getByLabel("Reason for the decision")
      .fill("Age stated before the webcam request; the counterpart initiated and asked.");
    await page.getByRole("button", { name: "Confirm criteria met" }).click();
    await page.getByRole("note").getByText("Confirmed").waitFor();
    expect(await page.getByRole("note").textContent()).toContain(
      "Age stated before the webcam request",
    );
    await saveScreenshot(page, "review-02-confirmed-with-reason");
    expect(errors).toEqual([]);
  });

  it("shows the decision, reviewer and reason in the operator's console, out of the working list", async () => {
    const [page, errors] = await pageFor("operator", `/operations/${operationId}/console`);
    await page.getByRole("heading", { level: 1, name: "Live console" }).waitFor();
    const list = page.getByRole("navigation", { name: "Conversations" });
    await list.getByRole("button", { name: /Working \(1\)/ }).waitFor();
    expect(await list.getByText(proposedHandle).count()).toBe(0);
    await list.getByRole("button", { name: /Archive \(1\)/ }).click();
    await list.getByText(/confirmed by/).waitFor();
    await list.getByText(proposedHandle).click();
    const note = page.getByRole("note");
    await note.waitFor();
    expect(await note.textContent()).toContain("Confirmed by");
    expect(await note.textContent()).toContain("Age stated before the webcam request");
    // Closed: no language choice, no moves, no typing.
    expect(await page.getByLabel("Safe-move language").count()).toBe(0);
    expect(await page.getByRole("group", { name: "Safe moves" }).count()).toBe(0);
    await page.getByText("This conversation is closed: nothing more can be sent in it.").waitFor();
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, "review-03-decision-in-operator-archive");

    // N with nothing unread says so.
    await list.getByRole("button", { name: /Working/ }).click();
    await page.locator("body").click({ position: { x: 5, y: 5 } });
    await server.store.db
      .updateTable("conversations")
      .set({ unread_count: 0 })
      .where("operation_id", "=", operationId)
      .execute();
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Live console" }).waitFor();
    await page.locator("body").click({ position: { x: 5, y: 5 } });
    await page.keyboard.press("n");
    await page
      .getByText("Nothing needs your attention: no open conversation has unread messages.")
      .waitFor();

    // An error is said next to its field, and the banner clears after the next success.
    await page.locator(".conversation-item").first().click();
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await page.locator(".composer .field-error").getByText("Type a message first.").waitFor();
    const banner = page.getByRole("alert");
    await banner.waitFor();
    expect(await banner.textContent()).not.toMatch(/Invalid|body|expected|received/);
    await saveScreenshot(page, "review-04-field-error-next-to-composer");
    await page
      .getByRole("group", { name: "Safe moves" })
      .getByRole("button", { name: /Greeting/ })
      .click();
    await expect.poll(() => page.getByRole("alert").count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it("shows each role only its controls", async () => {
    const seen: Record<string, string[]> = {};
    for (const role of ["operator", "analyst", "legal", "supervisor"] as const) {
      const [page, errors] = await pageFor(role, `/operations/${operationId}/console`);
      const heading = page.getByRole("heading", { level: 1 });
      await heading.waitFor();
      await page.getByRole("navigation", { name: "Operation pages" }).waitFor();
      seen[role] = await page
        .getByRole("navigation", { name: "Operation pages" })
        .getByRole("link")
        .allTextContents();
      const title = await heading.textContent();
      // The open conversation (the decided one is in the archive, where nothing can be sent).
      await page.locator(".conversation-item").first().click();
      await page.getByRole("list", { name: "Transcript" }).waitFor();
      const moves = await page.getByRole("group", { name: "Safe moves" }).count();
      const composer = await page.getByLabel("Message typed by you").count();
      const presence = await page.getByRole("region", { name: "Presence" }).count();
      const upload = await page.getByLabel(/Add a capture/).count();
      await saveScreenshot(page, `roles-${role}-console`);
      if (role === "operator" || role === "supervisor") {
        expect(title).toBe("Live console");
        expect([moves, composer, presence, upload]).toEqual([1, 1, 1, 1]);
      } else {
        expect(title).toBe("Transcripts (read only)");
        expect([moves, composer, presence, upload]).toEqual([0, 0, 0, 0]);
      }
      expect(await findAccessibilityViolations(page)).toEqual([]);
      await saveScreenshot(page, `roles-${role}-console`);
      expect(errors).toEqual([]);
      await page.context().close();
    }
    expect(seen).toEqual({
      operator: ["Overview", "Live console", "Venues"],
      analyst: ["Overview", "Transcripts (read only)", "Subjects", "Referrals"],
      legal: [
        "Overview",
        "Transcripts (read only)",
        "Supervision",
        "Subjects",
        "Referrals",
        "Signed heads",
        "Audit log",
      ],
      supervisor: [
        "Overview",
        "Live console",
        "Review queue",
        "Supervision",
        "Subjects",
        "Referrals",
        "Signed heads",
        "Audit log",
        "Venues",
      ],
    });
  });
});
