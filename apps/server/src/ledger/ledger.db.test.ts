import { spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import {
  entryLeafHash,
  generateSigningKey,
  toHex,
  verifyEvidenceProof,
  type EvidenceProof,
} from "@sweetie/core/ledger/index";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runLedgerVerify, type CliIo } from "../cli/ledger";
import type { Store } from "../db/database";
import { buildConversation, buildMessage, buildOperation } from "../test/factories";
import { openTestStore } from "../test/testStore";
import { appendEvidence } from "./evidenceAppender";
import { buildEvidenceProof } from "./evidenceProofBuilder";
import { loadSources } from "./evidenceSources";
import { purgeEvidence } from "./evidencePurger";
import { issueTreeHead } from "./headIssuer";
import { verifyLedger } from "./ledgerVerifier";
import { insertMessagesWithEvidence } from "./messageEvidenceWriter";
import { loadSigningKey } from "./signingKey";
import type { LedgerSigner } from "./headAnchor";
import { testSigner } from "../test/testSigner";

let store: Store;
let key: LedgerSigner;

beforeAll(async () => {
  store = await openTestStore();
  key = testSigner();
});
afterAll(async () => {
  await store.close();
});

/** An operation with `count` messages, each written with its entry in one transaction. */
async function operationWithMessages(count: number) {
  const operation = await buildOperation(store.db);
  const conversation = await buildConversation(store.db, { operation_id: operation.id });
  const entries: { entryId: string; messageId: string }[] = [];
  for (let i = 0; i < count; i++) {
    entries.push(
      await store.db.transaction().execute(async (trx) => {
        const message = await buildMessage(trx, {
          operation_id: operation.id,
          conversation_id: conversation.id,
          seq: i + 1,
          body: `message ${i}: asks for a paid webcam show`,
        });
        const entry = await appendEvidence(trx, {
          operationId: operation.id,
          kind: "message",
          source: { table: "messages", id: message.id },
        });
        return { entryId: entry.id, messageId: message.id };
      }),
    );
  }
  return { operation, conversation, entries };
}

function captureIo() {
  const lines = { out: [] as string[], err: [] as string[] };
  const io: CliIo = { out: (l) => lines.out.push(l), err: (l) => lines.err.push(l), isTTY: false };
  return { io, lines };
}

async function verifyCli(operationId: string) {
  const { io, lines } = captureIo();
  const code = await runLedgerVerify(store, { operationId, localKey: key }, io);
  return { code, text: [...lines.out, ...lines.err].join("\n") };
}

/** Tampers the way an attacker with database access would: the append-only guard off. */
async function asAttacker(run: (db: Store["db"]) => Promise<void>) {
  await sql`alter table ledger_entries disable trigger ledger_entries_no_edit`.execute(store.db);
  try {
    await run(store.db);
  } finally {
    await sql`alter table ledger_entries enable trigger ledger_entries_no_edit`.execute(store.db);
  }
}

