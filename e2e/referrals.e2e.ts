import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { generateSigningKey, toHex } from "@sweetie/core/ledger/index";
import { cosignHead } from "@sweetie/core/referral/index";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { upsertMembership } from "../apps/server/src/db/repositories/operationsRepository";
import { confirmCountry } from "../apps/server/src/identity/subjectDecisions";
import { headFromRow } from "../apps/server/src/ledger/headIssuer";
import { buildUser, signInAs } from "../apps/server/src/test/accounts";
import { buildEvidenceScenario } from "../apps/server/src/test/evidenceScenario";
import { actorOf, testIdentityPorts } from "../apps/server/src/test/identityScenario";
import { startTestServer, type TestServer } from "../apps/server/src/test/testServer";
import { findAccessibilityViolations } from "./support/accessibility";
import { collectPageErrors, launchBrowser, saveScreenshot } from "./support/browser";
import { signIn } from "./support/signIn";

// Acceptance (issue 12, browser): an administrator registers the receiving agency; a supervisor
// builds a referral from the country's subjects (established or not, and why not) and previews
// it, but cannot release it alone; a second supervisor releases it, downloads the package and
// records it sent, acknowledged and its outcome; an agency's cosignature of the signed head is
// recorded and shown. Every scene is checked with axe and photographed.
describe("referrals: build, preview, four-eyes release, status to outcome", () => {
  let server: TestServer;
  let browser: Browser;
  let operationId: string;
  let referralId: string;
  const agencyKey = generateSigningKey();
  const names = {} as Record<"admin" | "builder" | "releaser" | "analyst", string>;

  beforeAll(async () => {
    server = await startTestServer();
    const db = server.store.db;
    // An operation with an established subject attributed to DE (and an analyst's draft of it).
    const scenario = await buildEvidenceScenario(db);
    operationId = scenario.operation.id;
    const people = [
      [scenario.supervisor, "Sam Berger", "builder"],
      [scenario.analyst, "Ana Reyes", "analyst"],
      [scenario.operator, "Oli Park", null],
    ] as const;
    for (const [user, displayName, key] of people) {
      await db
        .updateTable("users")
        .set({ display_name: displayName })
        .where("id", "=", user.id)
        .execute();
      if (key) names[key] = user.username;
    }
    const releaser = await buildUser(db, { displayName: "Rita Mendes" });
    await upsertMembership(db, operationId, releaser.id, "supervisor");
    names.releaser = releaser.username;
    names.admin = (await buildUser(db, { displayName: "Ada Admin", isAdmin: true })).username;
    // A second subject attributed to DE that is not established: the builder says why.
    await db.transaction().execute((trx) =>
      confirmCountry(trx, testIdentityPorts(db), {
        actor: actorOf(scenario.analyst),
        operationId,
        subjectId: scenario.identity.otherSubjectId,
        country: "DE",
        note: "said they live in Hamburg",
      }),
    );
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function pageFor(who: keyof typeof names, next: string): Promise<[Page, string[]]> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await signIn(page, server.url, names[who], next);
    return [page, errors];
  }

  async function look(page: Page, name: string) {
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, name);
  }

  it("an administrator registers the receiving agency; mistakes are said next to the field", async () => {
    const [page, errors] = await pageFor("admin", "/operations");
    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Agencies" })
      .click();
    await page.getByRole("heading", { level: 1, name: "Agencies" }).waitFor();
    await page.getByText("No agency is registered yet.").waitFor();
    const form = page.getByRole("form", { name: "Register an agency" });
    await form.getByLabel("Country").selectOption("DE");
    await form.getByLabel("Public key (optional)").fill("abc123");
    await form.getByRole("button", { name: "Register the agency" }).click();
    await form.locator(".field-error").getByText("Give the agency's name.").waitFor();
    await form
      .locator(".field-error")
      .getByText(/64 hexadecimal characters/)
      .waitFor();
    await form.locator(".field-error").getByText("Name the person to contact.").waitFor();
    await look(page, "referrals-01-agency-field-errors");

    await form.getByLabel("Agency").fill("Bundeskriminalamt");
    await form.getByLabel("Unit (optional)").fill("Child protection");
    await form.getByLabel("Contact channel").fill("Secure exchange, case desk");
    await form.getByLabel("Contact person").fill("Duty officer");
    await form.getByLabel("Public key (optional)").fill(toHex(agencyKey.publicKey));
    await form.getByRole("button", { name: "Register the agency" }).click();
    await page.getByRole("status").getByText("Bundeskriminalamt is registered.").waitFor();
    const row = page.locator("tbody tr", { hasText: "Bundeskriminalamt" });
    expect(await row.textContent()).toContain("Germany (DE)");
    await look(page, "referrals-02-agency-registered");

    await page.getByRole("button", { name: "Change Bundeskriminalamt" }).click();
    const change = page.getByRole("form", { name: "Change Bundeskriminalamt" });
    await change.getByLabel("Contact person").fill("Duty officer, night desk");
    await change.getByRole("button", { name: "Save the changes" }).click();
    await page.getByRole("status").getByText("Bundeskriminalamt is changed.").waitFor();
    await row.getByText("Duty officer, night desk").waitFor();
    expect(errors).toEqual([]);
  });

  it("a supervisor builds and previews a referral, and cannot release it alone", async () => {
    const [page, errors] = await pageFor("builder", `/operations/${operationId}`);
    await page
      .getByRole("navigation", { name: "Operation pages" })
      .getByRole("link", { name: "Referrals" })
      .click();
    await page.getByRole("heading", { level: 1, name: "Referrals" }).waitFor();
    await page.locator("tbody tr").first().waitFor();
    await look(page, "referrals-03-list");

    await page.getByRole("link", { name: "New referral" }).click();
    await page.getByRole("heading", { level: 1, name: "New referral" }).waitFor();
    await page.getByLabel("Country of the subjects").selectOption("DE");
    const picker = page.getByRole("form", { name: "Save the draft" });
    await picker.getByText("Another subject").waitFor();
    const open = picker.locator(".candidate", { hasText: "Another subject" });
    expect(await open.locator(".badge").textContent()).toBe("Not established");
    expect((await open.getByRole("list").textContent())?.length).toBeGreaterThan(10);
    const established = picker.locator(".candidate", { hasNotText: "Another subject" });
    expect(await established.locator(".badge").textContent()).toBe("Established");
    expect(await established.textContent()).toContain("Already in another referral (a draft).");
    // Nothing chosen: said by the list.
    await picker.getByRole("button", { name: "Save the draft" }).click();
    await picker.locator(".field-error").getByText("Choose at least one subject.").waitFor();
    await look(page, "referrals-04-builder-candidates");

    await established.getByRole("checkbox").check();
    expect(await picker.getByLabel("Receiving agency").inputValue()).not.toBe("");
    await picker.getByRole("button", { name: "Save the draft" }).click();
    await page.getByRole("heading", { level: 1, name: "Referral to Germany (DE)" }).waitFor();
    referralId = page.url().split("/").pop()!;
    const preview = page.getByRole("region", { name: "Preview: what the package will cite" });
    await preview.getByText("Ready to release").waitFor();
    await preview.getByText("cp1@example.net").waitFor();
    await preview.getByText("report.pdf").waitFor();
    const notice = page.getByRole("region", { name: "Release" }).getByRole("note");
    expect(await notice.textContent()).toContain(
      "You built this referral, so you cannot release it yourself",
    );
    expect(await page.getByRole("button", { name: "Release the package" }).count()).toBe(0);
    await look(page, "referrals-05-draft-preview-builder");

    // The server refuses the builder too, whatever the page shows.
    const session = await signInAs(server.app, names.builder);
    const refused = await server.app.inject({
      method: "POST",
      url: `/api/operations/${operationId}/referrals/${referralId}/release`,
      headers: session.headers,
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: "four_eyes_release" });
    expect(errors).toEqual([]);
  });

  it("a second supervisor releases it, downloads the package and records it to the outcome", async () => {
    const base = `/operations/${operationId}/referrals/${referralId}`;
    const [page, errors] = await pageFor("releaser", base);
    await page.getByRole("heading", { level: 1, name: "Referral to Germany (DE)" }).waitFor();
    await page.getByRole("button", { name: "Release the package" }).click();
    const pkg = page.getByRole("region", { name: "Package" });
    await pkg.waitFor({ timeout: 110_000 });
    await page.locator(".page-heading-meta").getByText("Released: ready to send").waitFor();
    await look(page, "referrals-06-released");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      pkg.getByRole("link", { name: "Download the package" }).click(),
    ]);
    const bytes = await readFile((await download.path())!);
    expect(bytes.subarray(0, 4).toString("latin1")).toBe("PK\u0003\u0004");
    const shown = (await pkg.locator("code.secret-wrap").textContent())!.trim();
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(shown);

    const sent = page.getByRole("form", { name: "Record that it was sent" });
    await sent.getByLabel("Sent on").fill("2026-12-01");
    await sent.getByLabel("Note (optional)").fill("Through the secure exchange.");
    await sent.getByRole("button", { name: "Record that it was sent" }).click();
    const ack = page.getByRole("form", { name: "Record the agency's acknowledgement" });
    await ack.getByRole("button", { name: "Record the agency's acknowledgement" }).click();
    await ack
      .locator(".field-error")
      .getByText(/Give the agency's reference/)
      .waitFor();
    await look(page, "referrals-07-acknowledgement-needs-reference");
    await ack.getByLabel("Agency's reference").fill("BKA-2026-4411");
    await ack.getByRole("button", { name: "Record the agency's acknowledgement" }).click();
    const outcome = page.getByRole("form", { name: "Record an outcome" });
    await outcome.getByRole("button", { name: "Record an outcome" }).click();
    await outcome
      .locator(".field-error")
      .getByText(/Choose what the agency reported/)
      .waitFor();
    await outcome.getByLabel("Outcome").selectOption("charged");
    await outcome.getByRole("button", { name: "Record an outcome" }).click();
    await page.locator(".page-heading-meta").getByText("Outcome recorded").waitFor();
    await page.locator(".page-heading-meta").getByText("Charged").waitFor();
    const history = page.getByRole("region", { name: "History" });
    expect(await history.textContent()).toContain("agency's reference BKA-2026-4411");
    await look(page, "referrals-08-outcome-recorded");

    await page.getByRole("link", { name: "Referrals", exact: true }).first().click();
    const row = page.locator("tbody tr", { hasText: "Outcome recorded" });
    expect(await row.textContent()).toContain("Their reference: BKA-2026-4411");
    await look(page, "referrals-09-list-after-outcome");
    expect(errors).toEqual([]);
  });

  it("the agency's cosignature of the signed head is recorded and shown", async () => {
    const row = await server.store.db
      .selectFrom("ledger_heads")
      .selectAll()
      .where("operation_id", "=", operationId)
      .orderBy("size", "desc")
      .executeTakeFirstOrThrow();
    const line = cosignHead(headFromRow(row), "bka-witness", agencyKey, new Date()).line;
    const [page, errors] = await pageFor("releaser", `/operations/${operationId}/heads`);
    await page.getByRole("heading", { level: 1, name: "Signed heads" }).waitFor();
    await page.getByText("No agency yet").first().waitFor();
    const form = page.getByRole("form", { name: "Record a cosignature" });
    await form.getByLabel("Agency").selectOption({ label: "Bundeskriminalamt, Germany (DE)" });
    await form.getByLabel("Cosignature").fill("not what the verifier printed");
    await form.getByRole("button", { name: "Record the cosignature" }).click();
    await form
      .locator(".field-error")
      .getByText(/No cosignature found/)
      .waitFor();
    await look(page, "referrals-10-cosignature-refused");
    await form.getByLabel("Cosignature").fill(line);
    await form.getByRole("button", { name: "Record the cosignature" }).click();
    await page
      .getByRole("status")
      .getByText("Bundeskriminalamt's cosignature is recorded.")
      .waitFor();
    const head = page.locator("tbody tr", { hasText: "Bundeskriminalamt" });
    expect(await head.textContent()).toContain("bka-witness");
    expect(await head.locator("th").textContent()).toBe(row.size.toLocaleString("en-GB"));
    await look(page, "referrals-11-heads-with-cosignature");
    expect(errors).toEqual([]);
  });

  it("an analyst reads referrals and starts drafts, but is not offered release or tracking", async () => {
    const [page, errors] = await pageFor("analyst", `/operations/${operationId}/referrals`);
    await page.getByRole("heading", { level: 1, name: "Referrals" }).waitFor();
    await page.locator("tbody tr", { hasText: "Draft" }).getByRole("link").click();
    await page.getByRole("heading", { level: 1, name: "Referral to Germany (DE)" }).waitFor();
    const notice = page.getByRole("region", { name: "Release" }).getByRole("note");
    expect(await notice.textContent()).toContain(
      "Only a supervisor who did not build it can release a referral.",
    );
    expect(await notice.textContent()).toContain("You can change the draft until then.");
    expect(await page.getByRole("form", { name: "Record that it was sent" }).count()).toBe(0);
    const links = await page
      .getByRole("navigation", { name: "Operation pages" })
      .getByRole("link")
      .allTextContents();
    expect(links).toContain("Referrals");
    expect(links).not.toContain("Signed heads");
    const preview = page.getByRole("region", { name: "Preview: what the package will cite" });
    await preview
      .getByText("Choose the registered agency that will receive the package.")
      .waitFor();
    await look(page, "referrals-12-analyst-draft");

    // The analyst chooses the agency: the preview now says it is ready for a supervisor.
    await page.locator("summary", { hasText: "Change the draft" }).click();
    const change = page.getByRole("form", { name: "Save the changes" });
    await change
      .getByLabel("Receiving agency")
      .selectOption({ label: "Bundeskriminalamt, Child protection" });
    await change.getByRole("button", { name: "Save the changes" }).click();
    await preview.getByText("Ready to release").waitFor();
    await page.getByRole("region", { name: "History" }).getByText("Draft changed").waitFor();
    await look(page, "referrals-13-analyst-draft-changed");
    expect(errors).toEqual([]);
  });
});
