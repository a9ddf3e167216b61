import { beforeAll, describe, expect, it } from "vitest";
import { ManualTimers } from "../connectors/training/timers";
import type { OperationRow } from "../db/tables/operations";
import { verifyLedger } from "../ledger/ledgerVerifier";
import { buildSignedInTeam, type SignedIn } from "../test/accounts";
import { signEveryLedger } from "../test/testSigner";
import { useTestApp } from "../test/testHooks";
import { goPresentInLobby, LOBBY } from "../test/trainingRange";

interface Delivered {
  messageId: string;
  delivery: string;
}
interface TranscriptMessage {
  id: string;
  direction: string;
  delivery: { state: string; detail: string | null } | null;
}

describe("outbox: a persona message is recorded first, then delivered", () => {
  let operation: OperationRow;
  let operator: SignedIn;
  const timers = new ManualTimers(Date.now());
  const server = useTestApp({ training: { timers, seed: 4 } });
  const url = (path: string) => `/api/operations/${operation.id}${path}`;

  beforeAll(async () => {
    const team = await buildSignedInTeam(server.app, server.store.db, ["operator"], {
      isTraining: true,
    });
    operation = team.operation;
    operator = team.members.operator.session;
    expect((await goPresentInLobby(server.app, operation.id, operator.headers)).statusCode).toBe(
      201,
    );
  });

  it("marks a message sent once the network took it, and failed (kept, never shown as sent) when it did not", async () => {
    const range = server.app.consoleRuntime.hub.trainingRange(operation.id)!;
    const counterpart = range.spawn("solicits_after_age_statement", LOBBY);
    timers.advance(10_000);
    await server.app.consoleRuntime.queue.drain();
    const list = await server.app.inject({ url: url("/conversations"), headers: operator.headers });
    const conversationId = list.json<{ conversations: { id: string }[] }>().conversations[0]!.id;
    const send = (payload: Record<string, string>) =>
      server.app.inject({
        method: "POST",
        url: url(`/conversations/${conversationId}/messages`),
        headers: operator.headers,
        payload,
      });

    const sent = await send({ moveId: "age_statement", language: "en" });
    expect(sent.statusCode).toBe(201);
    expect(sent.json<Delivered>().delivery).toBe("sent");
    expect(range.receivedBy(counterpart.id)).toEqual(["im 10"]);

    // The whole connection goes down: the message is recorded, and recorded as not delivered.
    await range.fault(60);
    const failed = await send({ text: "are you there" });
    expect(failed.statusCode).toBe(201);
    expect(failed.json<Delivered>().delivery).toBe("failed");
    expect(range.receivedBy(counterpart.id)).toEqual(["im 10"]);

    const transcript = await server.app.inject({
      url: url(`/conversations/${conversationId}`),
      headers: operator.headers,
    });
    const body = transcript.json<{
      messages: TranscriptMessage[];
      events: { kind: string; summary: string }[];
    }>();
    const out = body.messages.filter((message) => message.direction === "out");
    expect(out.map((message) => message.delivery?.state)).toEqual(["sent", "failed"]);
    expect(out[1]!.delivery!.detail).toMatch(/simulated technical problem.*stays in the record/i);
    expect(body.messages.find((m) => m.direction === "in")!.delivery).toBeNull();
    expect(body.events.map((event) => event.kind)).toContain("message.delivery_failed");

    // Each outcome is an event entry in the ledger, pointing at its message.
    const outcomes = await server.store.db
      .selectFrom("events")
      .select(["kind", "payload"])
      .where("conversation_id", "=", conversationId)
      .where("kind", "like", "message.deliver%")
      .orderBy("created_at")
      .execute();
    expect(outcomes.map((row) => [row.kind, row.payload.messageId])).toEqual([
      ["message.delivered", sent.json<Delivered>().messageId],
      ["message.delivery_failed", failed.json<Delivered>().messageId],
    ]);
    await signEveryLedger(server.store.db);
    const verification = await verifyLedger(server.store.db, { operationId: operation.id });
    expect(verification.problem).toBeNull();

    // A settled delivery is never attempted again, even once the network is back.
    timers.advance(61_000);
    await server.app.consoleRuntime.outbox.deliverPending(operation.id);
    expect(await server.app.consoleRuntime.outbox.deliver(failed.json<Delivered>().messageId)).toBe(
      "failed",
    );
    expect(range.receivedBy(counterpart.id)).toEqual(["im 10"]);
  });
});
