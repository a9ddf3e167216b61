import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildOperationWithTeam, buildUser, TEST_PASSWORD } from "../apps/server/src/test/accounts";
import { startTestServer, type TestServer } from "../apps/server/src/test/testServer";
import { findAccessibilityViolations } from "./support/accessibility";
import { collectPageErrors, launchBrowser, saveScreenshot } from "./support/browser";
import { signIn } from "./support/signIn";

// Administration from the console: a system administrator opens an operation with its
// authorization and persona, creates an account (one-time password shown once), declares a
// persona, closes the operation; an operator meets the persona-consistency hold; each role sees
// only its controls; two-factor enrolment shows a QR code.

const LOBBY = "training://lobby";

describe("administration in the console", () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];
  let adminName: string;
  let operatorName: string;
  let operationId: string;

  beforeAll(async () => {
    server = await startTestServer();
    server.app.consoleRuntime.hub.trainingOptions = { seed: 4 };
    adminName = (await buildUser(server.store.db, { isAdmin: true })).username;
    operatorName = (await buildUser(server.store.db)).username;
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    pageErrors = collectPageErrors(page);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const signOut = async () => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
  };

  it("opens an operation with its authorization record and persona", async () => {
    await signIn(page, server.url, adminName, "/operations");
    await page.getByRole("link", { name: "New operation" }).first().click();
    await page.getByRole("heading", { level: 1, name: "New operation" }).waitFor();
    expect(await findAccessibilityViolations(page)).toEqual([]);
    // A mistake is said next to the field, in words.
    await page.getByRole("button", { name: "Open the operation" }).click();
    await page.getByText("Enter where the persona lives").first().waitFor();
    await page.getByLabel("Operation name").fill("Operation Lantern");
    await page.getByLabel("Deter: break off with a warning notice").check();
    await page.getByLabel("Issuing authority").fill("Regional Prosecutor, Cebu");
    await page.getByLabel("Reference").fill("RP-2026-117");
    await page.getByLabel("Partner police unit").fill("Women and Children Protection Center");
    await page.getByLabel("Persona's name").fill("Maya");
    await page.getByLabel("Where the persona lives").fill("Cebu, Philippines");
    await page.getByLabel("Display names").fill("maya_10, mayaa");
    await saveScreenshot(page, "60-new-operation");
    await page.getByRole("button", { name: "Open the operation" }).click();
    await page.getByRole("heading", { level: 1, name: "Operation Lantern" }).waitFor();
    operationId = new URL(page.url()).pathname.split("/")[2]!;
    expect(await page.getByRole("main").textContent()).toContain("RP-2026-117");
    const audit = await server.store.db
      .selectFrom("audit")
      .select("action")
      .where("operation_id", "=", operationId)
      .execute();
    expect(audit.map((row) => row.action)).toEqual(
      expect.arrayContaining(["operation.create", "persona.create"]),
    );
  });

  it("creates an account with a one-time password shown once, and adds it to the team", async () => {
    await page.getByRole("link", { name: "People" }).click();
    await page.getByRole("heading", { level: 1, name: "People" }).waitFor();
    await page.getByLabel("Username").fill("ana.reyes");
    await page.getByLabel("Full name").fill("Ana Reyes");
    await page.getByRole("button", { name: "Create account" }).click();
    const password = await page.getByTestId("one-time-password").textContent();
    expect(password).toMatch(/^[a-z0-9]{4}(-[a-z0-9]{4}){3}$/);
    await page.getByRole("button", { name: "Require two-factor sign-in for ana.reyes" }).click();
    await page.getByRole("cell", { name: "Required, not set up" }).waitFor();
    await saveScreenshot(page, "61-people");
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "I have handed it over" }).click();
    await page.getByTestId("one-time-password").waitFor({ state: "detached" });
    expect(await page.getByRole("main").textContent()).not.toContain(password!);

    await page.goto(`${server.url}/operations/${operationId}`);
    await page.getByLabel("Username").fill("nobody.here");
    await page.getByRole("button", { name: "Add member" }).click();
    const refusal = page.getByText('No user is named "nobody.here"');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain("create the account under People");
    expect(await refusal.textContent()).not.toContain("ask");
    await page.getByLabel("Username").fill("ana.reyes");
    await page.getByRole("button", { name: "Add member" }).click();
    await page.getByText("Ana Reyes (ana.reyes) was added as Operator.").waitFor();
  });

  it("declares a persona with the authorization's age", async () => {
    await page.getByRole("link", { name: "Personas" }).click();
    await page.getByRole("heading", { level: 1, name: "Personas" }).waitFor();
    await page.getByRole("heading", { level: 2, name: "Maya" }).waitFor();
    await page.getByLabel("Name", { exact: true }).fill("Joy");
    await page.getByLabel("Where the persona lives").fill("Davao, Philippines");
    await page.getByLabel("Display names").fill("joyjoy");
    await page.getByRole("button", { name: "Declare persona" }).click();
    await page.getByRole("heading", { level: 2, name: "Joy" }).waitFor();
    await saveScreenshot(page, "62-personas");
    expect(await findAccessibilityViolations(page)).toEqual([]);
  });

  it("closes the operation, after a second confirmation", async () => {
    await page.goto(`${server.url}/operations/${operationId}`);
    await page.getByLabel("Why it closes").fill("Authorization ended");
    await page.getByRole("button", { name: "Close the operation" }).click();
    await page.getByRole("button", { name: "Yes, close the operation" }).click();
    await page.getByRole("heading", { level: 2, name: "Closed" }).waitFor();
    expect(await page.getByRole("main").textContent()).toContain("Authorization ended");
    await saveScreenshot(page, "63-operation-closed");
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await signOut();
  });

  it("holds persona text that contradicts the persona until the operator confirms", async () => {
    const operator = await server.store.db
      .selectFrom("users")
      .select("id")
      .where("username", "=", operatorName)
      .executeTakeFirstOrThrow();
    const training = await buildOperationWithTeam(server.store.db, {
      name: "Practice range",
      isTraining: true,
      team: [{ userId: operator.id, role: "operator" }],
    });
    await server.store.db
      .insertInto("personas")
      .values({
        operation_id: training.id,
        name: "Maya",
        age: 10,
        gender: "girl",
        location: "Cebu, Philippines",
        display_names: JSON.stringify(["maya_10"]),
      })
      .execute();
    await signIn(page, server.url, operatorName, `/operations/${training.id}/console`);
    await page.getByRole("heading", { level: 1, name: "Live console" }).waitFor();
    await page.getByRole("button", { name: "Go present" }).click();
    await page.getByText(`Present in ${LOBBY}`).waitFor();
    const range = server.app.consoleRuntime.hub.trainingRange(training.id)!;
    const { handle, id: counterpartId } = range.spawn("solicits_after_age_statement", LOBBY);
    await page.locator(".conversation-handle", { hasText: handle }).first().click();
    await page.getByLabel("Message typed by you").fill("im 13 and i live in manila");
    await page.getByRole("button", { name: "Send", exact: true }).click();
    const warning = page.getByRole("alert").filter({ hasText: "Held before sending" });
    await warning.waitFor();
    expect(await warning.textContent()).toContain("The persona is 10, but this message says 13.");
    expect(range.receivedBy(counterpartId)).toEqual([]);
    await saveScreenshot(page, "64-persona-warning");
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Send anyway" }).click();
    await expect
      .poll(() => range.receivedBy(counterpartId))
      .toEqual(["im 13 and i live in manila"]);
    await page.getByText("sent it anyway").first().waitFor();
  });

  it("shows each role only its controls", async () => {
    // An operator: no People, no New operation, no closing, no persona form.
    await page.goto(`${server.url}/operations`);
    await page.getByRole("heading", { level: 1, name: "Operations" }).waitFor();
    expect(await page.getByRole("link", { name: "People" }).count()).toBe(0);
    expect(await page.getByRole("link", { name: "New operation" }).count()).toBe(0);
    const training = await server.store.db
      .selectFrom("operations")
      .select("id")
      .where("name", "=", "Practice range")
      .executeTakeFirstOrThrow();
    await page.goto(`${server.url}/operations/${training.id}`);
    await page.getByRole("heading", { level: 1, name: "Practice range" }).waitFor();
    expect(await page.getByRole("button", { name: "Close the operation" }).count()).toBe(0);
    await page.getByRole("link", { name: "Personas" }).click();
    await page.getByRole("heading", { level: 2, name: "Maya" }).waitFor();
    expect(await page.getByRole("button", { name: "Declare persona" }).count()).toBe(0);
    await page.goto(`${server.url}/people`);
    await page.getByText("Only system administrators manage accounts.").waitFor();
  });

  it("shows a QR code beside the setup key for two-factor sign-in", async () => {
    await page.goto(`${server.url}/account/two-factor`);
    await page.getByLabel("Current password").fill(TEST_PASSWORD);
    await page.getByRole("button", { name: "Set up two-factor sign-in" }).click();
    const qr = page.getByTestId("totp-qr");
    await qr.waitFor();
    expect(
      await qr.evaluate((image) => (image as unknown as { naturalWidth: number }).naturalWidth),
    ).toBeGreaterThan(0);
    await saveScreenshot(page, "65-two-factor-qr");
    expect(await findAccessibilityViolations(page)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
