import { beforeAll, describe, expect, it } from "vitest";
import { ManualTimers } from "../../connectors/training/timers";
import { loadBehaviourScripts } from "../../connectors/training/behaviourScript";
import { buildSignedInTeam, type SignedIn } from "../../test/accounts";
import { useTestApp } from "../../test/testHooks";
import { goPresentInLobby, LOBBY } from "../../test/trainingRange";

// What a reviewer and the console read besides messages: departures, the stage history with the
// S6 flags in words, who ran a conversation, the decision everywhere; the move language per
// conversation; and the training range kept to training operations.
describe("conversation history and console fit", () => {
  let operationId: string;
  let operator: SignedIn;
  let supervisor: SignedIn;
  let operatorName: string;
  const timers = new ManualTimers(Date.now());
  const server = useTestApp({ training: { timers, seed: 3 } });

  beforeAll(async () => {
    const team = await buildSignedInTeam(server.app, server.store.db, ["operator", "supervisor"], {
      isTraining: true,
    });
    operationId = team.operation.id;
    operator = team.members.operator.session;
    supervisor = team.members.supervisor.session;
    operatorName = team.members.operator.user.username;
    expect((await goPresentInLobby(server.app, operationId, operator.headers)).statusCode).toBe(
      201,
    );
  });

  const url = (path: string) => `/api/operations/${operationId}${path}`;
  const get = (path: string, session = supervisor) =>
    server.app.inject({ url: url(path), headers: session.headers });

  async function conversationWith(behaviourId: string) {
    const range = server.app.consoleRuntime.hub.trainingRange(operationId)!;
    const counterpart = range.spawn(behaviourId, LOBBY);
    timers.advance(10_000);
    await server.app.consoleRuntime.queue.drain();
    return server.store.db
      .selectFrom("conversations")
      .selectAll()
      .where("counterpart_ref", "=", counterpart.id)
      .executeTakeFirstOrThrow();
  }

  it("offers every behaviour script in a training operation", async () => {
    const state = (await get("/console", operator)).json<{
      trainingBehaviours: { id: string }[];
    }>();
    expect(state.trainingBehaviours.map((b) => b.id).sort()).toEqual(
      loadBehaviourScripts()
        .map((script) => script.id)
        .sort(),
    );
  });

  it("records a counterpart leaving as an event in the transcript, under the ledger", async () => {
    const conversation = await conversationWith("leaves_after_age_statement");
    await server.app.inject({
      method: "POST",
      url: url(`/conversations/${conversation.id}/messages`),
      headers: operator.headers,
      payload: { moveId: "age_statement" },
    });
    timers.advance(10_000);
    await server.app.consoleRuntime.queue.drain();
    // The departure waits for ingest, then commits on its own.
    await expect
      .poll(async () =>
        (await get(`/conversations/${conversation.id}`))
          .json<{ events: { kind: string }[] }>()
          .events.map((event) => event.kind),
      )
      .toContain("counterpart.left");
    const detail = (await get(`/conversations/${conversation.id}`)).json<{
      messages: { createdAt: string }[];
      events: { kind: string; at: string; summary: string }[];
    }>();
    const left = detail.events.find((event) => event.kind === "counterpart.left")!;
    expect(left.summary).toBe("The counterpart left the conversation.");
    // It follows the counterpart's last message.
    expect(Date.parse(left.at)).toBeGreaterThanOrEqual(
      Date.parse(detail.messages[detail.messages.length - 1]!.createdAt),
    );
    const event = await server.store.db
      .selectFrom("events")
      .select("id")
      .where("conversation_id", "=", conversation.id)
      .where("kind", "=", "counterpart.left")
      .executeTakeFirstOrThrow();
    const ledgered = await server.store.db
      .selectFrom("ledger_entries")
      .select("source_id")
      .where("source_table", "=", "events")
      .where("source_id", "=", event.id)
      .execute();
    expect(ledgered).toHaveLength(1);
  });

  it("sends safe moves in the language chosen for the conversation", async () => {
    const conversation = await conversationWith("solicits_after_age_statement");
    const chosen = await server.app.inject({
      method: "PUT",
      url: url(`/conversations/${conversation.id}/language`),
      headers: operator.headers,
      payload: { language: "taglish" },
    });
    expect(chosen.json()).toMatchObject({ conversation: { moveLanguage: "taglish" } });
    await server.app.inject({
      method: "POST",
      url: url(`/conversations/${conversation.id}/messages`),
      headers: operator.headers,
      payload: { moveId: "age_statement" },
    });
    const range = server.app.consoleRuntime.hub.trainingRange(operationId)!;
    expect(range.receivedBy(conversation.counterpart_ref!)).toEqual(["10 years old po ako"]);
    const refused = await server.app.inject({
      method: "PUT",
      url: url(`/conversations/${conversation.id}/language`),
      headers: operator.headers,
      payload: { language: "klingon" },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json<{ detail: string }>().detail).toBe("Language: choose one of: en, taglish.");
  });

  it("explains the S6 flags, names who ran it, and shows the decision everywhere", async () => {
    const conversation = await conversationWith("solicits_before_age_statement");
    timers.advance(20_000);
    await server.app.consoleRuntime.queue.drain();
    await server.app.inject({
      method: "POST",
      url: url(`/conversations/${conversation.id}/messages`),
      headers: operator.headers,
      payload: { moveId: "age_statement" },
    });
    const history = (await get(`/conversations/${conversation.id}/history`)).json<{
      stageHistory: { kind: string; summary: string }[];
      flags: { flag: string; title: string; explanation: string }[];
      operators: { username: string; messagesSent: number }[];
      decision: unknown;
    }>();
    expect(history.flags).toEqual([
      expect.objectContaining({
        flag: "no_prior_age_statement",
        title: "No age statement before the request",
      }),
    ]);
    expect(history.stageHistory.map((event) => event.kind)).toContain("safeguard.flagged");
    expect(history.operators).toEqual([
      expect.objectContaining({ username: operatorName, messagesSent: 1 }),
    ]);
    expect(history.decision).toBeNull();

    // A proposed conversation, decided with a reason: the decision follows it everywhere.
    const proposed = await conversationWith("solicits_after_age_statement");
    await server.app.inject({
      method: "POST",
      url: url(`/conversations/${proposed.id}/messages`),
      headers: operator.headers,
      payload: { moveId: "age_statement" },
    });
    timers.advance(20_000);
    await server.app.consoleRuntime.queue.drain();
    const noReason = await server.app.inject({
      method: "POST",
      url: url(`/conversations/${proposed.id}/review`),
      headers: supervisor.headers,
      payload: { decision: "confirm", reason: "" },
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json()).toMatchObject({ errors: [{ field: "reason" }] });
    const confirmed = await server.app.inject({
      method: "POST",
      url: url(`/conversations/${proposed.id}/review`),
      headers: supervisor.headers,
      payload: { decision: "confirm", reason: "Age stated first; the counterpart then asked." },
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const decision = {
      decision: "confirm",
      reason: "Age stated first; the counterpart then asked.",
    };
    const listed = (await get("/console", operator)).json<{
      conversations: { id: string; status: string; decision: unknown }[];
    }>();
    expect(listed.conversations.find((c) => c.id === proposed.id)).toMatchObject({
      status: "confirmed",
      decision,
    });
    expect((await get(`/conversations/${proposed.id}`, operator)).json()).toMatchObject({
      conversation: { decision },
    });
    expect((await get(`/conversations/${proposed.id}/history`)).json()).toMatchObject({
      decision,
    });
  });

  it("reports a problem with typed text on the text field, in words", async () => {
    const conversation = await conversationWith("benign_chatter");
    const send = (payload: object) =>
      server.app.inject({
        method: "POST",
        url: url(`/conversations/${conversation.id}/messages`),
        headers: operator.headers,
        payload,
      });
    const empty = await send({ text: "   " });
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({
      detail: "Text: type a message first.",
      errors: [{ field: "text", message: "Type a message first." }],
    });
    const both = await send({ text: "hi", moveId: "greeting" });
    expect(both.json()).toMatchObject({ detail: "Send either typed text or a safe move." });
  });

  it("refuses to send training counterparts into a real operation", async () => {
    const real = await buildSignedInTeam(server.app, server.store.db, ["operator"]);
    const response = await server.app.inject({
      method: "POST",
      url: `/api/operations/${real.operation.id}/training/counterparts`,
      headers: real.members.operator.session.headers,
      payload: { venueAddress: LOBBY, behaviourId: "benign_chatter" },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: "training_only" });
    const state = (
      await server.app.inject({
        url: `/api/operations/${real.operation.id}/console`,
        headers: real.members.operator.session.headers,
      })
    ).json<{ trainingBehaviours: unknown[] }>();
    expect(state.trainingBehaviours).toEqual([]);
  });
});
