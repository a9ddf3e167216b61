import { describe, expect, it } from "vitest";
import { InProcessBus } from "../events/inProcessBus";
import type { LiveEvent } from "../events/liveEvents";
import { buildOperationWithTeam } from "../test/accounts";
import { buildVenue } from "../test/factories";
import { useTestStore } from "../test/testHooks";
import { coreAnalyzer } from "./coreAnalyzer";
import { IngestQueue } from "./ingestQueue";
import { ledgerEvidence } from "./ledgerEvidence";

describe("ingest queue", () => {
  const store = useTestStore();

  it("keeps each counterpart's order and opens one conversation each across parallel lanes", async () => {
    const operation = await buildOperationWithTeam(store.db);
    const venue = await buildVenue(store.db, operation.id);
    const bus = new InProcessBus();
    const published: LiveEvent[] = [];
    bus.subscribe((event) => published.push(event));
    const queue = new IngestQueue({
      db: store.db,
      ports: { analyzer: coreAnalyzer, evidence: ledgerEvidence },
      bus,
      lanes: 3,
      maxBatch: 7,
    });
    const received = new Date();
    for (let index = 0; index < 120; index += 1) {
      queue.push({
        operationId: operation.id,
        venueId: venue.id,
        personaId: null,
        message: {
          venueAddress: "training://lobby",
          counterpartId: `cp-${index % 12}`,
          counterpartHandle: `cp ${index % 12}`,
          bytes: new TextEncoder().encode(`line ${index}`),
          receivedAt: received,
        },
      });
      // Let some batches start while others are still being queued.
      if (index % 25 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await queue.drain();
    expect(queue.failedCount).toBe(0);

    const conversations = await store.db
      .selectFrom("conversations")
      .select(["id", "counterpart_ref"])
      .where("operation_id", "=", operation.id)
      .execute();
    expect(conversations).toHaveLength(12);
    for (const conversation of conversations) {
      const lines = await store.db
        .selectFrom("messages")
        .select(["seq", "body"])
        .where("conversation_id", "=", conversation.id)
        .orderBy("seq")
        .execute();
      const n = Number(conversation.counterpart_ref!.slice(3));
      expect(lines.map((line) => line.body)).toEqual(
        Array.from({ length: 10 }, (_, k) => `line ${n + 12 * k}`),
      );
      expect(lines.map((line) => line.seq)).toEqual(Array.from({ length: 10 }, (_, k) => k + 1));
    }
    const publishedIds = published.flatMap((event) =>
      event.kind === "messages" ? event.messageIds : [],
    );
    expect(new Set(publishedIds).size).toBe(120);
  });
});
