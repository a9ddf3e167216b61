import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { sql, type Transaction } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../db/schema";
import { buildEvidenceScenario, PNG } from "../test/evidenceScenario";
import { storeBlob } from "../test/factories";
import { useTestStore } from "../test/testHooks";
import { testSigner } from "../test/testSigner";
import { coveredColumns } from "./evidenceCoverage";
import { EVIDENCE_SOURCES } from "./evidenceSourceTables";
import { issueTreeHead } from "./headIssuer";
import { verifyLedger } from "./ledgerVerifier";

// Acceptance (issue 9): every evidence column the ledger README lists, edited one at a time
// (and the named cases: capture bytes with a matching new hash and size, the initiator, a
// presence event, a review row), makes `ledger verify` fail naming the entry. Each edit runs
// as an attacker with the owner's rights would (constraint and FK triggers off), inside a
// transaction that the verifier reads and that is then rolled back.

const store = useTestStore();
let operationId: string;
let entries: { id: string; source_table: string | null; source_id: string | null }[];

beforeAll(async () => {
  const { operation } = await buildEvidenceScenario(store.db);
  operationId = operation.id;
  await issueTreeHead(store.db, testSigner(), operationId);
  entries = await store.db
    .selectFrom("ledger_entries")
    .select(["id", "source_table", "source_id"])
    .where("operation_id", "=", operationId)
    .execute();
});

class RolledBack extends Error {}

/** Runs `edit` and the verifier in one transaction, then rolls it back; returns the verdict. */
async function verifyAfter(edit: (trx: Transaction<Database>) => Promise<unknown>) {
  let verdict: Awaited<ReturnType<typeof verifyLedger>> | undefined;
  await store.db
    .transaction()
    .execute(async (trx) => {
      await sql`set local session_replication_role = replica`.execute(trx);
      await edit(trx);
      verdict = await verifyLedger(trx, { operationId });
      throw new RolledBack();
    })
    .catch((error: unknown) => {
      if (!(error instanceof RolledBack)) throw error;
    });
  return verdict!;
}

const quote = (name: string) => `"${name}"`;

// Where a generic change would break a constraint, a change that keeps it.
const OVERRIDES: Record<string, string> = {
  "messages.direction": "case when direction = 'in' then 'out' else 'in' end",
  "conversations.initiator":
    "case when initiator = 'counterpart' then 'persona' else 'counterpart' end",
  "conversation_reviews.decision":
    "case when decision = 'confirm' then 'reject' else 'confirm' end",
  "venues.protocol": "case when protocol = 'irc' then 'xmpp' else 'irc' end",
  "personas.age": "case when age = 17 then 16 else age + 1 end",
  "findings.file_sha256": "repeat('0', 64)",
  // The scenario's observations come from a finding and a network origin: no message span.
  "observations.span_start": "coalesce(span_start, 0) + 1000",
  "observations.span_end": "coalesce(span_end, 0) + 1000",
  "referral_steps.step": "case when step = 'drafted' then 'released' else 'drafted' end",
  "referral_steps.occurred_on":
    "case when occurred_on = '2026-01-01' then '2026-01-02' else '2026-01-01' end",
  "disclosure_exports.scope": "case when scope = 'subject' then 'conversation' else 'subject' end",
  "disclosure_exports.package_sha256": "repeat('0', 64)",
  "image_comparisons.left_kind":
    "case when left_kind = 'capture' then 'finding' else 'capture' end",
  "image_comparisons.right_kind":
    "case when right_kind = 'capture' then 'finding' else 'capture' end",
  "image_comparisons.left_sha256": "repeat('0', 64)",
  "image_comparisons.right_sha256": "repeat('0', 64)",
  "image_comparisons.opinion":
    "case when opinion = 'same_person' then 'different_people' else 'same_person' end",
};

function changed(table: string, column: string, type: string): string {
  const c = quote(column);
  const override = OVERRIDES[`${table}.${column}`];
  if (override) return override;
  switch (type) {
    case "uuid":
      return "gen_random_uuid()";
    case "integer":
    case "bigint":
      return `${c} + 1000`;
    case "timestamp with time zone":
      return `coalesce(${c}, now()) + interval '1 microsecond'`;
    case "bytea":
      return `coalesce(${c}, ''::bytea) || '\\x00'::bytea`;
    case "jsonb":
      return `coalesce(${c}, '{}'::jsonb) || '{"tampered": true}'::jsonb`;
    case "date":
      return `${c} + 1`;
    case "boolean":
      return `not ${c}`;
    default:
      return `coalesce(${c}, '') || 'x'`;
  }
}

