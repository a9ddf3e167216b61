import type { Browser, BrowserContext, Page } from "playwright-core";
import { generate } from "otplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedFirstRun } from "../apps/server/src/commands/seed";
import { buildUser } from "../apps/server/src/test/accounts";
import { startTestServer, type TestServer } from "../apps/server/src/test/testServer";
import { findAccessibilityViolations } from "./support/accessibility";
import { collectPageErrors, launchBrowser, saveScreenshot } from "./support/browser";

// The Foundation path through the real server and the built console: first sign-in with the
// seeded administrator's one-time password, the forced password change, the operations list,
// the training operation's authorization record and team, team and security changes, two-factor
// enrolment and sign-in, and hostile text rendered as text (S7).

const newPassword = "quiet harbour lantern 27";

describe("foundation console", () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[];
  let oneTimePassword: string;
  let totpSecret = "";

  beforeAll(async () => {
    server = await startTestServer();
    const seeded = await seedFirstRun(server.store.db, new Date());
    if (!seeded.admin) throw new Error("the seed did not create the first administrator");
    oneTimePassword = seeded.admin.oneTimePassword;
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    pageErrors = collectPageErrors(page);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("sends a signed-out visitor to sign in and explains a wrong password", async () => {
    await page.goto(`${server.url}/operations`);
    await expect.poll(() => page.url()).toBe(`${server.url}/sign-in?next=%2Foperations`);
    await page.getByLabel("Username").fill("admin");
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect
      .poll(() => page.getByRole("alert").textContent())
      .toMatch(/username or password is not right/i);
    await saveScreenshot(page, "01-sign-in-wrong-password");
    expect(await findAccessibilityViolations(page)).toEqual([]);
  });

  it("makes the first administrator replace the one-time password", async () => {
    await page.getByLabel("Password").fill(oneTimePassword);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { level: 1, name: "Choose your own password" }).waitFor();
    await page.getByText(/At least 12 characters, and not your username/).waitFor();
    await saveScreenshot(page, "02-forced-password-change");
    expect(await findAccessibilityViolations(page)).toEqual([]);

    // A mismatch is caught before anything is sent.
    await page.getByLabel("One-time or current password").fill(oneTimePassword);
    await page.getByLabel("New password", { exact: true }).fill(newPassword);
    await page.getByLabel("Confirm new password").fill("something else entirely");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toMatch(/not the same/);

    await page.getByLabel("Confirm new password").fill(newPassword);
    await page.getByRole("button", { name: "Change password" }).click();
    await page.getByRole("heading", { level: 1, name: "Operations" }).waitFor();
  });

  it("lists the seeded training operation", async () => {
    const row = page.getByRole("row", { name: /Training range/ });
    await row.waitFor();
    const rowText = await row.textContent();
    expect(rowText).toContain("Identify");
    expect(rowText).toContain("Admin");
    expect(rowText).toContain("Active");
    expect(rowText).toContain("Training");
    await saveScreenshot(page, "03-operations");
    expect(await findAccessibilityViolations(page)).toEqual([]);
  });

  it("shows the authorization record and the team", async () => {
    await page.getByRole("link", { name: "Training range" }).click();
    await page.getByRole("heading", { level: 2, name: "Authorization" }).waitFor();
    const record = page.getByRole("region", { name: "Authorization" });
    const recordText = (await record.textContent()) ?? "";
    expect(recordText).toContain("Sweetie training (no real investigation)");
    expect(recordText).toContain("TRAINING-ONLY");
    expect(recordText).toContain("training://lobby");
    expect(recordText).toContain("10 years");
    expect(recordText).toContain("Not required");
    const team = page.getByRole("region", { name: "Team" });
    const adminRow = team.getByRole("row", { name: /Administrator/ });
    expect(await adminRow.textContent()).toContain("Admin");
    await saveScreenshot(page, "04-operation");
    expect(await findAccessibilityViolations(page)).toEqual([]);
  });

  it("lets the operation admin add and remove a member", async () => {
    await buildUser(server.store.db, { username: "analyst_lee" });
    const team = page.getByRole("region", { name: "Team" });
    await team.getByLabel("Username").fill("analyst_lee");
    await team.getByLabel("Role").selectOption("analyst");
    await team.getByRole("button", { name: "Add member" }).click();
    const row = team.getByRole("row", { name: /analyst_lee/ });
    await row.waitFor();
    expect(await row.textContent()).toContain("Analyst");

    // Adding someone who does not exist says so.
    await team.getByLabel("Username").fill("nobody_by_this_name");
    await team.getByRole("button", { name: "Add member" }).click();
    await team.getByRole("alert").waitFor();
    await saveScreenshot(page, "05-team-add-member");

    // Cancel hands keyboard focus back to the row's Remove button.
    await row.getByRole("button", { name: /Remove/ }).click();
    await row.getByRole("button", { name: "Cancel" }).click();
    expect(await page.evaluate("document.activeElement.textContent")).toBe("Remove analyst_lee");

    await row.getByRole("button", { name: /Remove/ }).click();
    await row.getByRole("button", { name: "Confirm removal" }).click();
    await row.waitFor({ state: "detached" });
    await team.getByRole("status").filter({ hasText: "analyst_lee was removed" }).waitFor();
  });

  it("renders hostile text from the server as plain text", async () => {
    const hostile = `<img src=x onerror="document.title='pwned'">`;
    const user = await buildUser(server.store.db, { username: "hostile_name" });
    await server.store.db
      .updateTable("users")
      .set({ display_name: hostile })
      .where("id", "=", user.id)
      .execute();
    const team = page.getByRole("region", { name: "Team" });
    await team.getByLabel("Username").fill("hostile_name");
    await team.getByRole("button", { name: "Add member" }).click();
    await team.getByRole("row", { name: /hostile_name/ }).waitFor();
    expect(await team.getByRole("row", { name: /hostile_name/ }).textContent()).toContain(hostile);
    expect(await page.locator("main img").count()).toBe(0);
    expect(await page.title()).not.toBe("pwned");
  });

  it("requires a second factor once the admin turns it on, and lets them set it up", async () => {
    await page.getByRole("button", { name: "Require a second factor" }).click();
    // The admin has no second factor yet, so the operation now closes to them until they do.
    await page.getByRole("heading", { level: 1, name: "Operation unavailable" }).waitFor();
    expect(await page.getByRole("alert").textContent()).toMatch(/requires two-factor sign-in/);
    await saveScreenshot(page, "06-second-factor-required");

    await page.getByRole("link", { name: "Set up two-factor sign-in" }).click();
    // A session alone cannot add a second factor: the current password is asked first.
    await page.getByLabel("Current password").fill("not my password");
    await page.getByRole("button", { name: "Set up two-factor sign-in" }).click();
    await page.getByText("This is not your current password.").waitFor();
    await saveScreenshot(page, "07-two-factor-current-password");
    await page.getByLabel("Current password").fill(newPassword);
    await page.getByRole("button", { name: "Set up two-factor sign-in" }).click();
    totpSecret = ((await page.getByTestId("totp-secret").textContent()) ?? "").trim();
    expect(totpSecret).toMatch(/^[A-Z2-7]{16,}$/);
    expect(await page.getByTestId("totp-uri").textContent()).toContain(`secret=${totpSecret}`);
    await saveScreenshot(page, "07-two-factor-setup");
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await page.getByLabel("6-digit code").fill(await generate({ secret: totpSecret }));
    await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
    await page.getByRole("status").filter({ hasText: "Two-factor sign-in is now on" }).waitFor();

    await page.getByRole("link", { name: "Operations", exact: true }).click();
    await page.getByRole("link", { name: "Training range" }).click();
    const record = page.getByRole("region", { name: "Authorization" });
    await record.getByText("Required: every team member must use two-factor sign-in").waitFor();
  });

  it("signs out, then asks for the 6-digit code at the next sign-in", async () => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
    expect(page.url()).toBe(`${server.url}/sign-in`);
    await page.getByLabel("Username").fill("admin");
    await page.getByLabel("Password").fill(newPassword);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByLabel("6-digit code").waitFor();
    expect(await page.evaluate("document.activeElement.getAttribute('name')")).toBe("code");
    expect(await page.getByRole("status").textContent()).toMatch(/6-digit code/);
    await saveScreenshot(page, "08-sign-in-code");
    expect(await findAccessibilityViolations(page)).toEqual([]);
    // Each code works once; the set-up used the current one, so sign in with the next.
    const nextCode = await generate({
      secret: totpSecret,
      epoch: Math.floor(Date.now() / 1000) + 30,
    });
    await page.getByLabel("6-digit code").fill(nextCode);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { level: 1, name: "Operations" }).waitFor();
  });

  it("reaches the account settings by keyboard alone", async () => {
    const accountButton = page.getByRole("button", { name: /^Account/ });
    await accountButton.focus();
    await page.keyboard.press("Enter");
    expect(await accountButton.getAttribute("aria-expanded")).toBe("true");
    await page.keyboard.press("Tab");
    expect(await page.evaluate("document.activeElement.textContent")).toBe("Change password");
    await saveScreenshot(page, "10-account-menu-keyboard");
    await page.keyboard.press("Escape");
    expect(await accountButton.getAttribute("aria-expanded")).toBe("false");
    expect(await page.evaluate("document.activeElement.getAttribute('aria-expanded')")).toBe(
      "false",
    );

    await page.keyboard.press("Enter");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: "Two-factor sign-in" }).waitFor();
    expect(await page.getByText("Two-factor sign-in is on for your account.").count()).toBe(1);
    await page.getByRole("link", { name: "Operations", exact: true }).click();
  });

  it("says so when the current password is wrong on the account page", async () => {
    await page.getByRole("button", { name: /^Account/ }).click();
    await page.getByRole("link", { name: "Change password" }).click();
    await page.getByRole("heading", { level: 1, name: "Change password" }).waitFor();
    await page.getByLabel("Current password").fill("not my password at all");
    await page.getByLabel("New password", { exact: true }).fill("another calm sentence 9");
    await page.getByLabel("Confirm new password").fill("another calm sentence 9");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect
      .poll(() => page.getByRole("alert").textContent())
      .toMatch(/current password you entered is not right/);
    await saveScreenshot(page, "12-account-password-wrong");
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await page.getByRole("link", { name: "Operations", exact: true }).click();
  });

  it("stays usable on a narrow window", async () => {
    await page.setViewportSize({ width: 400, height: 800 });
    await saveScreenshot(page, "11-operations-narrow");
    await page.getByRole("link", { name: "Training range" }).click();
    await page.getByRole("heading", { level: 2, name: "Team" }).waitFor();
    await saveScreenshot(page, "09-operation-narrow");
    expect(await findAccessibilityViolations(page)).toEqual([]);
    // The root tsconfig has no DOM types, so the measurement is passed as source text.
    const overflowingElements = await page.evaluate(`
      [...document.querySelectorAll("body *")]
        .filter((element) => element.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .map((element) => element.tagName + "." + element.className)
    `);
    expect(overflowingElements).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
