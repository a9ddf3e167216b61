import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  createFrontier,
  entryLeafHash,
  frontierAppend,
  frontierRoot,
  toHex,
  type JsonObject,
} from "@sweetie/core/ledger/index";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EMBEDDED_SERVER_ROLE, openMigratedStore } from "../cli/store";
import { runLedgerCheckpoint, runLedgerVerify, type CliIo } from "../cli/ledger";
import { loadSources } from "../ledger/evidenceSources";
import { purgeEvidence } from "../ledger/evidencePurger";
import { HeadRefused, issueTreeHead } from "../ledger/headIssuer";
import { frontierToBytes, plainBytes } from "../ledger/ledgerState";
import { verifyLedger } from "../ledger/ledgerVerifier";
import { buildEvidenceScenario } from "../test/evidenceScenario";
import { useTestStore } from "../test/testHooks";
import { testSigner } from "../test/testSigner";
import type { Db } from "./database";
import { ensureServerRole, grantServerRights, objectsOwnedBy } from "./serverRole";

// Acceptance (issue 9): as the server's role, TRUNCATE, DISABLE TRIGGER and UPDATE/DELETE of
// ledger entries, heads and audit are refused, while the server's own work still runs; with the
// owner's rights a rewritten history is refused by the signer and by `verify --trusted-head`,
// and a ledger without heads fails verify. On PostgreSQL the server's role is the one Sweetie
// creates when DATABASE_URL may create roles (openMigratedStore, as `serve` opens it); on the
// embedded store it is the NOLOGIN role the session switches to.

