import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_PASSWORD, buildOperationWithTeam, buildUser } from "../apps/server/src/test/accounts";
import { startTestServer, type TestServer } from "../apps/server/src/test/testServer";
import { findAccessibilityViolations } from "./support/accessibility";
import { collectPageErrors, launchBrowser, saveScreenshot } from "./support/browser";

// What a team member who is not an admin sees: an empty list that says what to do, an
// operation without management controls, a shared link that survives sign-in, and the
// rate-limit message after too many wrong passwords.

const loginAttempts = 3;

describe("console for a team member", () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];
  let operationId: string;

  beforeAll(async () => {
    server = await startTestServer({ config: { SWEETIE_LOGIN_ATTEMPTS: loginAttempts } });
    await buildUser(server.store.db, { username: "newcomer" });
    // Rate limits count per username and address; this account sees only wrong passwords.
    await buildUser(server.store.db, { username: "forgetful_fay" });
    const operator = await buildUser(server.store.db, { username: "operator_kim" });
    const operation = await buildOperationWithTeam(server.store.db, {
      name: "Harbour Lights",
      team: [{ userId: operator.id, role: "operator" }],
    });
    operationId = operation.id;
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    pageErrors = collectPageErrors(page);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function signIn(username: string, password = TEST_PASSWORD) {
    await page.getByLabel("Username").fill(username);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
  }

  it("tells someone on no team what to do", async () => {
    await page.goto(`${server.url}/`);
    await signIn("newcomer");
    await page.getByRole("heading", { level: 2, name: "No operations yet" }).waitFor();
    expect(await page.getByRole("main").textContent()).toMatch(
      /Ask the admin of your operation to add you by your username, newcomer/,
    );
    await saveScreenshot(page, "20-operations-empty");
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
  });

  it("returns to a shared operation link after sign-in", async () => {
    await page.goto(`${server.url}/operations/${operationId}`);
    await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
    await signIn("operator_kim");
    await page.getByRole("heading", { level: 1, name: "Harbour Lights" }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/operations/${operationId}`);
  });

  it("shows an operator the record and team without management controls", async () => {
    const team = page.getByRole("region", { name: "Team" });
    expect(await team.getByRole("row", { name: /operator_kim/ }).textContent()).toContain(
      "Operator",
    );
    expect(await page.getByText("Your role: Operator").count()).toBe(1);
    expect(await page.getByRole("button", { name: /Remove/ }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Add member" }).count()).toBe(0);
    expect(await page.getByRole("heading", { name: "Security" }).count()).toBe(0);
    await saveScreenshot(page, "21-operation-as-operator");
    expect(await findAccessibilityViolations(page)).toEqual([]);
  });

  it("explains the wait after too many wrong passwords", async () => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
    for (let attempt = 1; attempt <= loginAttempts; attempt += 1) {
      await signIn("forgetful_fay", `wrong password ${attempt}`);
      await expect
        .poll(() => page.getByRole("alert").textContent())
        .toMatch(/username or password is not right/);
    }
    await signIn("forgetful_fay", "wrong password again");
    await expect.poll(() => page.getByRole("alert").textContent()).toMatch(/Too many sign-in/);
    expect(await page.getByRole("alert").textContent()).toMatch(/Wait \d+ minute/);
    await saveScreenshot(page, "22-sign-in-rate-limited");
    expect(pageErrors).toEqual([]);
  });
});
