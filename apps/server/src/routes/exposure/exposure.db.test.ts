import { beforeAll, describe, expect, it } from "vitest";
import { ManualTimers } from "../../connectors/training/timers";
import { buildSignedInTeam, type SignedIn } from "../../test/accounts";
import { useTestApp } from "../../test/testHooks";
import { goPresentInLobby, letCounterpartWrite } from "../../test/trainingRange";

describe("exposure budget (S8)", () => {
  let operationId: string;
  let operatorId: string;
  let supervisorId: string;
  let operator: SignedIn;
  let supervisor: SignedIn;
  let messageId: string;
  const timers = new ManualTimers(Date.now());
  const server = useTestApp({ training: { timers, seed: 2 } });

  beforeAll(async () => {
    const team = await buildSignedInTeam(server.app, server.store.db, ["operator", "supervisor"]);
    operationId = team.operation.id;
    operatorId = team.members.operator.user.id;
    supervisorId = team.members.supervisor.user.id;
    operator = team.members.operator.session;
    supervisor = team.members.supervisor.session;
    await goPresentInLobby(server.app, operationId, operator.headers);
    await letCounterpartWrite(server.app, operationId, timers);
    messageId = (
      await server.store.db.selectFrom("messages").select("id").executeTakeFirstOrThrow()
    ).id;
  });

  const reveal = () =>
    server.app.inject({
      method: "POST",
      url: `/api/operations/${operationId}/reveals`,
      headers: operator.headers,
      payload: { targetType: "message", targetId: messageId },
    });

  it("counts and audits reveals, warns at 80 %, refuses past 100 % until a supervisor overrides", async () => {
    const setByOperator = await server.app.inject({
      method: "PUT",
      url: `/api/operations/${operationId}/exposure-budgets/${operatorId}`,
      headers: operator.headers,
      payload: { dailyReveals: 5 },
    });
    expect(setByOperator.statusCode).toBe(403);
    const set = await server.app.inject({
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

    const selfOverride = await server.app.inject({
      method: "POST",
      url: `/api/operations/${operationId}/exposure-overrides`,
      headers: supervisor.headers,
      payload: { userId: supervisorId, extraReveals: 2, reason: "for myself" },
    });
    expect(selfOverride.statusCode).toBe(403);
    const override = await server.app.inject({
      method: "POST",
      url: `/api/operations/${operationId}/exposure-overrides`,
      headers: supervisor.headers,
      payload: { userId: operatorId, extraReveals: 2, reason: "finishing an urgent transcript" },
    });
    expect(override.statusCode).toBe(201);
    expect((await reveal()).statusCode).toBe(200);

    const audit = await server.store.db
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
