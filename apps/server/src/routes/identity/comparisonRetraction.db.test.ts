import { spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueTreeHead } from "../../ledger/headIssuer";
import { verifyLedger } from "../../ledger/ledgerVerifier";
import { signInAs, type SignedIn } from "../../test/accounts";
import { buildEvidenceScenario } from "../../test/evidenceScenario";
import { openTestApp, type TestApp } from "../../test/testServer";
import { testSigner } from "../../test/testSigner";

// Issue 11: an analyst's opinion on two pictures is retracted through the workspace's one
// retraction route. The retraction is a new ledger entry with a required reason; the opinion's
// row stays exactly as recorded; the subject page shows it retracted with who, when and why;
// editing the retraction row afterwards makes `ledger verify` fail naming its entry.

let server: TestApp;
let scenario: Awaited<ReturnType<typeof buildEvidenceScenario>>;
let analyst: SignedIn;
let operator: SignedIn;
let comparisonId: string;
let retraction: { id: string; entryId: string };

beforeAll(async () => {
  server = await openTestApp();
  scenario = await buildEvidenceScenario(server.store.db);
  analyst = await signInAs(server.app, scenario.analyst.username);
  operator = await signInAs(server.app, scenario.operator.username);
  comparisonId = scenario.identity.comparisonId!;
});

afterAll(async () => {
  await server?.close();
});

const retractionsUrl = () => `/api/operations/${scenario.operation.id}/retractions`;
const retractAs = (who: SignedIn, payload: object) =>
  server.app.inject({ method: "POST", url: retractionsUrl(), headers: who.headers, payload });
const comparisonRow = () =>
  server.store.db
    .selectFrom("image_comparisons")
    .selectAll()
    .where("id", "=", comparisonId)
    .executeTakeFirstOrThrow();
const retractionsOf = (targetId: string) =>
  server.store.db.selectFrom("retractions").selectAll().where("target_id", "=", targetId).execute();