describe("evidence ledger", () => {
  it("appends in the writer's transaction: a rollback leaves neither row nor entry", async () => {
    const operation = await buildOperation(store.db);
    const conversation = await buildConversation(store.db, { operation_id: operation.id });
    await expect(
      store.db.transaction().execute(async (trx) => {
        const message = await buildMessage(trx, {
          operation_id: operation.id,
          conversation_id: conversation.id,
        });
        await appendEvidence(trx, {
          operationId: operation.id,
          kind: "message",
          source: { table: "messages", id: message.id },
        });
        throw new Error("writer failed after appending");
      }),
    ).rejects.toThrow("writer failed");
    const counts = await sql<{ m: number; e: number }>`
      select (select count(*) from messages where operation_id = ${operation.id}) as m,
             (select count(*) from ledger_entries where operation_id = ${operation.id}) as e`.execute(
      store.db,
    );
    expect(counts.rows[0]).toEqual({ m: 0, e: 0 });
  });

  it("refuses evidence whose row was not written", async () => {
    const operation = await buildOperation(store.db);
    await expect(
      store.db.transaction().execute((trx) =>
        appendEvidence(trx, {
          operationId: operation.id,
          kind: "message",
          source: { table: "messages", id: "00000000-0000-4000-8000-000000000000" },
        }),
      ),
    ).rejects.toThrow(/does not exist/);
  });

  it("numbers entries without gaps, signs heads, and proves inclusion offline", async () => {
    const { operation, entries } = await operationWithMessages(5);
    const inline = await store.db.transaction().execute((trx) =>
      appendEvidence(trx, {
        operationId: operation.id,
        kind: "decision",
        content: { decision: "criteria.confirmed", by: "supervisor", conversation: "c-1" },
      }),
    );
    expect(inline.index).toBe(5);
    await issueTreeHead(store.db, key, operation.id);
    await operationWithMessages(2); // another operation does not disturb this one
    const proof = await buildEvidenceProof(store.db, entries[3]!.entryId, key);
    expect(proof.proof).toMatchObject({ index: 3, size: 6 });
    expect(verifyEvidenceProof(proof, [toHex(key.publicKey)])).toEqual({ ok: true });
    expect(verifyEvidenceProof(proof, [toHex(generateSigningKey().publicKey)]).ok).toBe(false);
    const edited = {
      ...proof,
      entry: { ...proof.entry, content: { ...proof.entry.content, body: "edited" } },
    };
    expect(verifyEvidenceProof(edited, [toHex(key.publicKey)]).ok).toBe(false);
    expect(await verifyCli(operation.id)).toMatchObject({ code: 0 });
  });

  it("insertMessagesWithEvidence writes rows and entries together, in input order", async () => {
    const operation = await buildOperation(store.db);
    const conversation = await buildConversation(store.db, { operation_id: operation.id });
    const { messageIds, entries } = await store.db.transaction().execute((trx) =>
      insertMessagesWithEvidence(
        trx,
        [3, 1, 2].map((seq) => ({
          operation_id: operation.id,
          conversation_id: conversation.id,
          seq,
          direction: "in" as const,
          body: `asks for a webcam show, line ${seq}`,
          body_bytes: new TextEncoder().encode(`asks for a webcam show, line ${seq}`),
          indicators: "[]",
          created_at: new Date(),
        })),
      ),
    );
    expect(entries.map((e) => e.index)).toEqual([0, 1, 2]);
    const seqs = await store.db
      .selectFrom("messages")
      .select(["id", "seq"])
      .where("id", "in", messageIds)
      .execute();
    const seqOf = new Map(seqs.map((m) => [m.id, m.seq]));
    expect(messageIds.map((id) => seqOf.get(id))).toEqual([3, 1, 2]);
    await issueTreeHead(store.db, key, operation.id);
    expect(await verifyCli(operation.id)).toMatchObject({ code: 0 });
    await store.db
      .updateTable("messages")
      .set({ body: "changed" })
      .where("id", "=", messageIds[1]!)
      .execute();
    const result = await verifyCli(operation.id);
    expect(result.code).toBe(1);
    expect(result.text).toContain(entries[1]!.id);
  });

  it("insertMessagesWithEvidence hashes what the database stores, for hostile text too", async () => {
    // The entries are built from the values before the INSERT, not read back: the verifier
    // (which reads the rows back) must agree for text the driver or the database could change.
    const operation = await buildOperation(store.db);
    const conversation = await buildConversation(store.db, { operation_id: operation.id });
    const bodies = [
      "lone surrogate \ud800 in the text",
      "emoji 🙂 and right-to-left مرحبا",
      "<script>alert(1)</script><img src=x onerror=alert(1)>",
      "x".repeat(10_000),
    ];
    const at = new Date(Date.UTC(2026, 10, 30, 12, 0, 0, 123));
    const { messageIds } = await store.db.transaction().execute((trx) =>
      insertMessagesWithEvidence(
        trx,
        bodies.map((body, i) => ({
          operation_id: operation.id,
          conversation_id: conversation.id,
          seq: i + 1,
          direction: "in" as const,
          body,
          body_bytes: Uint8Array.of(0xff, 0xfe, i), // not UTF-8: stored as received
          indicators: "[]",
          created_at: at,
        })),
      ),
    );
    const stored = await store.db
      .selectFrom("messages")
      .select(["id", "body", "created_at"])
      .where("id", "in", messageIds)
      .execute();
    expect(stored.find((m) => m.id === messageIds[0])?.body).toBe(
      "lone surrogate \ufffd in the text",
    );
    expect(stored.every((m) => m.created_at.getTime() === at.getTime())).toBe(true);
    await issueTreeHead(store.db, key, operation.id);
    expect(await verifyCli(operation.id)).toMatchObject({ code: 0 });
  });

  describe("insertMessagesWithEvidence rebuilds on the stored state when another writer moved it", () => {
    // The fast path builds entries on the state this process last wrote. Another writer (here
    // appendEvidence), a rolled-back batch, and a different tree of the SAME size (a rolled-back
    // batch, then another writer's entry) must each make it lock, re-read and rebuild. Each case
    // has its own operation: after a stale hint the operation takes the lock first for a while.
    async function operationLog() {
      const operation = await buildOperation(store.db);
      const conversation = await buildConversation(store.db, { operation_id: operation.id });
      let seq = 0;
      const batch = (count: number) =>
        Array.from({ length: count }, () => {
          seq += 1;
          const body = `asks for a webcam show, line ${seq}`;
          return {
            operation_id: operation.id,
            conversation_id: conversation.id,
            seq,
            direction: "in" as const,
            body,
            body_bytes: new TextEncoder().encode(body),
            indicators: "[]",
            created_at: new Date(),
          };
        });
      const indexes = async (count: number) =>
        (
          await store.db
            .transaction()
            .execute((trx) => insertMessagesWithEvidence(trx, batch(count)))
        ).entries.map((e) => e.index);
      return {
        operation,
        indexes,
        async otherWriter() {
          await store.db.transaction().execute(async (trx) => {
            const message = await buildMessage(trx, {
              operation_id: operation.id,
              conversation_id: conversation.id,
              seq: (seq += 1),
            });
            await appendEvidence(trx, {
              operationId: operation.id,
              kind: "message",
              source: { table: "messages", id: message.id },
            });
          });
        },
        async rolledBack(count: number) {
          await expect(
            store.db.transaction().execute(async (trx) => {
              await insertMessagesWithEvidence(trx, batch(count));
              throw new Error("the caller's transaction fails after the append");
            }),
          ).rejects.toThrow(/fails after the append/);
          seq -= count;
        },
        async verifiesWith(size: number) {
          const stored = await store.db
            .selectFrom("ledger_entries")
            .select("idx")
            .where("operation_id", "=", operation.id)
            .orderBy("idx")
            .execute();
          expect(stored.map((e) => e.idx)).toEqual(Array.from({ length: size }, (_, i) => i));
          await issueTreeHead(store.db, key, operation.id);
          expect(await verifyCli(operation.id)).toMatchObject({ code: 0 });
        },
      };
    }

    it("another writer appended in between", async () => {
      const log = await operationLog();
      expect(await log.indexes(3)).toEqual([0, 1, 2]);
      expect(await log.indexes(2)).toEqual([3, 4]); // on its own state
      await log.otherWriter(); // index 5
      expect(await log.indexes(2)).toEqual([6, 7]);
      expect(await log.indexes(1)).toEqual([8]); // locking first now, still in order
      await log.verifiesWith(9);
    });

    it("its own last batch was rolled back", async () => {
      const log = await operationLog();
      expect(await log.indexes(2)).toEqual([0, 1]);
      await log.rolledBack(2); // this process now believes size 4
      expect(await log.indexes(1)).toEqual([2]);
      await log.verifiesWith(3);
    });

    it("a different tree reached the same size (the root is checked, not only the size)", async () => {
      const log = await operationLog();
      expect(await log.indexes(2)).toEqual([0, 1]);
      await log.rolledBack(1); // believes size 3 with its own root ...
      await log.otherWriter(); // ... while the stored tree reaches size 3 by another entry
      expect(await log.indexes(2)).toEqual([3, 4]);
      await log.verifiesWith(5);
    });
  });

  it("insertMessagesWithEvidence refuses ids the database would store in another form", async () => {
    const operation = await buildOperation(store.db);
    const conversation = await buildConversation(store.db, { operation_id: operation.id });
    await expect(
      store.db.transaction().execute((trx) =>
        insertMessagesWithEvidence(trx, [
          {
            operation_id: operation.id,
            conversation_id: conversation.id.toUpperCase(),
            seq: 1,
            direction: "in" as const,
            body: "hello",
            body_bytes: new TextEncoder().encode("hello"),
            indicators: "[]",
            created_at: new Date(),
          },
        ]),
      ),
    ).rejects.toThrow(/not a lowercase UUID/);
  });

  it("keeps verifying after a purge: the content is gone, the leaf hash and proofs stay", async () => {
    const { operation, entries } = await operationWithMessages(4);
    await issueTreeHead(store.db, key, operation.id);
    await store.db
      .transaction()
      .execute((trx) =>
        purgeEvidence(
          trx,
          { source: { table: "messages", id: entries[1]!.messageId } },
          "retention period over",
        ),
      );
    const gone = await store.db
      .selectFrom("messages")
      .select("id")
      .where("id", "=", entries[1]!.messageId)
      .execute();
    expect(gone).toHaveLength(0);
    const purged = await store.db
      .selectFrom("ledger_entries")
      .select(["content", "purged_at"])
      .where("id", "=", entries[1]!.entryId)
      .executeTakeFirstOrThrow();
    expect(purged.content).toBeNull();
    await issueTreeHead(store.db, key, operation.id);
    expect(await verifyCli(operation.id)).toMatchObject({ code: 0 });
    const proof = await buildEvidenceProof(store.db, entries[2]!.entryId, key);
    expect(verifyEvidenceProof(proof, [toHex(key.publicKey)])).toEqual({ ok: true });
  });

  it("refuses to edit or delete an entry through SQL", async () => {
    const { entries } = await operationWithMessages(1);
    await expect(
      store.db.deleteFrom("ledger_entries").where("id", "=", entries[0]!.entryId).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(
      store.db
        .updateTable("ledger_entries")
        .set({ idx: 7 })
        .where("id", "=", entries[0]!.entryId)
        .execute(),
    ).rejects.toThrow(/append-only/);
  });
});

describe("tampering is detected and named", () => {
  it("a changed message text", async () => {
    const { operation, entries } = await operationWithMessages(6);
    await issueTreeHead(store.db, key, operation.id);
    await store.db
      .updateTable("messages")
      .set({ body: "changed" })
      .where("id", "=", entries[2]!.messageId)
      .execute();
    const result = await verifyCli(operation.id);
    expect(result.code).toBe(1);
    expect(result.text).toContain(entries[2]!.entryId);
    expect(result.text).toContain("#2");
  });

  it("a changed timestamp, even by one microsecond", async () => {
    const { operation, entries } = await operationWithMessages(4);
    await sql`update messages set created_at = created_at + interval '1 microsecond' where id = ${entries[1]!.messageId}`.execute(
      store.db,
    );
    const result = await verifyCli(operation.id);
    expect(result.code).toBe(1);
    expect(result.text).toContain(entries[1]!.entryId);
  });

  it("changed body bytes", async () => {
    const { operation, entries } = await operationWithMessages(3);
    await store.db
      .updateTable("messages")
      .set({ body_bytes: Uint8Array.of(1, 2, 3) })
      .where("id", "=", entries[0]!.messageId)
      .execute();
    const result = await verifyCli(operation.id);
    expect(result.code).toBe(1);
    expect(result.text).toContain(entries[0]!.entryId);
  });

  it("a deleted entry", async () => {
    const { operation, entries } = await operationWithMessages(5);
    await issueTreeHead(store.db, key, operation.id);
    await asAttacker(async (db) => {
      await db.deleteFrom("ledger_entries").where("id", "=", entries[3]!.entryId).execute();
    });
    const result = await verifyCli(operation.id);
    expect(result.code).toBe(1);
    expect(result.text).toMatch(/entry #3 is missing/);
    expect(result.text).toContain(entries[4]!.entryId);
  });

  it("a deleted last entry", async () => {
    const { operation, entries } = await operationWithMessages(3);
    await asAttacker(async (db) => {
      await db.deleteFrom("ledger_entries").where("id", "=", entries[2]!.entryId).execute();
    });
    const result = await verifyCli(operation.id);
    expect(result.code).toBe(1);
    expect(result.text).toMatch(/entry #2 is missing/);
  });

  it("two reordered entries", async () => {
    const { operation, entries } = await operationWithMessages(5);
    await asAttacker(async (db) => {
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable("ledger_entries")
          .set({ idx: -1 })
          .where("id", "=", entries[1]!.entryId)
          .execute();
        await trx
          .updateTable("ledger_entries")
          .set({ idx: 1 })
          .where("id", "=", entries[2]!.entryId)
          .execute();
        await trx
          .updateTable("ledger_entries")
          .set({ idx: 2 })
          .where("id", "=", entries[1]!.entryId)
          .execute();
      });
    });
    const result = await verifyCli(operation.id);
    expect(result.code).toBe(1);
    expect(result.text).toContain(entries[2]!.entryId);
    expect(result.text).toContain("#1");
  });

  it("a rewritten leaf hash is caught by the signed head", async () => {
    const { operation, entries } = await operationWithMessages(4);
    await issueTreeHead(store.db, key, operation.id);
    await store.db
      .updateTable("messages")
      .set({ body: "rewritten" })
      .where("id", "=", entries[1]!.messageId)
      .execute();
    // The attacker also recomputes the entry's hash to match the edited row.
    const rebuilt = await verifyLedger(store.db, { operationId: operation.id });
    expect(rebuilt.ok).toBe(false);
    const { leafHash } = await store.db.transaction().execute(async (trx) => {
      const found = await loadSources(trx, [{ table: "messages", id: entries[1]!.messageId }]);
      return {
        leafHash: entryLeafHash({
          kind: "message",
          v: 1,
          operation: operation.id,
          index: 1,
          source: { table: "messages", id: entries[1]!.messageId },
          content: found.get(`messages/${entries[1]!.messageId}`)!.content,
        }),
      };
    });
    await asAttacker(async (db) => {
      await db
        .updateTable("ledger_entries")
        .set({ leaf_hash: leafHash })
        .where("id", "=", entries[1]!.entryId)
        .execute();
    });
    const result = await verifyCli(operation.id);
    expect(result.code).toBe(1);
    expect(result.text).toMatch(/entries #0..#3 no longer match the signed head of size 4/);
  });

  it("a changed event payload, for each event entry backed by events", async () => {
    const { operation, conversation } = await operationWithMessages(1);
    const [event, decision] = await store.db.transaction().execute(async (trx) => {
      const rows = await trx
        .insertInto("events")
        .values([
          {
            operation_id: operation.id,
            conversation_id: conversation.id,
            kind: "stage.changed",
            payload: JSON.stringify({ to: "solicited" }),
          },
          {
            operation_id: operation.id,
            conversation_id: conversation.id,
            kind: "criteria.confirmed",
            payload: JSON.stringify({ by: "supervisor", score: 1.5 }),
          },
        ])
        .returning("id")
        .execute();
      return [
        await appendEvidence(trx, {
          operationId: operation.id,
          kind: "event",
          source: { table: "events", id: rows[0]!.id },
        }),
        await appendEvidence(trx, {
          operationId: operation.id,
          kind: "event",
          source: { table: "events", id: rows[1]!.id },
        }),
      ];
    });
    await issueTreeHead(store.db, key, operation.id);
    expect(await verifyCli(operation.id)).toMatchObject({ code: 0 });
    const source = await store.db
      .selectFrom("ledger_entries")
      .select("source_id")
      .where("id", "=", decision!.id)
      .executeTakeFirstOrThrow();
    await store.db
      .updateTable("events")
      .set({ payload: JSON.stringify({ by: "someone else", score: 1.5 }) })
      .where("id", "=", source.source_id!)
      .execute();
    const result = await verifyCli(operation.id);
    expect(result.code).toBe(1);
    expect(result.text).toContain(decision!.id);
    expect(result.text).not.toContain(event!.id);
  });

  it("an unknown operation is an error, not an empty success", async () => {
    const result = await verifyCli("00000000-0000-4000-8000-000000000001");
    expect(result.code).toBe(1);
    expect(result.text).toMatch(/has no ledger/);
  });

  it("an untouched ledger verifies across all operations", async () => {
    const fresh = await openTestStore();
    try {
      const operation = await buildOperation(fresh.db);
      const conversation = await buildConversation(fresh.db, { operation_id: operation.id });
      for (let i = 0; i < 3; i++) {
        await fresh.db.transaction().execute(async (trx) => {
          const m = await buildMessage(trx, {
            operation_id: operation.id,
            conversation_id: conversation.id,
          });
          await appendEvidence(trx, {
            operationId: operation.id,
            kind: "message",
            source: { table: "messages", id: m.id },
          });
        });
      }
      await issueTreeHead(fresh.db, key, operation.id);
      const { io, lines } = captureIo();
      expect(await runLedgerVerify(fresh, { localKey: key }, io)).toBe(0);
      expect(lines.out.join("\n")).toContain("3 entries, 1 signed heads");
    } finally {
      await fresh.close();
    }
  });
});

const repoRoot = resolve(import.meta.dirname, "../../../..");

describe.runIf(process.env.SWEETIE_TEST_STORE === "postgres")("the real CLI process", () => {
  it("exits 0 on an intact ledger and 1 naming the entry after tampering", async () => {
    const { operation, entries } = await operationWithMessages(3);
    const dataDir = await mkdtemp(join(tmpdir(), "sweetie-ledger-cli-"));
    const run = () =>
      spawnSync(
        process.execPath,
        ["bin/sweetie.js", "ledger", "verify", "--operation", operation.id],
        {
          cwd: repoRoot,
          env: { ...process.env, DATABASE_URL: store.url!, SWEETIE_DATA_DIR: dataDir },
          encoding: "utf8",
          timeout: 60_000,
        },
      );
    try {
      // No signed head yet: nothing anchors the history, so verify refuses it.
      const unsigned = run();
      expect(unsigned.status).toBe(1);
      expect(unsigned.stderr).toMatch(/no signed tree head/);
      const head = spawnSync(
        process.execPath,
        ["bin/sweetie.js", "ledger", "head", "--operation", operation.id],
        {
          cwd: repoRoot,
          env: { ...process.env, DATABASE_URL: store.url!, SWEETIE_DATA_DIR: dataDir },
          encoding: "utf8",
          timeout: 60_000,
        },
      );
      expect(head.status, head.stderr).toBe(0);
      const intact = run();
      expect(intact.stdout).toContain("ledger verified");
      expect(intact.status).toBe(0);
      // A checkpoint exported for a supervisor, and verify against it.
      const checkpointFile = join(dataDir, "checkpoint.json");
      const cli = (args: string[]) =>
        spawnSync(process.execPath, ["bin/sweetie.js", ...args], {
          cwd: repoRoot,
          env: { ...process.env, DATABASE_URL: store.url!, SWEETIE_DATA_DIR: dataDir },
          encoding: "utf8",
          timeout: 60_000,
        });
      const exported = cli([
        "ledger",
        "checkpoint",
        "--operation",
        operation.id,
        "--out",
        checkpointFile,
      ]);
      expect(exported.status, exported.stderr).toBe(0);
      const against = cli([
        "ledger",
        "verify",
        "--operation",
        operation.id,
        "--trusted-head",
        checkpointFile,
      ]);
      expect(against.status, against.stderr).toBe(0);
      expect(against.stdout).toContain("extends the 1 trusted head(s)");
      await store.db
        .updateTable("messages")
        .set({ body: "changed" })
        .where("id", "=", entries[1]!.messageId)
        .execute();
      const tampered = run();
      expect(tampered.status).toBe(1);
      expect(tampered.stderr).toContain(entries[1]!.entryId);

      // `ledger proof` issues a head with the key it creates in the data directory, and what it
      // prints verifies offline against that key's public half.
      const printed = spawnSync(
        process.execPath,
        ["bin/sweetie.js", "ledger", "proof", entries[2]!.entryId],
        {
          cwd: repoRoot,
          env: { ...process.env, DATABASE_URL: store.url!, SWEETIE_DATA_DIR: dataDir },
          encoding: "utf8",
          timeout: 60_000,
        },
      );
      expect(printed.status).toBe(0);
      const localKey = await loadSigningKey(dataDir, {});
      const proof = JSON.parse(printed.stdout) as EvidenceProof;
      expect(verifyEvidenceProof(proof, [toHex(localKey!.publicKey)])).toEqual({ ok: true });
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 240_000);
});
