import { beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "../clock";
import { ManualTimers } from "../connectors/training/timers";
import type { OperationRow } from "../db/tables/operations";
import { buildOperationWithTeam, buildUser, signInAs, type SignedIn } from "../test/accounts";
import { useTestApp } from "../test/testHooks";
import { goPresentInLobby } from "../test/trainingRange";
import { listConversations } from "../db/repositories/conversationsRepository";
import { purgeExpiredConversations } from "./purgeExpiredConversations";

const LOBBY = "training://lobby";
const DAY = 24 * 3_600_000;

describe("review queue and retention", () => {
  let operation: OperationRow;
  let operator: SignedIn;
  let operatingSupervisor: SignedIn;
  let reviewer: SignedIn;
  let analyst: SignedIn;
  const clock = manualClock(new Date());
  const timers = new ManualTimers(clock.now().getTime());
  const server = useTestApp({ clock, training: { timers, seed: 5 } });

  beforeAll(async () => {
    const [op, sup1, sup2, an] = await Promise.all([
      buildUser(server.store.db),
      buildUser(server.store.db),
      buildUser(server.store.db),
      buildUser(server.store.db),
    ]);
    operation = await buildOperationWithTeam(server.store.db, {
      isTraining: true,
      now: clock.now(),
      team: [
        { userId: op.id, role: "operator" },
        { userId: sup1.id, role: "supervisor" },
        { userId: sup2.id, role: "supervisor" },
        { userId: an.id, role: "analyst" },
      ],
    });
    operator = await signInAs(server.app, op.username);
    operatingSupervisor = await signInAs(server.app, sup1.username);
    reviewer = await signInAs(server.app, sup2.username);
    analyst = await signInAs(server.app, an.username);
    const present = await goPresentInLobby(server.app, operation.id, operator.headers);
    expect(present.statusCode).toBe(201);
  });

  function url(path: string) {
    return `/api/operations/${operation.id}${path}`;
  }

  /** A counterpart runs `behaviourId`; the given person answers with the age statement, then breaks off. */
  async function runConversation(
    behaviourId: string,
    by: SignedIn,
    answer = true,
  ): Promise<string> {
    const spawn = await server.app.inject({
      method: "POST",
      url: url("/training/counterparts"),
      headers: by.headers,
      payload: { venueAddress: LOBBY, behaviourId },
    });
    const handle = spawn.json<{ handle: string }>().handle;
    timers.advance(8_000);
    await server.app.consoleRuntime.queue.drain();
    const list = await server.app.inject({ url: url("/conversations"), headers: by.headers });
    const conversation = list
      .json<{ conversations: { id: string; counterpartHandle: string }[] }>()
      .conversations.find((candidate) => candidate.counterpartHandle === handle)!;
    if (answer) {
      await server.app.inject({
        method: "POST",
        url: url(`/conversations/${conversation.id}/messages`),
        headers: by.headers,
        payload: { moveId: "age_statement" },
      });
      timers.advance(8_000);
      await server.app.consoleRuntime.queue.drain();
      await server.app.inject({
        method: "POST",
        url: url(`/conversations/${conversation.id}/break-off`),
        headers: by.headers,
        payload: {},
      });
    }
    return conversation.id;
  }

  it("sends a proposal to a supervisor who did not run it; confirm creates a subject, both decisions are in the ledger", async () => {
    const byOperator = await runConversation("solicits_after_age_statement", operator);
    const bySupervisor = await runConversation("offers_payment", operatingSupervisor);

    const analystQueue = await server.app.inject({
      url: url("/review-queue"),
      headers: analyst.headers,
    });
    expect(analystQueue.statusCode).toBe(403);

    const queue = await server.app.inject({
      url: url("/review-queue"),
      headers: operatingSupervisor.headers,
    });
    const entries = queue.json<{ conversations: { id: string; youHandled: boolean }[] }>()
      .conversations;
    expect(entries.map((entry) => [entry.id, entry.youHandled]).sort()).toEqual(
      [
        [byOperator, false],
        [bySupervisor, true],
      ].sort(),
    );

    const selfReview = await server.app.inject({
      method: "POST",
      url: url(`/conversations/${bySupervisor}/review`),
      headers: operatingSupervisor.headers,
      payload: { decision: "confirm", reason: "meets the criteria" },
    });
    expect(selfReview.json()).toMatchObject({ code: "same_person_review" });

    const noReason = await server.app.inject({
      method: "POST",
      url: url(`/conversations/${byOperator}/review`),
      headers: reviewer.headers,
      payload: { decision: "confirm", reason: "" },
    });
    expect(noReason.statusCode).toBe(400);

    const confirm = await server.app.inject({
      method: "POST",
      url: url(`/conversations/${byOperator}/review`),
      headers: reviewer.headers,
      payload: { decision: "confirm", reason: "age stated first, then a webcam request" },
    });
    expect(confirm.statusCode).toBe(200);
    const { subjectId } = confirm.json<{ subjectId: string }>();
    expect(subjectId).toBeTruthy();

    const reject = await server.app.inject({
      method: "POST",
      url: url(`/conversations/${bySupervisor}/review`),
      headers: reviewer.headers,
      payload: { decision: "reject", reason: "transcript unclear" },
    });
    expect(reject.json()).toMatchObject({ status: "rejected", subjectId: null });

    const twice = await server.app.inject({
      method: "POST",
      url: url(`/conversations/${byOperator}/review`),
      headers: reviewer.headers,
      payload: { decision: "reject", reason: "second thoughts" },
    });
    expect(twice.json()).toMatchObject({ code: "not_proposed" });

    const decisions = await server.store.db
      .selectFrom("ledger_entries")
      .select("kind")
      .where("operation_id", "=", operation.id)
      .where("kind", "=", "decision")
      .execute();
    expect(decisions).toHaveLength(2);
    const audit = await server.store.db
      .selectFrom("audit")
      .select("action")
      .where("operation_id", "=", operation.id)
      .where("action", "in", ["conversation.confirm", "conversation.reject"])
      .execute();
    expect(audit).toHaveLength(2);
    const subjectLinks = await server.store.db
      .selectFrom("subject_conversations")
      .selectAll()
      .execute();
    expect(subjectLinks).toEqual([
      expect.objectContaining({ subject_id: subjectId, conversation_id: byOperator }),
    ]);
  });

  it("purges conversations that never met the criteria after the retention period, leaving tombstones", async () => {
    const chatter = await runConversation("benign_chatter", operator, false);
    const before = await purgeExpiredConversations(server.store.db, { clock });
    expect(before.purged).toEqual([]);

    clock.advance(91 * DAY);
    const { purged } = await purgeExpiredConversations(server.store.db, { clock });
    const confirmed = await server.store.db
      .selectFrom("conversations")
      .select(["id", "status", "purged_at"])
      .execute();
    // The benign chat and the rejected proposal go; the confirmed one stays.
    expect(purged).toContain(chatter);
    expect(
      confirmed.filter((row) => row.status === "confirmed").every((row) => row.purged_at === null),
    ).toBe(true);
    expect(
      await server.store.db
        .selectFrom("messages")
        .select("id")
        .where("conversation_id", "=", chatter)
        .execute(),
    ).toEqual([]);
    const tombstones = await server.store.db
      .selectFrom("ledger_entries")
      .select("id")
      .where("operation_id", "=", operation.id)
      .where("kind", "=", "tombstone")
      .execute();
    expect(tombstones.length).toBeGreaterThan(0);
    const purgedEntries = await server.store.db
      .selectFrom("ledger_entries")
      .select(["leaf_hash", "content"])
      .where("operation_id", "=", operation.id)
      .where("purged_at", "is not", null)
      .execute();
    expect(purgedEntries.length).toBe(tombstones.length);
    expect(
      purgedEntries.every((entry) => entry.content === null && entry.leaf_hash.length === 32),
    ).toBe(true);

    // Sessions have long expired by now; the console lists through the same repository.
    const listed = await listConversations(server.store.db, operation.id);
    expect(listed.map((row) => row.id)).not.toContain(chatter);
    expect((await purgeExpiredConversations(server.store.db, { clock })).purged).toEqual([]);
  });
});
