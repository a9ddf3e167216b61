import { SAFE_MOVES } from "@sweetie/core/moves/index";
import { beforeAll, describe, expect, it } from "vitest";
import { ManualTimers } from "../../connectors/training/timers";
import type { OperationRow } from "../../db/tables/operations";
import { buildSignedInTeam, type SignedIn } from "../../test/accounts";
import { useTestApp } from "../../test/testHooks";

const LOBBY = "training://lobby";

describe("live console over REST", () => {
  let operation: OperationRow;
  let operator: SignedIn;
  let analyst: SignedIn;
  let operatorId: string;
  const timers = new ManualTimers(Date.now());
  const server = useTestApp({ training: { timers, seed: 11 } });

  beforeAll(async () => {
    const team = await buildSignedInTeam(server.app, server.store.db, ["operator", "analyst"], {
      isTraining: true,
    });
    operation = team.operation;
    operatorId = team.members.operator.user.id;
    operator = team.members.operator.session;
    analyst = team.members.analyst.session;
  });

  const url = (path: string) => `/api/operations/${operation.id}${path}`;

  it("refuses presence outside the authorization and lets only operating roles go present", async () => {
    const outside = await server.app.inject({
      method: "POST",
      url: url("/presence"),
      headers: operator.headers,
      payload: { venueAddress: "training://other", displayName: "ana" },
    });
    expect(outside.statusCode).toBe(403);
    expect(outside.json()).toMatchObject({ code: "venue_not_authorized" });
    expect(outside.json<{ detail: string }>().detail).toContain("training://other");

    const byAnalyst = await server.app.inject({
      method: "POST",
      url: url("/presence"),
      headers: analyst.headers,
      payload: { venueAddress: LOBBY, displayName: "ana" },
    });
    expect(byAnalyst.statusCode).toBe(403);

    const present = await server.app.inject({
      method: "POST",
      url: url("/presence"),
      headers: operator.headers,
      payload: { venueAddress: LOBBY, displayName: "ana" },
    });
    expect(present.statusCode).toBe(201);
  });

  it("ingests a counterpart, sends the age statement and breaks off; every persona line has its author (S2)", async () => {
    const spawn = await server.app.inject({
      method: "POST",
      url: url("/training/counterparts"),
      headers: operator.headers,
      payload: { venueAddress: LOBBY, behaviourId: "solicits_after_age_statement" },
    });
    expect(spawn.statusCode).toBe(201);
    timers.advance(10_000);
    await server.app.consoleRuntime.queue.drain();

    const list = await server.app.inject({ url: url("/conversations"), headers: analyst.headers });
    const [conversation] = list.json<{
      conversations: { id: string; counterpartHandle: string; unreadCount: number }[];
    }>().conversations;
    expect(conversation).toMatchObject({
      counterpartHandle: spawn.json<{ handle: string }>().handle,
      unreadCount: 1,
    });

    const age = await server.app.inject({
      method: "POST",
      url: url(`/conversations/${conversation!.id}/messages`),
      headers: operator.headers,
      payload: { moveId: "age_statement", language: "en" },
    });
    expect(age.statusCode).toBe(201);
    expect(age.json()).toMatchObject({ conversation: { stage: "age_stated", unreadCount: 0 } });
    const range = server.app.consoleRuntime.hub.trainingRange(operation.id)!;
    expect(range.receivedBy(spawn.json<{ counterpartId: string }>().counterpartId)).toEqual([
      "im 10",
    ]);

    timers.advance(10_000);
    await server.app.consoleRuntime.queue.drain();
    const typed = await server.app.inject({
      method: "POST",
      url: url(`/conversations/${conversation!.id}/messages`),
      headers: operator.headers,
      payload: { text: "what?" },
    });
    expect(typed.statusCode).toBe(201);

    const breakOff = await server.app.inject({
      method: "POST",
      url: url(`/conversations/${conversation!.id}/break-off`),
      headers: operator.headers,
      payload: {},
    });
    expect(breakOff.statusCode).toBe(201);
    expect(breakOff.json()).toMatchObject({
      conversation: { brokenOff: true, stage: "solicited", proposed: true },
    });
    expect(
      range.counterpart(spawn.json<{ counterpartId: string }>().counterpartId)?.leftBecause,
    ).toBe("persona_dropped");

    const again = await server.app.inject({
      method: "POST",
      url: url(`/conversations/${conversation!.id}/messages`),
      headers: operator.headers,
      payload: { text: "hello" },
    });
    expect(again.json()).toMatchObject({ code: "conversation_closed" });

    // S2: every outgoing persona message in the database has an operator and, if a move, the library version.
    const outgoing = await server.store.db
      .selectFrom("messages")
      .selectAll()
      .where("direction", "=", "out")
      .execute();
    expect(outgoing).toHaveLength(3);
    for (const message of outgoing) {
      expect(message.sent_by).toBe(operatorId);
      if (message.move_id) expect(message.move_library_version).toBe(SAFE_MOVES.version);
      else expect(message.move_library_version).toBeNull();
    }
    // Every message is in the evidence ledger.
    const ledgered = await server.store.db
      .selectFrom("ledger_entries")
      .select("source_id")
      .where("source_table", "=", "messages")
      .execute();
    const messages = await server.store.db.selectFrom("messages").select("id").execute();
    expect(new Set(ledgered.map((row) => row.source_id))).toEqual(
      new Set(messages.map((row) => row.id)),
    );
  });

  it("stores hostile input byte-exact and presents it as data", async () => {
    await server.app.inject({
      method: "POST",
      url: url("/training/counterparts"),
      headers: operator.headers,
      payload: { venueAddress: LOBBY, behaviourId: "hostile_invalid_utf8" },
    });
    timers.advance(20_000);
    await server.app.consoleRuntime.queue.drain();
    const rows = await server.store.db
      .selectFrom("messages")
      .selectAll()
      .where("body", "like", "ok%")
      .execute();
    expect(Buffer.from(rows[0]!.body_bytes).toString("hex")).toBe(
      Buffer.from("ok\0bye").toString("hex"),
    );
    const detail = await server.app.inject({
      url: url(`/conversations/${rows[0]!.conversation_id}`),
      headers: analyst.headers,
    });
    const messages = detail.json<{ messages: { validUtf8: boolean; body: string }[] }>().messages;
    expect(messages.every((message) => !message.validUtf8)).toBe(true);
  });

  it("breaks off with the reviewed warning notice in deter mode, and offers it only there", async () => {
    await server.store.db
      .updateTable("operations")
      .set({ mode: "deter" })
      .where("id", "=", operation.id)
      .execute();
    const consoleState = await server.app.inject({
      url: url("/console"),
      headers: operator.headers,
    });
    expect(consoleState.json()).toMatchObject({ breakOffMoveId: "warning_notice" });
    const range = server.app.consoleRuntime.hub.trainingRange(operation.id)!;
    const counterpart = range.spawn("solicits_after_age_statement", LOBBY);
    timers.advance(10_000);
    await server.app.consoleRuntime.queue.drain();
    const conversation = await server.store.db
      .selectFrom("conversations")
      .select("id")
      .where("counterpart_ref", "=", counterpart.id)
      .executeTakeFirstOrThrow();
    const breakOff = await server.app.inject({
      method: "POST",
      url: url(`/conversations/${conversation.id}/break-off`),
      headers: operator.headers,
      payload: {},
    });
    expect(breakOff.statusCode).toBe(201);
    expect(range.receivedBy(counterpart.id)[0]).toContain("child-protection operation");
    const sent = await server.store.db
      .selectFrom("messages")
      .select(["move_id", "move_library_version", "sent_by"])
      .where("conversation_id", "=", conversation.id)
      .where("direction", "=", "out")
      .executeTakeFirstOrThrow();
    expect(sent).toEqual({
      move_id: "warning_notice",
      move_library_version: SAFE_MOVES.version,
      sent_by: operatorId,
    });
    await server.store.db
      .updateTable("operations")
      .set({ mode: "identify" })
      .where("id", "=", operation.id)
      .execute();
  });
});
