import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runVerify } from "../apps/server/src/cli/verify";
import type { Store } from "../apps/server/src/db/database";
import { openZipPackage } from "../apps/server/src/referrals/packageReaders";
import { recordReferralSource } from "../apps/server/src/referrals/referralSource";
import { writePackageFile } from "../apps/server/src/referrals/writePackageFile";
import { buildEvidenceScenario } from "../apps/server/src/test/evidenceScenario";
import { openTestStore } from "../apps/server/src/test/testStore";
import { testSigner } from "../apps/server/src/test/testSigner";
import { findAccessibilityViolations } from "./support/accessibility";
import { collectPageErrors, launchBrowser, saveScreenshot } from "./support/browser";

// Acceptance (issue 12): the package's own verify.html, opened from disk in Chromium with no
// network, gives the same verdicts as `sweetie verify` on the same package: intact as a ZIP and
// as an unzipped folder, and with one byte changed in a capture and in a proof.

describe("verify.html", () => {
  let store: Store;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let dir: string;
  let zipPath: string;
  let folder: string;

  beforeAll(async () => {
    store = await openTestStore();
    const { operation } = await buildEvidenceScenario(store.db);
    dir = await mkdtemp(join(tmpdir(), "sweetie-verify-page-"));
    zipPath = join(dir, "referral-NL.zip");
    await writePackageFile(
      store.db,
      {
        kind: "referral",
        packageId: "e2e-package",
        operation: await recordReferralSource.operation(store.db, operation.id),
        subjects: await recordReferralSource.subjects(store.db, operation.id, {}),
        country: "NL",
        agency: "Test agency",
        signer: testSigner(),
        now: new Date(),
      },
      zipPath,
    );
    folder = join(dir, "referral-NL");
    const reader = await openZipPackage(zipPath);
    for (const path of reader.paths()) {
      const target = join(folder, ...path.split("/"));
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, await reader.read(path));
    }
    reader.close();
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1100, height: 800 } })).newPage();
    errors = collectPageErrors(page);
    // No request may leave the page: anything but the page itself fails the test.
    await page.route("**/*", (route) =>
      route.request().url().startsWith("file:") ? route.continue() : route.abort(),
    );
    page.on("request", (request) => {
      if (!request.url().startsWith("file:")) errors.push(`network request: ${request.url()}`);
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await store?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function cliLines(path: string) {
    const lines: string[] = [];
    const io = {
      out: (l: string) => lines.push(l),
      err: (l: string) => lines.push(l),
      isTTY: false,
    };
    const { code } = await runVerify(path, {}, io);
    return {
      code,
      result: lines.at(-1)!,
      failed: lines.filter((l) => l.startsWith("  FAILED  ")).map((l) => l.slice(10)),
      passed: lines.filter((l) => l.startsWith("  OK      ")).map((l) => l.slice(10)),
    };
  }

  async function pageVerdict(pageFolder: string, choose: { zip?: string; folder?: string }) {
    await page.goto(pathToFileURL(join(pageFolder, "verify.html")).toString());
    if (choose.zip) await page.getByLabel("The .zip file").setInputFiles(choose.zip);
    if (choose.folder) await page.getByLabel("The unzipped folder").setInputFiles(choose.folder);
    await page.locator("#status", { hasText: "RESULT:" }).waitFor();
    return {
      result: (await page.locator("#status").textContent())!,
      failed: await page
        .locator('#checks li[data-ok="false"]')
        .evaluateAll((items) => items.map((li) => li.childNodes[1]?.textContent ?? "")),
      passed: await page
        .locator('#checks li[data-ok="true"]')
        .evaluateAll((items) => items.map((li) => li.childNodes[1]?.textContent ?? "")),
    };
  }

  it("passes the intact ZIP and the unzipped folder, as the CLI does", async () => {
    const cli = await cliLines(zipPath);
    expect(cli.code).toBe(0);
    const fromZip = await pageVerdict(folder, { zip: zipPath });
    expect(fromZip).toEqual({ result: cli.result, failed: [], passed: cli.passed });
    // The subject's identification, item by item: its entries and each finding's file.
    expect(fromZip.passed.join("\n")).toMatch(
      /evidence\/subjects\/[0-9a-f-]+\/identification\.jsonl: \d+ entries \(.*claim.*\)/,
    );
    expect(fromZip.passed.join("\n")).toMatch(
      /evidence\/subjects\/[0-9a-f-]+\/finding-[0-9a-f-]+\.png: the file is the one finding entry \d+ recorded/,
    );
    await saveScreenshot(page, "verify-page-01-intact");
    expect(await findAccessibilityViolations(page)).toEqual([]);
    const fromFolder = await pageVerdict(folder, { folder });
    expect(fromFolder.result).toBe(cli.result);
    expect(errors).toEqual([]);
  });

  it.each([
    ["a capture", (p: string) => p.includes("/capture-")],
    ["a proof", (p: string) => p.startsWith("proofs/conversations/")],
    ["a finding's file", (p: string) => p.includes("/finding-") && p.endsWith(".png")],
  ])("fails %s changed by one byte, naming it as the CLI does", async (what, pick) => {
    const copy = join(dir, `tampered-${what.replace(/\W/g, "")}`);
    await cp(folder, copy, { recursive: true });
    const reader = await openZipPackage(zipPath);
    const path = reader.paths().find(pick)!;
    reader.close();
    const target = join(copy, ...path.split("/"));
    const bytes = await readFile(target);
    const at = Math.floor(bytes.length / 2);
    bytes[at] = bytes[at] === 0x61 ? 0x62 : 0x61;
    await writeFile(target, bytes);

    const cli = await cliLines(copy);
    expect(cli.code).toBe(1);
    expect(cli.failed.join("\n")).toContain(path);
    const shown = await pageVerdict(copy, { folder: copy });
    expect(shown).toEqual({ result: cli.result, failed: cli.failed, passed: cli.passed });
    await saveScreenshot(page, `verify-page-02-tampered-${what.replace(/\W/g, "")}`);
    expect(errors).toEqual([]);
  });
});
