import { toHex, verifyHead } from "@sweetie/core/ledger/index";
import { testSigner } from "../test/testSigner";
import { describe, expect, it } from "vitest";
import { buildConversation, buildMessage, buildOperation } from "../test/factories";
import { useTestStore } from "../test/testHooks";
import { appendEvidenceBatch } from "./evidenceAppender";
import { headFromRow, headsOf, issueDueHeads, startHeadScheduler } from "./headIssuer";

const store = useTestStore();

async function appendMessages(operationId: string, conversationId: string, count: number) {
  await store.db.transaction().execute(async (trx) => {
    const inputs = [];
    for (let i = 0; i < count; i++) {
      const m = await buildMessage(trx, {
        operation_id: operationId,
        conversation_id: conversationId,
      });
      inputs.push({
        operationId,
        kind: "message" as const,
        source: { table: "messages", id: m.id },
      });
    }
    await appendEvidenceBatch(trx, inputs);
  });
}

describe("signed tree heads", () => {
  it("are issued every N entries or once the oldest unsigned entry is T old", async () => {
    const key = testSigner();
    const operation = await buildOperation(store.db);
    const conversation = await buildConversation(store.db, { operation_id: operation.id });
    const policy = { everyEntries: 10, everyMs: 60_000 };

    await appendMessages(operation.id, conversation.id, 4);
    expect(await issueDueHeads(store.db, key, policy)).toBe(0); // 4 < 10 and not old yet
    await appendMessages(operation.id, conversation.id, 6);
    expect(await issueDueHeads(store.db, key, policy)).toBe(1); // 10 unsigned
    expect(await issueDueHeads(store.db, key, policy)).toBe(0); // nothing new

    await appendMessages(operation.id, conversation.id, 1);
    expect(await issueDueHeads(store.db, key, { everyEntries: 10, everyMs: 1 })).toBe(1); // old enough

    const heads = (await headsOf(store.db, operation.id)).map(headFromRow);
    expect(heads.map((h) => h.head.size)).toEqual([10, 11]);
    for (const head of heads) expect(verifyHead(head, [toHex(key.publicKey)])).toBe(true);
  });

  it("are issued in the background by the scheduler", async () => {
    const key = testSigner();
    const operation = await buildOperation(store.db);
    const conversation = await buildConversation(store.db, { operation_id: operation.id });
    const scheduler = startHeadScheduler(store.db, key, { everyEntries: 1000, everyMs: 200 });
    try {
      await appendMessages(operation.id, conversation.id, 3);
      const deadline = Date.now() + 10_000;
      while ((await headsOf(store.db, operation.id)).length === 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      await scheduler.stop();
    }
    const heads = await headsOf(store.db, operation.id);
    expect(heads.map((h) => h.size)).toEqual([3]);
  });
});
