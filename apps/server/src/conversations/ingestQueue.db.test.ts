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

  it("tells a durable caller when its message is committed, and when it could not be", async () => {
    const operation = await buildOperationWithTeam(store.db);
    const venue = await buildVenue(store.db, operation.id);
    const queue = new IngestQueue({
      db: store.db,
      ports: { analyzer: coreAnalyzer, evidence: ledgerEvidence },
      bus: new InProcessBus(),
    });
    const item = (venueId: string, text: string) => ({
      operationId: operation.id,
      venueId,
      personaId: null,
      message: {
        venueAddress: "xmpp:room@conference.localhost",
        counterpartId: "room@conference.localhost#occupant",
        counterpartHandle: "bobby",
        bytes: new TextEncoder().encode(text),
        receivedAt: new Date(),
      },
    });
    await queue.ingest(item(venue.id, "stored before the promise resolves"));
    const bodies = await store.db
      .selectFrom("messages")
      .select("body")
      .where("operation_id", "=", operation.id)
      .execute();
    expect(bodies.map((row) => row.body)).toEqual(["stored before the promise resolves"]);
    // A venue that does not exist: the insert fails, and the caller is told (it will not ack).
    const failing = queue.ingest(item("00000000-0000-4000-8000-000000000000", "lost?"));
    await expect(failing).rejects.toBeDefined();
    expect(queue.failedCount).toBe(1);
  });
});