describe("retracting an image-comparison opinion", () => {
  it("needs a reason, and a role that may record opinions", async () => {
    const noReason = await retractAs(analyst, {
      target: "imageComparison",
      targetId: comparisonId,
      reason: "   ",
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors).toContainEqual(
      expect.objectContaining({ field: "reason", message: "Say why it is retracted." }),
    );
    const byOperator = await retractAs(operator, {
      target: "imageComparison",
      targetId: comparisonId,
      reason: "not mine to judge",
    });
    expect(byOperator.statusCode).toBe(403);
    expect(byOperator.json()).toMatchObject({ code: "forbidden" });
    expect(await retractionsOf(comparisonId)).toEqual([]);
  });

  it("records a new ledger entry and leaves the opinion as it was", async () => {
    const before = await comparisonRow();
    const response = await retractAs(analyst, {
      target: "imageComparison",
      targetId: comparisonId,
      reason: "the capture is of another conversation",
    });
    expect(response.statusCode, response.body).toBe(201);
    const { id } = response.json<{ id: string }>();
    expect(await retractionsOf(comparisonId)).toEqual([
      expect.objectContaining({
        id,
        operation_id: scenario.operation.id,
        target_table: "image_comparisons",
        reason: "the capture is of another conversation",
        retracted_by: scenario.analyst.id,
      }),
    ]);
    expect(await comparisonRow()).toEqual(before);
    const entry = await server.store.db
      .selectFrom("ledger_entries")
      .select(["id", "kind"])
      .where("source_table", "=", "retractions")
      .where("source_id", "=", id)
      .executeTakeFirstOrThrow();
    expect(entry.kind).toBe("retraction");
    retraction = { id, entryId: entry.id };
    const audit = await server.store.db
      .selectFrom("audit")
      .select(["target_type", "target_id", "details"])
      .where("action", "=", "evidence.retracted")
      .where("target_id", "=", comparisonId)
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({
      target_type: "imageComparison",
      details: { reason: "the capture is of another conversation" },
    });
    await issueTreeHead(server.store.db, testSigner(), scenario.operation.id);
    const verdict = await verifyLedger(server.store.db, { operationId: scenario.operation.id });
    expect(verdict.problem).toBeNull();
  });

  it("shows the opinion retracted on the subject page, with who, when and why", async () => {
    const detail = (
      await server.app.inject({
        method: "GET",
        url: `/api/operations/${scenario.operation.id}/subjects/${scenario.subjectId}`,
        headers: analyst.headers,
      })
    ).json();
    const shown = detail.comparisons.find((c: { id: string }) => c.id === comparisonId);
    expect(shown).toMatchObject({
      opinion: "same_person",
      reason: "same room, same shirt and the same mark on the wall",
      retraction: {
        reason: "the capture is of another conversation",
        retractedBy: scenario.analyst.id,
        retractedByName: scenario.analyst.display_name,
      },
    });
    expect(Date.parse(shown.retraction.retractedAt)).not.toBeNaN();
    const texts = detail.timeline.map((t: { text: string }) => t.text);
    expect(texts).toContainEqual(expect.stringContaining("(retracted since)"));
    expect(texts).toContain(
      `Opinion on the pictures retracted by ${scenario.analyst.display_name}: the capture is of another conversation`,
    );
  });

  it("refuses a second retraction, and a claim named as an opinion", async () => {
    const again = await retractAs(analyst, {
      target: "imageComparison",
      targetId: comparisonId,
      reason: "once more",
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: "already_retracted" });
    const claim = await retractAs(analyst, {
      target: "imageComparison",
      targetId: scenario.identity.claimId,
      reason: "wrong kind",
    });
    expect(claim.statusCode).toBe(404);
    expect(await retractionsOf(scenario.identity.claimId)).toEqual([]);
  });

  it.each([
    ["reason", "reason || ' (edited)'"],
    ["target_id", "gen_random_uuid()"],
    ["target_table", "'claims'"],
    ["retracted_by", `'${"0".repeat(8)}-0000-4000-8000-${"0".repeat(12)}'`],
    ["created_at", "created_at + interval '1 second'"],
  ])("an edit of the retraction's %s fails ledger verify, naming its entry", async (column, to) => {
    class RolledBack extends Error {}
    let verdict: Awaited<ReturnType<typeof verifyLedger>> | undefined;
    await server.store.db
      .transaction()
      .execute(async (trx) => {
        // As an attacker with the owner's rights would: constraint and FK triggers off.
        await sql`set local session_replication_role = replica`.execute(trx);
        await sql
          .raw(`update retractions set "${column}" = ${to} where id = '${retraction.id}'`)
          .execute(trx);
        verdict = await verifyLedger(trx, { operationId: scenario.operation.id });
        throw new RolledBack();
      })
      .catch((error: unknown) => {
        if (!(error instanceof RolledBack)) throw error;
      });
    expect(verdict!.ok).toBe(false);
    expect(verdict!.problem?.entryId, verdict!.problem?.message).toBe(retraction.entryId);
  });

  it.runIf(process.env.SWEETIE_TEST_STORE === "postgres")(
    "the real `sweetie ledger verify` exits 1 naming the retraction's entry after its reason changed",
    async () => {
      const dataDir = await mkdtemp(join(tmpdir(), "sweetie-retraction-cli-"));
      try {
        await server.store.db
          .updateTable("retractions")
          .set({ reason: "no reason given" })
          .where("id", "=", retraction.id)
          .execute();
        const run = spawnSync(
          process.execPath,
          ["bin/sweetie.js", "ledger", "verify", "--operation", scenario.operation.id],
          {
            cwd: resolve(import.meta.dirname, "../../../../.."),
            env: { ...process.env, DATABASE_URL: server.store.url!, SWEETIE_DATA_DIR: dataDir },
            encoding: "utf8",
            timeout: 60_000,
          },
        );
        expect(run.status, run.stderr).toBe(1);
        expect(run.stderr).toContain(retraction.entryId);
        expect(run.stderr).toContain(`retractions/${retraction.id}`);
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    },
    120_000,
  );
});
