import { describe, expect, it } from "vitest";
import { coreAnalyzer } from "../conversations/coreAnalyzer";
import { ledgerEvidence } from "../conversations/ledgerEvidence";
import { verifyLedger } from "../ledger/ledgerVerifier";
import { signEveryLedger } from "../test/testSigner";
import { buildOperationWithTeam } from "../test/accounts";
import { buildMessage, buildVenue } from "../test/factories";
import { useTestStore } from "../test/testHooks";
import { ingestMessages, type IngestItem } from "./ingestMessages";

const ports = { analyzer: coreAnalyzer, evidence: ledgerEvidence };

describe("ingestMessages", () => {
  const store = useTestStore();

  async function world() {
    const operation = await buildOperationWithTeam(store.db);
    const venue = await buildVenue(store.db, operation.id);
    const say = (text: string): IngestItem => ({
      operationId: operation.id,
      venueId: venue.id,
      personaId: null,
      message: {
        venueAddress: "training://lobby",
        counterpartId: "cp-1",
        counterpartHandle: "cp 1",
        bytes: new TextEncoder().encode(text),
        receivedAt: new Date(),
      },
    });
    const ingest = (...texts: string[]) =>
      store.db.transaction().execute((trx) => ingestMessages(trx, ports, texts.map(say)));
    const conversation = () =>
      store.db
        .selectFrom("conversations")
        .selectAll()
        .where("operation_id", "=", operation.id)
        .executeTakeFirstOrThrow();
    return { operation, ingest, conversation };
  }

  it("keeps the analyzer's state on the conversation and uses it for the next message", async () => {
    const { ingest, conversation } = await world();
    await ingest("hi asl?");
    expect((await conversation()).analysis).toMatchObject({ seq: 1 });
    await ingest("do you have a cam", "i can send load");
    const row = await conversation();
    expect(row.analysis).toMatchObject({ seq: 3 });
    expect(row.stage).toBe("payment");
    expect(row.flags).toEqual(["no_prior_age_statement"]);
  });

  it("replays the stored messages when a message was written without advancing the state", async () => {
    const { operation, ingest, conversation } = await world();
    await ingest("hi asl?");
    const before = await conversation();
    // A persona age statement written by a path that does not keep the state.
    await buildMessage(store.db, {
      operation_id: operation.id,
      conversation_id: before.id,
      seq: 2,
      direction: "out",
      body: "im 13",
      indicators: JSON.stringify([
        { type: "persona.age_statement", start: 0, end: 5, confidence: 1, rule: "test" },
      ]),
    });
    await ingest("ok. do you have a cam");
    const row = await conversation();
    expect(row.analysis).toMatchObject({ seq: 3 });
    // The age statement counted: solicited after it, so no S6 flag and a proposal.
    expect(row.stage).toBe("solicited");
    expect(row.flags).toEqual([]);
    expect(row.proposed).toBe(true);
    await signEveryLedger(store.db);
    expect((await verifyLedger(store.db, { operationId: operation.id })).ok).toBe(true);
  });
});
