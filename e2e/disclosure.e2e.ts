import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runVerify } from "../apps/server/src/cli/verify";
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

// Disclosure export (issue 12, item 6): a legal reviewer exports a conversation from its review
// page, sees the build's progress and downloads the package, which `sweetie verify` passes; a
// supervisor exports the subject from its page; an analyst is not offered the action; a subject
// with nothing to disclose is refused in plain words.
describe("export for disclosure", () => {
  let server: TestServer;
  let browser: Browser;
  let operationId: string;
  let conversationId: string;
  let subjectId: string;
  let emptySubjectId: string;
  let dir: string;
  const names = {} as Record<"operator" | "supervisor" | "analyst" | "legal", string>;
  const timers = new ManualTimers(Date.now());

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "sweetie-disclosure-e2e-"));
    server = await startTestServer({ training: { timers, seed: 8 } });
    const team = [];
    for (const role of ["operator", "supervisor", "analyst", "legal"] as const) {
      const user = await buildUser(server.store.db);
      names[role] = user.username;
      team.push({ userId: user.id, role });
    }
    const operation = await buildOperationWithTeam(server.store.db, {
      name: "Disclosure drill",
      isTraining: true,
      team,
    });
    operationId = operation.id;
    const as = async (who: SignedIn, method: "POST", path: string, payload: object) =>
      server.app.inject({
        method,
        url: `/api/operations/${operationId}${path}`,
        headers: who.headers,
        payload,
      });
    const operator = await signInAs(server.app, names.operator);
    expect(
      (await as(operator, "POST", "/presence", { venueAddress: LOBBY, displayName: "ana" }))
        .statusCode,
    ).toBe(201);
    const range = server.app.consoleRuntime.hub.trainingRange(operationId)!;
    const counterpart = range.spawn("solicits_after_age_statement", LOBBY);
    timers.advance(10_000);
    await server.app.consoleRuntime.queue.drain();
    conversationId = (
      await server.store.db
        .selectFrom("conversations")
        .select("id")
        .where("counterpart_ref", "=", counterpart.id)
        .executeTakeFirstOrThrow()
    ).id;
    const say = (payload: object) =>
      as(operator, "POST", `/conversations/${conversationId}/messages`, payload);
    expect((await say({ moveId: "age_statement", language: "en" })).statusCode).toBe(201);
    await range.fault(60);
    expect((await say({ text: "are you there" })).json()).toMatchObject({ delivery: "failed" });
    await server.store.db
      .updateTable("conversations")
      .set({ proposed: true })
      .where("id", "=", conversationId)
      .execute();
    const supervisor = await signInAs(server.app, names.supervisor);
    const review = await as(supervisor, "POST", `/conversations/${conversationId}/review`, {
      decision: "confirm",
      reason: "Asked for a paid webcam show after the age statement.",
    });
    expect(review.statusCode, review.body).toBe(200);
    subjectId = review.json<{ subjectId: string }>().subjectId;
    emptySubjectId = (
      await server.store.db
        .insertInto("subjects")
        .values({ operation_id: operationId, label: "Nothing recorded yet" })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function pageFor(role: keyof typeof names, next: string): Promise<[Page, string[]]> {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 1000 },
      acceptDownloads: true,
    });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await signIn(page, server.url, names[role], next);
    return [page, errors];
  }

  /** Clicks the export, waits for the download link, downloads and verifies the package. */
  async function exportAndVerify(page: Page, screenshot: string) {
    const section = page.getByRole("region", { name: "Disclosure to the defence" });
    await section.getByRole("button", { name: "Export for disclosure" }).click();
    const download = section.getByRole("link", { name: /Download the package/ });
    await download.waitFor({ timeout: 120_000 });
    await section.getByText(/SHA-256/).waitFor();
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await section.scrollIntoViewIfNeeded();
    await saveScreenshot(page, screenshot);
    const [file] = await Promise.all([page.waitForEvent("download"), download.click()]);
    const path = join(dir, `${screenshot}.zip`);
    await file.saveAs(path);
    const lines: string[] = [];
    const io = {
      out: (l: string) => lines.push(l),
      err: (l: string) => lines.push(l),
      isTTY: false,
    };
    expect((await runVerify(path, {}, io)).code, lines.join("\n")).toBe(0);
    expect(lines.join("\n")).toMatch(/Disclosure package/);
  }

  it("lets a legal reviewer export a conversation from its review page and download it", async () => {
    const [page, errors] = await pageFor(
      "legal",
      `/operations/${operationId}/review/${conversationId}`,
    );
    await page.getByRole("heading", { name: "Disclosure to the defence" }).waitFor();
    await exportAndVerify(page, "disclosure-01-conversation-ready");
    expect(errors).toEqual([]);
  }, 180_000);

  it("lets a supervisor export a subject with all its conversations", async () => {
    const [page, errors] = await pageFor(
      "supervisor",
      `/operations/${operationId}/subjects/${subjectId}`,
    );
    await page.getByRole("heading", { name: "Disclosure to the defence" }).waitFor();
    await page.getByText(/every conversation of this subject/).waitFor();
    await exportAndVerify(page, "disclosure-02-subject-ready");
    expect(errors).toEqual([]);
  }, 180_000);

  it("says plainly why a subject without conversations cannot be exported", async () => {
    const [page] = await pageFor("legal", `/operations/${operationId}/subjects/${emptySubjectId}`);
    const section = page.getByRole("region", { name: "Disclosure to the defence" });
    await section.getByRole("button", { name: "Export for disclosure" }).click();
    const alert = section.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toBe(
      "This subject has no conversation yet, so there is nothing to disclose.",
    );
    await section.scrollIntoViewIfNeeded();
    await saveScreenshot(page, "disclosure-03-nothing-to-export");
  });

  it("does not offer the export to an analyst", async () => {
    const [page] = await pageFor("analyst", `/operations/${operationId}/subjects/${subjectId}`);
    await page.getByRole("heading", { name: "Conversations" }).waitFor();
    expect(await page.getByRole("button", { name: "Export for disclosure" }).count()).toBe(0);
  });
});
