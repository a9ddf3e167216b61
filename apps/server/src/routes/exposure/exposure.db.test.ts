import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../app";
import { ManualTimers } from "../../connectors/training/timers";
import type { Store } from "../../db/database";
import { buildOperationWithTeam, buildUser, signInAs, type SignedIn } from "../../test/accounts";
import { openTestStore } from "../../test/testStore";
import { goPresentInLobby, letCounterpartWrite } from "../../test/trainingRange";

describe("exposure budget (S8)", () => {
  let store: Store;
  let app: FastifyInstance;
  let operationId: string;
  let operatorId: string;
  let supervisorId: string;
  let operator: SignedIn;
  let supervisor: SignedIn;
  let messageId: string;
  const timers = new ManualTimers(Date.now());

  beforeAll(async () => {
    store = await openTestStore();
    app = await buildApp({ store });
    app.consoleRuntime.hub.trainingOptions = { timers, seed: 2 };
    const op = await buildUser(store.db);
    const sup = await buildUser(store.db);
    operatorId = op.id;
    supervisorId = sup.id;
    operationId = (
      await buildOperationWithTeam(store.db, {
        team: [
          { userId: op.id, role: "operator" },
          { userId: sup.id, role: "supervisor" },
        ],
      })
    ).id;
    operator = await signInAs(app, op.username);
    supervisor = await signInAs(app, sup.username);
    await goPresentInLobby(app, operationId, operator.headers);
    await letCounterpartWrite(app, operationId, timers);
    messageId = (await store.db.selectFrom("messages").select("id").executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  const reveal = () =>
    app.inject({
      method: "POST",
      url: `/api/operations/${operationId}/reveals`,
      headers: operator.headers,
      payload: { targetType: "message", targetId: messageId },
    });

  it("counts and audits reveals, warns at 80 %, refuses past 100 % until a supervisor overrides", async () => {
    const setByOperator = await app.inject({
      method: "PUT",
      url: `/api/operations/${operationId}/exposure-budgets/${operatorId}`,
      headers: operator.headers,
      payload: { dailyReveals: 5 },
    });
    expect(setByOperator.statusCode).toBe(403);
    const set = await app.inject({
      method: "PUT",
      url: `/api/operations/${operationId}/exposure-budgets/${operatorId}`,
      headers: supervisor.headers,
      payload: { dailyReveals: 5 },
    });
    expect(set.statusCode).toBe(200);

    const levels: string[] = [];
    for (let index = 0; index < 5; index += 1)
      levels.push((await reveal()).json<{ exposure: { level: string } }>().exposure.level);
    expect(levels).toEqual(["ok", "ok", "ok", "warning", "exceeded"]);
    const refused = await reveal();
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: "exposure_budget_exceeded" });

    const selfOverride = await app.inject({
      method: "POST",
      url: `/api/operations/${operationId}/exposure-overrides`,
      headers: supervisor.headers,
      payload: { userId: supervisorId, extraReveals: 2, reason: "for myself" },
    });
    expect(selfOverride.statusCode).toBe(403);
    const override = await app.inject({
      method: "POST",
      url: `/api/operations/${operationId}/exposure-overrides`,
      headers: supervisor.headers,
      payload: { userId: operatorId, extraReveals: 2, reason: "finishing an urgent transcript" },
    });
    expect(override.statusCode).toBe(201);
    expect((await reveal()).statusCode).toBe(200);

    const audit = await store.db
      .selectFrom("audit")
      .select("action")
      .where("operation_id", "=", operationId)
      .where("action", "like", "e%")
      .execute();
    const actions = audit.map((row) => row.action);
    expect(actions.filter((action) => action === "evidence.reveal")).toHaveLength(6);
    expect(actions).toContain("evidence.reveal_refused");
    expect(actions).toContain("exposure.override_granted");
    expect(actions).toContain("exposure.budget_set");
  });
});
