import { readFile } from "node:fs/promises";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAudit } from "../apps/server/src/audit/recordAudit";
import { buildOperationWithTeam, buildUser } from "../apps/server/src/test/accounts";
import { seedSupervision } from "../apps/server/src/test/seedSupervision";
import { startTestServer, type TestServer } from "../apps/server/src/test/testServer";
import { findAccessibilityViolations } from "./support/accessibility";
import { collectPageErrors, launchBrowser, saveScreenshot } from "./support/browser";
import { signIn } from "./support/signIn";

// The supervision dashboard on an operation with a week of work and subjects in five countries,
// and on one with nothing yet; the audit viewer filtering, paging and exporting CSV.
describe("supervision dashboard and audit viewer", () => {
  let server: TestServer;
  let browser: Browser;
  let busyId: string;
  let quietId: string;
  let supervisorName: string;
  let operatorNames: string[];

  beforeAll(async () => {
    server = await startTestServer();
    const supervisor = await buildUser(server.store.db, { displayName: "Sam Supervisor" });
    const operators = [
      await buildUser(server.store.db, { displayName: "Olive Operator" }),
      await buildUser(server.store.db, { displayName: "Omar Operator" }),
    ];
    supervisorName = supervisor.username;
    operatorNames = operators.map((user) => user.username);
    const busy = await buildOperationWithTeam(server.store.db, {
      name: "Operation Harbour",
      team: [
        { userId: supervisor.id, role: "supervisor" },
        ...operators.map((user) => ({ userId: user.id, role: "operator" as const })),
      ],
    });
    busyId = busy.id;
    await seedSupervision(server.store.db, {
      operationId: busyId,
      operatorIds: operators.map((user) => user.id),
      supervisorId: supervisor.id,
    });
    for (const [index, operator] of operators.entries()) {
      for (let n = 0; n < 30; n += 1) {
        await recordAudit(
          server.store.db,
          { userId: operator.id, ip: "127.0.0.1" },
          {
            action: n % 3 === 0 ? "evidence.reveal" : "conversation.move",
            operationId: busyId,
            targetType: n % 3 === 0 ? "message" : "conversation",
            targetId: `seeded-${index}-${n}`,
          },
        );
      }
    }
    const quiet = await buildOperationWithTeam(server.store.db, {
      name: "Operation Quiet",
      team: [{ userId: supervisor.id, role: "supervisor" }],
    });
    quietId = quiet.id;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function supervisorPage(next: string): Promise<[Page, string[]]> {
    const page = await (
      await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true })
    ).newPage();
    const errors = collectPageErrors(page);
    await signIn(page, server.url, supervisorName, next);
    return [page, errors];
  }

  it("shows charts, the world map and each operator's exposure on a busy operation", async () => {
    const [page, errors] = await supervisorPage(`/operations/${busyId}/dashboard`);
    await page.getByRole("heading", { level: 1, name: "Supervision" }).waitFor();
    await page.getByText("Approaches per day").waitFor();
    // Two uPlot charts drawn on canvas, each with its numbers as a table.
    await expect.poll(() => page.locator(".chart-canvas canvas").count()).toBe(2);
    expect(await page.getByText("Show the numbers").count()).toBe(2);
    // The map: every country drawn, five carrying their number of subjects.
    const map = page.getByRole("img", { name: /World map of subjects/ });
    expect(await map.getAttribute("aria-label")).toContain("United Kingdom 3");
    expect(await page.locator(".map-country").count()).toBeGreaterThan(150);
    expect(await page.locator(".map-country-subjects").count()).toBe(5);
    expect((await page.locator(".map-label text").allTextContents()).sort()).toEqual([
      "1",
      "1",
      "1",
      "2",
      "3",
    ]);
    await page.getByRole("cell", { name: /Philippines/ }).waitFor();
    await page.getByText("1 without a confirmed country yet.").waitFor();
    // Workload and exposure, with the budget control.
    const olive = page.getByRole("row", { name: /Olive Operator/ });
    expect(await olive.textContent()).toContain("6 min");
    await olive.getByLabel("Daily reveals").fill("12");
    await olive.getByRole("button", { name: /Set budget/ }).click();
    await expect.poll(() => olive.textContent()).toContain("1 of 12");
    await olive.getByLabel("Reason").fill("x");
    await olive.getByRole("button", { name: /Grant override/ }).click();
    await olive.getByText("Give the reason for the override.").waitFor();
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, "dashboard-01-busy-operation");
    expect(errors).toEqual([]);
  });

  it("says plainly when there is nothing yet", async () => {
    const [page, errors] = await supervisorPage(`/operations/${quietId}/dashboard`);
    await page.getByRole("heading", { level: 1, name: "Supervision" }).waitFor();
    await page.getByText("No approaches in the last 30 days yet.", { exact: false }).waitFor();
    await page.getByText("No conversations yet, so no stage has been reached.").waitFor();
    await page.getByText("No subject has a confirmed country yet.", { exact: false }).waitFor();
    await page
      .getByRole("img", { name: "World map: no subject has a confirmed country yet" })
      .waitFor();
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, "dashboard-02-empty-operation");
    expect(errors).toEqual([]);
  });

  it("filters the audit log, pages, exports CSV, and audits its own reads", async () => {
    const [page, errors] = await supervisorPage(`/operations/${busyId}/audit`);
    await page.getByRole("heading", { level: 1, name: "Audit log" }).waitFor();
    await page.locator(".audit-table tbody tr").first().waitFor();
    await page.getByLabel("Person (username)").fill(operatorNames[0]!);
    await page.getByLabel("Action").fill("evidence.");
    await page.getByRole("button", { name: "Show" }).click();
    await expect.poll(() => page.locator(".audit-table tbody tr").count()).toBe(10);
    const actions = await page.locator(".audit-table tbody td:nth-child(3)").allTextContents();
    expect(new Set(actions)).toEqual(new Set(["evidence.reveal"]));
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, "audit-01-filtered");

    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Export as CSV" }).click();
    const csv = await readFile((await (await download).path())!, "utf8");
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe("id,at,actor,actor_ip,action,target_type,target_id,details");
    expect(lines).toHaveLength(11);
    expect(lines.slice(1).every((line) => line.includes(`,${operatorNames[0]},`))).toBe(true);

    await page.getByRole("button", { name: "Clear filters" }).click();
    await expect.poll(() => page.locator(".audit-table tbody tr").count()).toBe(50);
    await page.getByRole("button", { name: "Older entries" }).click();
    await expect.poll(() => page.getByRole("button", { name: "Newer entries" }).count()).toBe(1);

    const reads = await server.store.db
      .selectFrom("audit")
      .select("action")
      .where("operation_id", "=", busyId)
      .where("action", "in", ["audit.read", "audit.export"])
      .execute();
    expect(reads.filter((row) => row.action === "audit.export")).toHaveLength(1);
    // The first page, the filtered page and the older page (the cleared filter came from the cache).
    expect(reads.filter((row) => row.action === "audit.read").length).toBeGreaterThanOrEqual(3);
    expect(errors).toEqual([]);
  });
});
