import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualTimers } from "../apps/server/src/connectors/training/timers";
import { buildOperationWithTeam, buildUser, signInAs } from "../apps/server/src/test/accounts";
import { startTestServer, type TestServer } from "../apps/server/src/test/testServer";
import { LOBBY } from "../apps/server/src/test/trainingRange";
import { findAccessibilityViolations } from "./support/accessibility";
import { collectPageErrors, launchBrowser, saveScreenshot } from "./support/browser";
import { signIn } from "./support/signIn";
import { testPatternPng } from "./support/testImage";

// Acceptance (issue 11): from a confirmed training-range conversation to an established
// identity: two findings with uploaded captures, a claim citing both, a reviewer's sign-off, a
// country attributed with its reasons; every page looked at (screenshots) and checked with axe.
describe("identification: from a confirmed conversation to an established identity", () => {
  let server: TestServer;
  let browser: Browser;
  let operationId: string;
  const names = {} as Record<"operator" | "supervisor" | "analyst", string>;
  const timers = new ManualTimers(Date.now());

  beforeAll(async () => {
    server = await startTestServer({ training: { timers, seed: 8 } });
    const team = [];
    for (const role of ["operator", "supervisor", "analyst"] as const) {
      const user = await buildUser(server.store.db, { displayName: `${role} person` });
      names[role] = user.username;
      team.push({ userId: user.id, role });
    }
    operationId = (
      await buildOperationWithTeam(server.store.db, {
        name: "Identification drill",
        isTraining: true,
        team,
      })
    ).id;
    const operator = await signInAs(server.app, names.operator);
    const supervisor = await signInAs(server.app, names.supervisor);
    const api = (session: typeof operator, path: string, payload: object) =>
      server.app.inject({
        method: "POST",
        url: `/api/operations/${operationId}${path}`,
        headers: session.headers,
        payload,
      });
    expect(
      (await api(operator, "/presence", { venueAddress: LOBBY, displayName: "ana" })).statusCode,
    ).toBe(201);
    const counterpart = server.app.consoleRuntime.hub
      .trainingRange(operationId)!
      .spawn("solicits_after_age_statement", LOBBY);
    timers.advance(10_000);
    await server.app.consoleRuntime.queue.drain();
    const conversation = await server.store.db
      .selectFrom("conversations")
      .select("id")
      .where("counterpart_ref", "=", counterpart.id)
      .executeTakeFirstOrThrow();
    await api(operator, `/conversations/${conversation.id}/messages`, { moveId: "age_statement" });
    timers.advance(20_000);
    await server.app.consoleRuntime.queue.drain();
    await api(operator, `/conversations/${conversation.id}/break-off`, {});
    const review = await api(supervisor, `/conversations/${conversation.id}/review`, {
      decision: "confirm",
      reason: "Asked for a paid webcam show after the age statement.",
    });
    expect(review.statusCode, review.body).toBe(200);
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

  /** Opens a collapsible form (a <details>) unless it is open already. */
  async function openForm(page: Page, summary: string) {
    const details = page.locator("details", { has: page.locator("summary", { hasText: summary }) });
    if ((await details.getAttribute("open")) === null) await details.locator("summary").click();
  }

  async function recordFinding(
    page: Page,
    title: string,
    file: { name: string; mimeType: string; buffer: Buffer },
    shows?: string,
  ) {
    await openForm(page, "Record a finding");
    const form = page.getByRole("form", { name: "Record a finding" });
    await form.getByLabel("What it is").fill(title);
    await form.getByLabel("Where you found it (web address)").fill("https://social.example/tom");
    await form.getByLabel("Captured file").setInputFiles(file);
    if (shows) {
      await form.getByLabel("It shows (optional)").selectOption("email");
      await form.getByLabel("Value it shows").fill(shows);
    }
    await form.getByRole("button", { name: "Record the finding" }).click();
    await page.getByRole("heading", { level: 3, name: title }).waitFor();
  }

  it("an analyst records two findings, a claim citing both, and the country with its reasons", async () => {
    const [page, errors] = await pageFor("analyst", `/operations/${operationId}/subjects`);
    await page.getByRole("heading", { level: 1, name: "Subjects" }).waitFor();
    const link = page.locator("table").getByRole("link").first();
    await link.waitFor();
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, "identity-01-subjects");
    await link.click();
    await page.getByRole("heading", { name: "Identifiers" }).waitFor();
    await recordFinding(
      page,
      "Profile page with photo",
      { name: "profile.png", mimeType: "image/png", buffer: testPatternPng() },
      "tom.example@example.de",
    );
    await recordFinding(page, "Business register extract", {
      name: "register.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from("%PDF-1.4\n% register extract\n"),
    });
    // A page disguised as a picture is refused, next to the file field.
    await openForm(page, "Record a finding");
    const form = page.getByRole("form", { name: "Record a finding" });
    await form.getByLabel("What it is").fill("Disguised page");
    await form.getByLabel("Captured file").setInputFiles({
      name: "photo.png",
      mimeType: "image/png",
      buffer: Buffer.from("<html><script>x()</script></html>"),
    });
    await form.getByRole("button", { name: "Record the finding" }).click();
    await form
      .locator(".field-error")
      .getByText(/contents are an HTML page/)
      .waitFor();
    await saveScreenshot(page, "identity-02-finding-refused");

    await openForm(page, "Propose a claim");
    const claim = page.getByRole("form", { name: "Propose a claim" });
    await claim.getByLabel("The subject…").selectOption("uses_email");
    await claim.getByLabel("Value").fill("tom.example@example.de");
    await claim
      .getByLabel("Why this grading")
      .fill("The address is on the profile and in the register.");
    await claim.getByLabel("Finding: Profile page with photo").check();
    await claim.getByLabel("Finding: Business register extract").check();
    await claim.getByRole("button", { name: "Propose the claim" }).click();
    await page.getByText("A reviewer who is not its author must sign it off.").first().waitFor();
    await page.getByText("Usually reliable source; information probably true (B2)").waitFor();

    await page.getByText(/ends in \.de, the domain of DE/).waitFor();
    await page.getByLabel("Country code", { exact: true }).fill("DE");
    await page.getByLabel("Why", { exact: true }).fill("Email domain of the profile.");
    await page.getByRole("button", { name: "Confirm the country" }).click();
    await page.getByText("Germany (DE)").first().waitFor();
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, "identity-03-subject-with-claim-and-country");
    expect(errors).toEqual([]);
  });

  it("a supervisor who did not write it signs it off, and the identity is established", async () => {
    const [page, errors] = await pageFor(
      "supervisor",
      `/operations/${operationId}/claims/awaiting-sign-off`,
    );
    await page.getByRole("heading", { level: 1, name: "Claims awaiting sign-off" }).waitFor();
    await page.getByText("2 independent sources:").waitFor();
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, "identity-04-awaiting-sign-off");
    await page.getByLabel("Sign-off note").fill("Both captures checked.");
    await page.getByRole("button", { name: "Sign off this claim" }).click();
    await page.getByText("No claim awaits sign-off.").waitFor();
    // The list across every operation the supervisor works on, filtered by confidence.
    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Subjects" })
      .click();
    await page
      .getByRole("heading", { level: 1, name: "Subjects across your operations" })
      .waitFor();
    await page.getByLabel("Confidence").selectOption("clues");
    await page.getByText("No subjects match.").waitFor();
    await page.getByLabel("Confidence").selectOption("established");
    await page.locator("table .badge").getByText("Established", { exact: true }).waitFor();
    expect(await page.locator("table tbody tr").count()).toBe(1);
    expect(await page.locator("table tbody").textContent()).toContain("Identification drill");
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, "identity-05-subjects-across-operations");
    await page.locator("table").getByRole("link").first().click();
    await page.getByRole("heading", { name: "Identifiers" }).waitFor();
    expect(await page.locator(".page-heading-meta").textContent()).toContain("Established");
    // Finding pictures stay hidden (no bytes sent) until a budgeted reveal.
    expect(await page.locator(".finding-image img").count()).toBe(0);
    await page
      .getByRole("img", { name: /^Picture hidden until you reveal it/u })
      .first()
      .waitFor();
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, "identity-06-established-subject");
    await page
      .getByRole("button", { name: "Reveal (counts against today's exposure budget)" })
      .first()
      .click();
    const revealed = page.locator(".finding-image img").first();
    await revealed.waitFor();
    await expect
      .poll(() => revealed.evaluate((img: HTMLImageElement) => img.naturalWidth))
      .toBeGreaterThan(0);
    await saveScreenshot(page, "identity-06b-finding-picture-revealed");
    await page.getByRole("link", { name: "Graph view" }).click();
    await page.getByRole("img", { name: /Graph of the subject/ }).waitFor();
    await page.locator(".subject-graph canvas").first().waitFor();
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, "identity-07-graph");
    expect(errors).toEqual([]);
  });
});
