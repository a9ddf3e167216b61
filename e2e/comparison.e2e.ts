import type { Browser } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildOperationWithTeam, buildUser, signInAs } from "../apps/server/src/test/accounts";
import { multipartBody } from "../apps/server/src/test/multipart";
import { startTestServer, type TestServer } from "../apps/server/src/test/testServer";
import { findAccessibilityViolations } from "./support/accessibility";
import { collectPageErrors, launchBrowser, saveScreenshot } from "./support/browser";
import { signIn } from "./support/signIn";

// Issue 11, build 7: an analyst puts two pictures of a subject side by side, both hidden; reveals
// one (an audited reveal counted against a budget of one), is refused the second with a clear
// message, records an opinion with a reason, sees it listed with the findings in words, then
// retracts it with a reason and sees it marked retracted, with who, when and why.
// The pictures are coloured shapes drawn here, never photographs of anyone.

const shapes = (background: string, shape: string) =>
  sharp(
    Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="240">
        <rect width="320" height="240" fill="${background}"/>${shape}</svg>`,
    ),
  )
    .png()
    .toBuffer();

describe("side-by-side comparison of two pictures of a subject", () => {
  let server: TestServer;
  let browser: Browser;
  let operationId: string;
  let subjectId: string;
  let analyst: { id: string; username: string };
  const findingIds: string[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    const db = server.store.db;
    analyst = await buildUser(db, { displayName: "Ana Analyst" });
    const supervisor = await buildUser(db, { displayName: "Sam Supervisor" });
    const operation = await buildOperationWithTeam(db, {
      name: "Comparison drill",
      team: [
        { userId: analyst.id, role: "analyst" },
        { userId: supervisor.id, role: "supervisor" },
      ],
    });
    operationId = operation.id;
    subjectId = (
      await db
        .insertInto("subjects")
        .values({ operation_id: operationId, label: "Subject cp1" })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
    const session = await signInAs(server.app, analyst.username);
    const pictures = [
      {
        title: "Profile photo",
        bytes: await shapes(
          "rgb(30,90,160)",
          `<circle cx="90" cy="100" r="60" fill="rgb(240,200,40)"/><rect x="180" y="120" width="110" height="90" fill="rgb(200,40,60)"/>`,
        ),
      },
      {
        title: "Forum avatar",
        bytes: await shapes(
          "rgb(220,220,200)",
          `<rect x="20" y="140" width="280" height="60" fill="rgb(20,120,40)"/><circle cx="250" cy="60" r="40" fill="rgb(90,20,120)"/>`,
        ),
      },
    ];
    for (const picture of pictures) {
      const body = multipartBody(
        { title: picture.title, seenAt: "2026-11-30T10:00:00Z", note: "" },
        { name: "file", fileName: "picture.png", type: "image/png", bytes: picture.bytes },
      );
      const response = await server.app.inject({
        method: "POST",
        url: `/api/operations/${operationId}/subjects/${subjectId}/findings`,
        headers: { ...session.headers, ...body.headers },
        payload: body.payload,
      });
      expect(response.statusCode, response.body).toBe(201);
      findingIds.push(response.json<{ id: string }>().id);
    }
    // One reveal a day: the second side is refused.
    await db
      .insertInto("exposure_budgets")
      .values({
        operation_id: operationId,
        user_id: analyst.id,
        daily_reveals: 1,
        set_by: supervisor.id,
      })
      .execute();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("opens both blurred, reveals one (audited), refuses the other past the budget, records and lists the opinion", async () => {
    const page = await (
      await browser.newContext({ viewport: { width: 1280, height: 900 } })
    ).newPage();
    const errors = collectPageErrors(page);
    await signIn(
      page,
      server.url,
      analyst.username,
      `/operations/${operationId}/subjects/${subjectId}`,
    );
    await page.getByRole("heading", { name: "Compare two pictures" }).waitFor();
    await page.getByLabel("First picture").selectOption({ label: "Finding: Profile photo" });
    await page.getByLabel("Second picture").selectOption({ label: "Finding: Forum avatar" });
    await page.getByRole("button", { name: "Compare side by side" }).click();

    const view = page.getByRole("group", { name: "Side-by-side comparison" });
    await view.getByRole("img", { name: "First picture, hidden until you reveal it" }).waitFor();
    await view.getByRole("img", { name: "Second picture, hidden until you reveal it" }).waitFor();
    // Nothing of either picture was sent before a reveal.
    expect(await view.locator("img").count()).toBe(0);
    const reveals = view.getByRole("button", {
      name: /^Reveal this picture \(1 reveal left today\)$/u,
    });
    expect(await reveals.count()).toBe(2);
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await view.scrollIntoViewIfNeeded();
    await saveScreenshot(page, "comparison-01-blurred");

    await reveals.first().click();
    const revealed = view.getByRole("img", {
      name: "First picture, revealed: Finding “Profile photo”",
    });
    await revealed.waitFor();
    // The revealed picture's bytes arrived (the server sends them only after the reveal).
    await page.waitForFunction(() =>
      Array.from(document.querySelectorAll<HTMLImageElement>(".comparison img")).every(
        (i) => i.complete && i.naturalWidth > 0,
      ),
    );
    const audit = await server.store.db
      .selectFrom("audit")
      .select(["target_type", "target_id"])
      .where("action", "=", "evidence.reveal")
      .where("actor_id", "=", analyst.id)
      .execute();
    expect(audit).toEqual([{ target_type: "finding", target_id: findingIds[0] }]);
    await view.getByRole("button", { name: "Reveal this picture (0 reveals left today)" }).click();
    await view.getByRole("alert").filter({ hasText: "exposure budget" }).waitFor();
    expect(await view.getByRole("alert").textContent()).toMatch(/Ask a supervisor/u);
    await saveScreenshot(page, "comparison-02-one-revealed");

    // An opinion needs both pictures seen: the form says so and will not save.
    const form = view.getByRole("form", { name: "Your opinion" });
    await form.getByLabel("Cannot tell").check();
    await form.getByLabel("Why you think so").fill("Same room, but the faces are turned away.");
    await form.getByText("Reveal both pictures to record an opinion on them.").waitFor();
    expect(await form.getByRole("button", { name: "Save my opinion" }).isDisabled()).toBe(true);
    // A supervisor raises the analyst's budget; the second picture can be revealed.
    await server.store.db
      .updateTable("exposure_budgets")
      .set({ daily_reveals: 2 })
      .where("operation_id", "=", operationId)
      .where("user_id", "=", analyst.id)
      .execute();
    await view.getByRole("button", { name: /^Reveal this picture/u }).click();
    await view
      .getByRole("img", { name: "Second picture, revealed: Finding “Forum avatar”" })
      .waitFor();
    await form.getByRole("button", { name: "Save my opinion" }).click();
    await page.getByText("Your opinion was saved. It is listed under Findings.").waitFor();
    const listed = page.locator(".finding-item", { hasText: "Pictures compared: cannot tell" });
    await listed.waitFor();
    expect(await listed.textContent()).toContain(
      "cannot tell whether the finding “Profile photo” and the finding “Forum avatar” show the same person",
    );
    expect(await listed.textContent()).toContain(
      "Reason: Same room, but the faces are turned away.",
    );
    const entries = await server.store.db
      .selectFrom("ledger_entries")
      .select("kind")
      .where("operation_id", "=", operationId)
      .where("kind", "=", "image_comparison")
      .execute();
    expect(entries).toHaveLength(1);
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await listed.scrollIntoViewIfNeeded();
    await saveScreenshot(page, "comparison-03-opinion-saved");

    // The analyst retracts the opinion: a reason is required; the opinion stays, marked retracted.
    await listed.getByText("Retract this opinion").click();
    const retractForm = listed.getByRole("form", { name: "Retract this opinion" });
    const retractButton = retractForm.getByRole("button", { name: "Retract the opinion" });
    expect(await retractButton.isDisabled()).toBe(true);
    await retractForm
      .getByLabel("Why you retract it")
      .fill("The second picture belongs to another subject.");
    await retractForm.scrollIntoViewIfNeeded();
    await saveScreenshot(page, "comparison-04-retract-form");
    await retractButton.click();
    await listed.getByText("This opinion was retracted by Ana Analyst on").waitFor();
    expect(await listed.textContent()).toContain(
      "Why it was retracted: The second picture belongs to another subject.",
    );
    await listed.getByText("Retracted", { exact: true }).waitFor();
    // Still readable as recorded, and no second retraction offered.
    expect(await listed.textContent()).toContain(
      "Reason: Same room, but the faces are turned away.",
    );
    expect(await listed.getByText("Retract this opinion").count()).toBe(0);
    await page
      .locator(".history-list li", {
        hasText:
          "Opinion on the pictures retracted by Ana Analyst: The second picture belongs to another subject.",
      })
      .waitFor();
    const kinds = await server.store.db
      .selectFrom("ledger_entries")
      .select("kind")
      .where("operation_id", "=", operationId)
      .where("kind", "in", ["image_comparison", "retraction"])
      .orderBy("idx")
      .execute();
    expect(kinds.map((k) => k.kind)).toEqual(["image_comparison", "retraction"]);
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await listed.scrollIntoViewIfNeeded();
    await saveScreenshot(page, "comparison-05-opinion-retracted");
    expect(errors).toEqual([]);
  });
});