const cases = EVIDENCE_SOURCES.flatMap((source) =>
  source.covers.flatMap((cover) =>
    cover.columns.map((column) => ({
      name: `${cover.table}.${column} (in ${source.table} entries)`,
      source: source.table,
      ...cover,
      column,
    })),
  ),
);

describe("tampering with any evidence column is detected and named", () => {
  it("covers every column the README lists", () => {
    const listed = [...coveredColumns()].flatMap(([table, columns]) =>
      [...columns].map((column) => `${table}.${column}`),
    );
    expect(new Set(cases.map((c) => `${c.table}.${c.column}`))).toEqual(new Set(listed));
  });

  it("the untouched scenario verifies", async () => {
    const verdict = await verifyAfter(async () => undefined);
    expect(verdict.problem).toBeNull();
    // Every kind of evidence is in the scenario's ledger, and every event has its entry.
    const tables = new Set(entries.map((e) => e.source_table));
    for (const source of EVIDENCE_SOURCES) expect(tables, source.table).toContain(source.table);
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from events e
       where e.operation_id = ${operationId}
         and not exists (select 1 from ledger_entries l
                          where l.source_table = 'events' and l.source_id = e.id::text)`.execute(
      store.db,
    );
    expect(rows[0]!.n).toBe(0);
  });

  it.each(cases)("$name", async (c) => {
    const ledgered = entries.filter((e) => e.source_table === c.source);
    // The row of the covered table that a ledgered source row points to.
    const { rows } = await sql<{ target: string }>`
      select ${sql.raw(c.via === "id" ? "id" : quote(c.via))}::text as target
        from ${sql.raw(quote(c.source))}
       where id = any(${ledgered.map((e) => e.source_id!)}::uuid[])
         and ${sql.raw(c.via === "id" ? "id" : quote(c.via))} is not null
       limit 1`.execute(store.db);
    const target = rows[0]?.target;
    expect(target, `no ledgered ${c.source} row points to a ${c.table} row`).toBeDefined();
    const { rows: types } = await sql<{ data_type: string }>`
      select data_type from information_schema.columns
       where table_schema = 'public' and table_name = ${c.table} and column_name = ${c.column}`.execute(
      store.db,
    );
    const expression = changed(c.table, c.column, types[0]!.data_type);
    const verdict = await verifyAfter((trx) =>
      sql
        .raw(
          `update ${quote(c.table)} set ${quote(c.column)} = ${expression} where id = '${target!}'`,
        )
        .execute(trx),
    );
    expect(verdict.ok).toBe(false);
    const named = verdict.problem?.entryId;
    const expected = ledgered
      .filter((e) => c.via !== "id" || e.source_id === target)
      .map((e) => e.id);
    expect(expected, verdict.problem?.message).toContain(named);
  });

  it("capture bytes replaced together with a matching hash and size", async () => {
    const capture = entries.find((e) => e.source_table === "captures")!;
    const other = Uint8Array.from([...PNG, 0x00, 0x01]);
    const verdict = await verifyAfter(async (trx) => {
      await storeBlob(trx, other);
      await trx
        .updateTable("captures")
        .set({
          sha256: createHash("sha256").update(other).digest("hex"),
          size_bytes: other.length,
        })
        .where("id", "=", capture.source_id!)
        .execute();
    });
    expect(verdict.problem?.entryId).toBe(capture.id);
  });

  it("a capture's file replaced or removed in the blob store, marked purged without a purge, a deleted capture row", async () => {
    const capture = entries.find((e) => e.source_table === "captures")!;
    const row = await store.db
      .selectFrom("captures")
      .innerJoin("blobs", "blobs.sha256", "captures.sha256")
      .select("blobs.chunk_key")
      .where("captures.id", "=", capture.source_id!)
      .executeTakeFirstOrThrow();
    for (const edit of [
      (trx: Transaction<Database>) =>
        trx
          .updateTable("blob_chunks")
          .set({ bytes: Uint8Array.from([...PNG, 0x07]) })
          .where("chunk_key", "=", row.chunk_key),
      (trx: Transaction<Database>) =>
        trx.deleteFrom("blob_chunks").where("chunk_key", "=", row.chunk_key),
      (trx: Transaction<Database>) =>
        trx
          .updateTable("captures")
          .set({ purged_at: new Date() })
          .where("id", "=", capture.source_id!),
      (trx: Transaction<Database>) =>
        trx.deleteFrom("captures").where("id", "=", capture.source_id!),
    ]) {
      const verdict = await verifyAfter((trx) => edit(trx).execute());
      expect(verdict.problem?.entryId).toBe(capture.id);
    }
  });

  it("the initiator (what S6's persona_initiated reads)", async () => {
    const opening = entries.find((e) => e.source_table === "conversations")!;
    const verdict = await verifyAfter((trx) =>
      trx
        .updateTable("conversations")
        .set({ initiator: "persona" })
        .where("id", "=", opening.source_id!)
        .execute(),
    );
    expect(verdict.problem?.entryId).toBe(opening.id);
    expect(verdict.problem?.message).toMatch(/conversations\//);
  });

  it("a finding's file replaced in the blob store (the row untouched)", async () => {
    const finding = entries.find((e) => e.source_table === "findings")!;
    const row = await store.db
      .selectFrom("findings")
      .innerJoin("blobs", "blobs.sha256", "findings.file_sha256")
      .select("blobs.chunk_key")
      .where("findings.id", "=", finding.source_id!)
      .executeTakeFirstOrThrow();
    for (const edit of [
      (trx: Transaction<Database>) =>
        trx
          .updateTable("blob_chunks")
          .set({ bytes: Uint8Array.from([...PNG, 0x00]) })
          .where("chunk_key", "=", row.chunk_key),
      (trx: Transaction<Database>) =>
        trx.deleteFrom("blob_chunks").where("chunk_key", "=", row.chunk_key),
    ]) {
      const verdict = await verifyAfter((trx) => edit(trx).execute());
      expect(verdict.problem?.entryId).toBe(finding.id);
    }
  });

  it("a presence event", async () => {
    const presence = await store.db
      .selectFrom("events")
      .select("id")
      .where("operation_id", "=", operationId)
      .where("kind", "=", "presence.started")
      .executeTakeFirstOrThrow();
    const entry = entries.find((e) => e.source_id === presence.id)!;
    const verdict = await verifyAfter((trx) =>
      trx
        .updateTable("events")
        .set({ payload: JSON.stringify({ venue: "training://elsewhere", displayName: "ana" }) })
        .where("id", "=", presence.id)
        .execute(),
    );
    expect(verdict.problem?.entryId).toBe(entry.id);
  });

  it("a review row", async () => {
    const review = entries.find((e) => e.source_table === "conversation_reviews")!;
    const verdict = await verifyAfter((trx) =>
      trx
        .updateTable("conversation_reviews")
        .set({ reason: "no reason given" })
        .where("id", "=", review.source_id!)
        .execute(),
    );
    expect(verdict.problem?.entryId).toBe(review.id);
  });

  it.runIf(process.env.SWEETIE_TEST_STORE === "postgres")(
    "the real CLI process exits 1 naming the conversation's entry after the initiator changed",
    async () => {
      const opening = entries.find((e) => e.source_table === "conversations")!;
      const dataDir = await mkdtemp(join(tmpdir(), "sweetie-tamper-cli-"));
      try {
        await store.db
          .updateTable("conversations")
          .set({ initiator: "persona" })
          .where("id", "=", opening.source_id!)
          .execute();
        const run = spawnSync(
          process.execPath,
          ["bin/sweetie.js", "ledger", "verify", "--operation", operationId],
          {
            cwd: resolve(import.meta.dirname, "../../../.."),
            env: { ...process.env, DATABASE_URL: store.url!, SWEETIE_DATA_DIR: dataDir },
            encoding: "utf8",
            timeout: 60_000,
          },
        );
        expect(run.status, run.stderr).toBe(1);
        expect(run.stderr).toContain(opening.id);
        expect(run.stderr).toContain(`conversations/${opening.source_id}`);
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    },
    120_000,
  );
});
