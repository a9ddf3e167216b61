import { describe, expect, it } from "vitest";
import { buildConversation, buildMessage, buildOperation } from "../test/factories";
import { useTestStore } from "../test/testHooks";
import { appendEvidence, appendEvidenceBatch } from "./evidenceAppender";
import { signEveryLedger, testSigner } from "../test/testSigner";
import { issueTreeHead } from "./headIssuer";
import { insertMessagesWithEvidence } from "./messageEvidenceWriter";
import { verifyLedger } from "./ledgerVerifier";

// Eight writers at once, each appending in its own transactions, half by appendEvidence and half
// by the message fast path (insertMessagesWithEvidence). On PostgreSQL they really run in
// parallel on separate connections; the per-operation row lock must serialize them.
const WRITERS = 8;
const APPENDS_PER_WRITER = 25;

const store = useTestStore();

async function writer(
  operationId: string,
  conversationId: string,
  writerNo: number,
): Promise<string[]> {
  const acked: string[] = [];
  for (let i = 0; i < APPENDS_PER_WRITER; i++) {
    const entry = await store.db.transaction().execute(async (trx) => {
      if (writerNo % 2 === 1) {
        // Half the writers take the message fast path, which builds on this process's last
        // known state and must rebuild whenever another writer got there first.
        const body = `writer ${writerNo} message ${i}`;
        const { entries } = await insertMessagesWithEvidence(trx, [
          {
            operation_id: operationId,
            conversation_id: conversationId,
            seq: 1_000_000 + writerNo * 1_000 + i,
            direction: "in",
            body,
            body_bytes: new TextEncoder().encode(body),
            indicators: "[]",
            created_at: new Date(),
          },
        ]);
        return entries[0]!;
      }
      const message = await buildMessage(trx, {
        operation_id: operationId,
        conversation_id: conversationId,
        body: `writer ${writerNo} message ${i}`,
      });
      return appendEvidence(trx, {
        operationId,
        kind: "message",
        source: { table: "messages", id: message.id },
      });
    });
    acked.push(entry.id);
  }
  return acked;
}

async function expectGaplessLog(operationId: string, expected: number) {
  const rows = await store.db
    .selectFrom("ledger_entries")
    .select(["idx", "id"])
    .where("operation_id", "=", operationId)
    .orderBy("idx")
    .execute();
  expect(rows.map((r) => r.idx)).toEqual(Array.from({ length: expected }, (_, i) => i));
  expect(new Set(rows.map((r) => r.id)).size).toBe(expected);
  const state = await store.db
    .selectFrom("ledger_state")
    .select("size")
    .where("operation_id", "=", operationId)
    .executeTakeFirstOrThrow();
  expect(state.size).toBe(expected);
}

describe("concurrent appends", () => {
  it(`${WRITERS} writers on one operation: no gaps, no duplicates, the tree verifies`, async () => {
    const operation = await buildOperation(store.db);
    const conversation = await buildConversation(store.db, { operation_id: operation.id });
    const key = testSigner();
    // A head issuer racing the writers takes the same lock and must see consistent pairs.
    let issuing = true;
    const heads = (async () => {
      while (issuing) {
        await issueTreeHead(store.db, key, operation.id).catch(() => undefined);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const acked = await Promise.all(
      Array.from({ length: WRITERS }, (_, w) => writer(operation.id, conversation.id, w)),
    );
    issuing = false;
    await heads;
    await issueTreeHead(store.db, key, operation.id);
    const total = WRITERS * APPENDS_PER_WRITER;
    expect(new Set(acked.flat()).size).toBe(total);
    await expectGaplessLog(operation.id, total);
    const result = await verifyLedger(store.db, { operationId: operation.id });
    expect(result.problem).toBeNull();
    // PGlite is one connection: the issuer may only get its turn after the writers are done.
    expect(result.operations[0]!.heads).toBeGreaterThan(store.kind === "postgres" ? 1 : 0);
  });

  it(`${WRITERS} writers on different operations, plus batches spanning several operations`, async () => {
    const targets = await Promise.all(
      Array.from({ length: WRITERS }, async () => {
        const operation = await buildOperation(store.db);
        const conversation = await buildConversation(store.db, { operation_id: operation.id });
        return { operationId: operation.id, conversationId: conversation.id };
      }),
    );
    // Each batch writer touches every operation in a different order: the appender must lock
    // them in one order or two batches would deadlock.
    const batchWriter = async (w: number) => {
      for (let round = 0; round < 3; round++) {
        await store.db.transaction().execute(async (trx) => {
          const order = [...targets].sort(() => (w % 2 ? 1 : -1));
          if (w === 2) {
            // The one-statement path (insert + lock + read) must lock in the same order.
            await insertMessagesWithEvidence(
              trx,
              order.map((t) => ({
                operation_id: t.operationId,
                conversation_id: t.conversationId,
                seq: 100_000 + w * 1000 + round,
                direction: "in" as const,
                body: "batch",
                body_bytes: new TextEncoder().encode("batch"),
                indicators: "[]",
                created_at: new Date(),
              })),
            );
            return;
          }
          const inputs = [];
          for (const t of order) {
            const m = await buildMessage(trx, {
              operation_id: t.operationId,
              conversation_id: t.conversationId,
            });
            inputs.push({
              operationId: t.operationId,
              kind: "message" as const,
              source: { table: "messages", id: m.id },
            });
          }
          await appendEvidenceBatch(trx, inputs);
        });
      }
    };
    await Promise.all([
      ...targets.map((t, w) => writer(t.operationId, t.conversationId, w)),
      batchWriter(0),
      batchWriter(1),
      batchWriter(2),
    ]);
    for (const t of targets) await expectGaplessLog(t.operationId, APPENDS_PER_WRITER + 9);
    await signEveryLedger(store.db);
    const result = await verifyLedger(store.db);
    expect(result.problem).toBeNull();
  });
});
