import { beforeAll, describe, expect, it } from "vitest";
import { ManualTimers } from "../../connectors/training/timers";
import type { OperationRow } from "../../db/tables/operations";
import { buildSignedInTeam, type SignedIn } from "../../test/accounts";
import { useTestApp } from "../../test/testHooks";

const LOBBY = "training://lobby";

describe("the persona consistency guard on typed text (S2)", () => {
  let operation: OperationRow;
  let operator: SignedIn;
  let operatorId: string;
  let conversationId: string;
  let counterpartId: string;
  const timers = new ManualTimers(Date.now());
  const server = useTestApp({ training: { timers, seed: 5 } });
  const url = (path: string) => `/api/operations/${operation.id}${path}`;
  const send = (payload: object) =>
    server.app.inject({
      method: "POST",
      url: url(`/conversations/${conversationId}/messages`),
      headers: operator.headers,
      payload,
    });

  beforeAll(async () => {
    const team = await buildSignedInTeam(server.app, server.store.db, ["operator"], {
      isTraining: true,
    });
    operation = team.operation;
    operator = team.members.operator.session;
    operatorId = team.members.operator.user.id;
    await server.store.db
      .insertInto("personas")
      .values({
        operation_id: operation.id,
        name: "Training persona",
        age: operation.persona_age,
        gender: "girl",
        location: "Cebu, Philippines",
        display_names: JSON.stringify(["maya"]),
      })
      .execute();
    const present = await server.app.inject({
      method: "POST",
      url: url("/presence"),
      headers: operator.headers,
      payload: { venueAddress: LOBBY, displayName: "maya" },
    });
    expect(present.statusCode).toBe(201);
    const spawn = await server.app.inject({
      method: "POST",
      url: url("/training/counterparts"),
      headers: operator.headers,
      payload: { venueAddress: LOBBY, behaviourId: "solicits_after_age_statement" },
    });
    counterpartId = spawn.json<{ counterpartId: string }>().counterpartId;
    timers.advance(10_000);
    await server.app.consoleRuntime.queue.drain();
    const list = await server.app.inject({ url: url("/conversations"), headers: operator.headers });
    conversationId = list.json<{ conversations: { id: string }[] }>().conversations[0]!.id;
  });

  it("holds text that states another age or place, sends nothing, and audits the hold", async () => {
    const held = await send({ text: "im 13 and i live in manila" });
    expect(held.statusCode).toBe(409);
    expect(held.json()).toMatchObject({
      code: "persona_inconsistent",
      errors: [{ field: "text" }],
    });
    const detail = held.json<{ detail: string }>().detail;
    expect(detail).toContain(`The persona is ${operation.persona_age}, but this message says 13.`);
    expect(detail).toContain("Cebu, Philippines");
    expect(detail).toContain("send it anyway");
    const range = server.app.consoleRuntime.hub.trainingRange(operation.id)!;
    expect(range.receivedBy(counterpartId)).toEqual([]);
    const outgoing = await server.store.db
      .selectFrom("messages")
      .select("id")
      .where("conversation_id", "=", conversationId)
      .where("direction", "=", "out")
      .execute();
    expect(outgoing).toHaveLength(0);
    const audit = await server.store.db
      .selectFrom("audit")
      .selectAll()
      .where("action", "=", "conversation.send.held")
      .execute();
    expect(audit).toHaveLength(1);
  });

  it("lets consistent text through without a warning", async () => {
    const fine = await send({ text: `im ${operation.persona_age} po, from cebu` });
    expect(fine.statusCode).toBe(201);
  });

  it("sends confirmed text and records the warning and the choice in the ledger and the audit", async () => {
    const sent = await send({ text: "im 13", confirmInconsistency: true });
    expect(sent.statusCode).toBe(201);
    const messageId = sent.json<{ messageId: string }>().messageId;
    const range = server.app.consoleRuntime.hub.trainingRange(operation.id)!;
    expect(range.receivedBy(counterpartId)).toContain("im 13");
    const event = await server.store.db
      .selectFrom("events")
      .selectAll()
      .where("kind", "=", "persona.inconsistency_confirmed")
      .executeTakeFirstOrThrow();
    expect(event.actor_id).toBe(operatorId);
    expect(event.payload).toMatchObject({
      messageId,
      warnings: [{ kind: "age", stated: 13, declared: operation.persona_age }],
    });
    const ledgered = await server.store.db
      .selectFrom("ledger_entries")
      .select("source_id")
      .where("source_table", "=", "events")
      .where("source_id", "=", event.id)
      .execute();
    expect(ledgered).toHaveLength(1);
    const audit = await server.store.db
      .selectFrom("audit")
      .selectAll()
      .where("action", "=", "conversation.send")
      .where("target_id", "=", conversationId)
      .execute();
    expect(audit.some((row) => JSON.stringify(row.details).includes("sentAnyway"))).toBe(true);
  });
});