const owner = useTestStore();
const onPostgres = process.env.SWEETIE_TEST_STORE === "postgres";
let server: { db: Db; role: string; close(): Promise<void> };
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "sweetie-server-role-"));
  if (onPostgres) {
    const store = await openMigratedStore({
      DATABASE_URL: owner.url!,
      SWEETIE_DATA_DIR: dataDir,
    });
    const role = (await sql<{ r: string }>`select current_user as r`.execute(store.db)).rows[0]!.r;
    server = { db: store.db, role, close: () => store.close() };
  } else {
    // The same steps openMigratedStore takes on a PGlite data directory.
    await ensureServerRole(owner.db, EMBEDDED_SERVER_ROLE, null);
    await grantServerRights(owner.db, EMBEDDED_SERVER_ROLE);
    server = { db: owner.db, role: EMBEDDED_SERVER_ROLE, close: async () => undefined };
  }
});
afterAll(async () => {
  await server?.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** Runs as the server's role (on PGlite the one session switches to it and back). */
async function asServer<T>(run: (db: Db) => Promise<T>): Promise<T> {
  if (onPostgres) return run(server.db);
  await sql.raw(`set role ${EMBEDDED_SERVER_ROLE}`).execute(owner.db);
  try {
    return await run(owner.db);
  } finally {
    await sql`reset role`.execute(owner.db);
  }
}

const quietIo = () => {
  const lines: string[] = [];
  const io: CliIo = { out: (l) => lines.push(l), err: (l) => lines.push(l), isTTY: false };
  return { io, text: () => lines.join("\n") };
};

describe("the server's database role", () => {
  let operationId: string;
  const signer = testSigner();

  it("owns nothing", async () => {
    expect(server.role).not.toBe("postgres");
    expect(await objectsOwnedBy(owner.db, server.role)).toEqual([]);
  });

  it("does the server's work: every kind of evidence, a head, a purge", async () => {
    await asServer(async (db) => {
      const { operation } = await buildEvidenceScenario(db);
      operationId = operation.id;
      await issueTreeHead(db, signer, operationId);
      const capture = await db
        .selectFrom("ledger_entries")
        .select("source_id")
        .where("operation_id", "=", operationId)
        .where("source_table", "=", "captures")
        .executeTakeFirstOrThrow();
      await db
        .transaction()
        .execute((trx) =>
          purgeEvidence(trx, { source: { table: "captures", id: capture.source_id! } }, "test"),
        );
      await issueTreeHead(db, signer, operationId);
      expect((await verifyLedger(db, { operationId })).problem).toBeNull();
    });
  });

  const refused: [string, string][] = [
    ["TRUNCATE ledger entries", "truncate ledger_entries"],
    ["TRUNCATE ledger heads", "truncate ledger_heads"],
    ["TRUNCATE the audit log", "truncate audit"],
    ["TRUNCATE messages", "truncate messages cascade"],
    [
      "DISABLE TRIGGER on entries",
      "alter table ledger_entries disable trigger ledger_entries_no_edit",
    ],
    ["DISABLE TRIGGER on heads", "alter table ledger_heads disable trigger all"],
    ["DISABLE TRIGGER on audit", "alter table audit disable trigger all"],
    ["UPDATE an entry", "update ledger_entries set leaf_hash = leaf_hash"],
    ["DELETE an entry", "delete from ledger_entries"],
    ["UPDATE a head", "update ledger_heads set root = root"],
    ["DELETE a head", "delete from ledger_heads"],
    ["UPDATE the audit log", "update audit set action = action"],
    ["DELETE from the audit log", "delete from audit"],
    ["UPDATE a message", "update messages set body = body"],
    ["UPDATE an event", "update events set payload = payload"],
    ["UPDATE a conversation's initiator", "update conversations set initiator = 'persona'"],
    ["UPDATE a review", "update conversation_reviews set reason = reason"],
    ["replica mode (all triggers off)", "set session_replication_role = replica"],
    ["DROP a guard", "drop trigger ledger_entries_no_edit on ledger_entries"],
    ["CREATE a table", "create table sneaky (id int)"],
  ];
  it.each(refused)("refuses: %s", async (_, statement) => {
    await expect(asServer((db) => sql.raw(statement).execute(db))).rejects.toThrow(
      /permission denied|must be owner|not allowed/,
    );
  });

  it("keeps its rights on tables a later migration adds", async () => {
    await sql`create table later_table (id int)`.execute(owner.db);
    try {
      await grantServerRights(owner.db, server.role);
      await asServer((db) => sql`insert into later_table values (1)`.execute(db));
      await expect(asServer((db) => sql`truncate later_table`.execute(db))).rejects.toThrow(
        /permission denied/,
      );
    } finally {
      await sql`drop table later_table`.execute(owner.db);
    }
  });
});

describe("with the owner's rights", () => {
  it("TRUNCATE is still refused by the statement guards", async () => {
    for (const table of ["ledger_entries", "ledger_heads", "audit", "captures"]) {
      await expect(sql.raw(`truncate ${table} cascade`).execute(owner.db)).rejects.toThrow(
        /cannot be truncated/,
      );
    }
  });

  it("a rewritten history is refused by the signer and by verify --trusted-head; without heads verify fails", async () => {
    const signer = testSigner();
    const { operation } = await buildEvidenceScenario(owner.db);
    const operationId = operation.id;
    await issueTreeHead(owner.db, signer, operationId);
    // The supervisor keeps a checkpoint of the signed head.
    const { checkpoint } = await runLedgerCheckpoint(
      { kind: owner.kind, db: owner.db, close: async () => undefined },
      { operationId, trustedKeys: [toHex(signer.publicKey)] },
      quietIo().io,
    );
    expect(checkpoint?.heads).toHaveLength(1);

    // An attacker with the owner's rights rewrites a message, recomputes its entry's leaf hash
    // and the state, and removes the heads: every entry matches its row again.
    const message = await owner.db
      .selectFrom("ledger_entries")
      .selectAll()
      .where("operation_id", "=", operationId)
      .where("source_table", "=", "messages")
      .orderBy("idx")
      .executeTakeFirstOrThrow();
    await sql`alter table ledger_entries disable trigger user`.execute(owner.db);
    await sql`alter table ledger_heads disable trigger user`.execute(owner.db);
    try {
      await owner.db
        .updateTable("messages")
        .set({ body: "hello", body_bytes: new TextEncoder().encode("hello") })
        .where("id", "=", message.source_id!)
        .execute();
      const content = (
        await loadSources(owner.db, [{ table: "messages", id: message.source_id! }])
      ).get(`messages/${message.source_id}`)!.content as JsonObject;
      const forged = entryLeafHash({
        kind: "message",
        v: message.version,
        operation: operationId,
        index: message.idx,
        source: { table: "messages", id: message.source_id! },
        content,
      });
      await owner.db
        .updateTable("ledger_entries")
        .set({ leaf_hash: forged })
        .where("id", "=", message.id)
        .execute();
      const leaves = await owner.db
        .selectFrom("ledger_entries")
        .select("leaf_hash")
        .where("operation_id", "=", operationId)
        .orderBy("idx")
        .execute();
      const frontier = createFrontier();
      for (const row of leaves) frontierAppend(frontier, plainBytes(row.leaf_hash));
      await owner.db
        .updateTable("ledger_state")
        .set({ frontier: frontierToBytes(frontier), root: frontierRoot(frontier), signed_size: 0 })
        .where("operation_id", "=", operationId)
        .execute();
      await owner.db.deleteFrom("ledger_heads").where("operation_id", "=", operationId).execute();
    } finally {
      await sql`alter table ledger_entries enable trigger user`.execute(owner.db);
      await sql`alter table ledger_heads enable trigger user`.execute(owner.db);
    }

    // A ledger without heads fails verify.
    const headless = await verifyLedger(owner.db, { operationId });
    expect(headless.ok).toBe(false);
    expect(headless.problem?.message).toMatch(/no signed tree head/);

    // The signer that signed the original head refuses the forged tree.
    await expect(issueTreeHead(owner.db, signer, operationId)).rejects.toBeInstanceOf(HeadRefused);
    await expect(issueTreeHead(owner.db, signer, operationId)).rejects.toThrow(
      /not an extension of the head of size/,
    );

    // A signer without that memory (a new node, a deleted anchor) would sign it, and then plain
    // verify passes: the checkpoint held outside is what shows the rewrite.
    await issueTreeHead(owner.db, testSigner(signer), operationId);
    expect((await verifyLedger(owner.db, { operationId })).ok).toBe(true);
    const verdict = quietIo();
    const code = await runLedgerVerify(
      { kind: owner.kind, db: owner.db, close: async () => undefined },
      { operationId, localKey: signer, trustedHeads: checkpoint!.heads },
      verdict.io,
    );
    expect(code).toBe(1);
    expect(verdict.text()).toMatch(/not an extension of the trusted head of size/);
  });
});
