import { randomUUID } from "node:crypto";
import {
  createFrontier,
  entryLeafHash,
  frontierAppend,
  frontierRoot,
  type JsonObject,
} from "@sweetie/core/ledger/index";
import { describe, expect, it } from "vitest";
import { buildConversation, buildOperation } from "../test/factories";
import { useTestStore } from "../test/testHooks";
import { testSigner } from "../test/testSigner";
import { loadSources } from "./evidenceSources";
import { issueTreeHead } from "./headIssuer";
import { frontierToBytes } from "./ledgerState";
import { verifyLedger } from "./ledgerVerifier";

// Entries written before a kind's version went up keep verifying under the version they were
// written with: capture v1 and decision v1 were built from an events row (capture.taken,
// criteria.*); since v2 they come from the captures and conversation_reviews rows.

const store = useTestStore();

describe("entries of older kind versions", () => {
  it("capture v1 and decision v1 (from events rows) still verify, and their edits still show", async () => {
    const operation = await buildOperation(store.db);
    const conversation = await buildConversation(store.db, { operation_id: operation.id });
    const events = await store.db
      .insertInto("events")
      .values(
        (["capture.taken", "criteria.confirmed"] as const).map((kind) => ({
          operation_id: operation.id,
          conversation_id: conversation.id,
          kind,
          payload: JSON.stringify({ sha256: "00".repeat(32), reason: "asked for a webcam show" }),
        })),
      )
      .returning("id")
      .execute();
    const sources = await loadSources(
      store.db,
      events.map((e) => ({ table: "events", id: e.id })),
    );
    // Written as the appender of that time wrote them.
    const frontier = createFrontier();
    const rows = events.map((event, index) => {
      const kind = index === 0 ? "capture" : "decision";
      const leaf = entryLeafHash({
        kind,
        v: 1,
        operation: operation.id,
        index,
        source: { table: "events", id: event.id },
        content: sources.get(`events/${event.id}`)!.content as JsonObject,
      });
      frontierAppend(frontier, leaf);
      return {
        id: randomUUID(),
        operation_id: operation.id,
        idx: index,
        kind,
        version: 1,
        source_table: "events",
        source_id: event.id,
        content: null,
        leaf_hash: leaf,
      };
    });
    await store.db.insertInto("ledger_entries").values(rows).execute();
    await store.db
      .insertInto("ledger_state")
      .values({
        operation_id: operation.id,
        size: rows.length,
        frontier: frontierToBytes(frontier),
        root: frontierRoot(frontier),
      })
      .execute();
    await issueTreeHead(store.db, testSigner(), operation.id);
    expect((await verifyLedger(store.db, { operationId: operation.id })).problem).toBeNull();

    await store.db
      .updateTable("events")
      .set({ payload: JSON.stringify({ reason: "changed" }) })
      .where("id", "=", events[1]!.id)
      .execute();
    const verdict = await verifyLedger(store.db, { operationId: operation.id });
    expect(verdict.problem?.entryId).toBe(rows[1]!.id);
  });
});
