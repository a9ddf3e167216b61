import type { Dashboard } from "@sweetie/core/api/supervisionSchemas";
import { beforeAll, describe, expect, it } from "vitest";
import { buildSignedInTeam, type SignedIn } from "../../test/accounts";
import { SEEDED_COUNTRIES, seedSupervision } from "../../test/seedSupervision";
import { useTestApp } from "../../test/testHooks";

describe("supervision dashboard", () => {
  const server = useTestApp();
  let seeded: { operationId: string; supervisor: SignedIn; operators: string[] };
  let empty: { operationId: string; supervisor: SignedIn };

  beforeAll(async () => {
    const team = await buildSignedInTeam(server.app, server.store.db, [
      "supervisor",
      "operator",
      "legal",
    ]);
    const second = await buildSignedInTeam(server.app, server.store.db, ["operator"]);
    await server.store.db
      .insertInto("memberships")
      .values({
        operation_id: team.operation.id,
        user_id: second.members.operator.user.id,
        role: "operator",
      })
      .execute();
    const operators = [team.members.operator.user.id, second.members.operator.user.id];
    await seedSupervision(server.store.db, {
      operationId: team.operation.id,
      operatorIds: operators,
      supervisorId: team.members.supervisor.user.id,
    });
    await server.store.db
      .insertInto("exposure_budgets")
      .values({
        operation_id: team.operation.id,
        user_id: operators[0]!,
        daily_reveals: 10,
        set_by: team.members.supervisor.user.id,
      })
      .execute();
    seeded = {
      operationId: team.operation.id,
      supervisor: team.members.supervisor.session,
      operators,
    };
    const quiet = await buildSignedInTeam(server.app, server.store.db, ["supervisor"]);
    empty = { operationId: quiet.operation.id, supervisor: quiet.members.supervisor.session };
  });

  const load = async (operationId: string, session: SignedIn) => {
    const response = await server.app.inject({
      url: `/api/operations/${operationId}/dashboard`,
      headers: session.headers,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<Dashboard>();
  };

  it("counts approaches per day, the funnel, review states, flags and subjects by country", async () => {
    const dashboard = await load(seeded.operationId, seeded.supervisor);
    expect(dashboard.approachesPerDay).toHaveLength(30);
    expect(dashboard.approachesPerDay.reduce((sum, day) => sum + day.count, 0)).toBe(12);
    expect(dashboard.approachesPerDay.at(-1)?.day).toBe(new Date().toISOString().slice(0, 10));
    expect(dashboard.funnel.map((step) => [step.stage, step.count])).toEqual([
      ["approached", 12],
      ["age_stated", 9],
      ["solicited", 6],
      ["payment", 1],
    ]);
    expect(dashboard).toMatchObject({ proposed: 5, awaitingReview: 2, confirmed: 2, rejected: 1 });
    expect(Object.fromEntries(dashboard.flags.map((flag) => [flag.flag, flag.count]))).toEqual({
      persona_initiated: 1,
      persona_raised_first: 0,
      no_prior_age_statement: 1,
    });
    expect(
      Object.fromEntries(dashboard.subjectsByCountry.map((row) => [row.country, row.count])),
    ).toEqual(SEEDED_COUNTRIES);
    expect(dashboard.subjectsWithoutCountry).toBe(1);
  });

  it("shows each operator's workload, time on task and reveals against the budget", async () => {
    const dashboard = await load(seeded.operationId, seeded.supervisor);
    const byId = new Map(dashboard.operators.map((person) => [person.userId, person]));
    const [first, second] = seeded.operators.map((id) => byId.get(id)!);
    // 4 messages two minutes apart: 3 gaps of 2 minutes; 7 messages: 6 gaps.
    expect(first).toMatchObject({ messagesToday: 4, minutesOnTaskToday: 6, conversations: 6 });
    expect(second).toMatchObject({ messagesToday: 7, minutesOnTaskToday: 12, conversations: 6 });
    expect(first!.exposure).toMatchObject({ used: 1, budget: 10, level: "ok" });
    expect(second!.exposure).toMatchObject({ used: 2, budget: null, level: "unbudgeted" });
    // The supervisor appears too (they may run conversations), with nothing today.
    expect(dashboard.operators).toHaveLength(3);
  });

  it("answers an operation with nothing yet with zeros, not errors", async () => {
    const dashboard = await load(empty.operationId, empty.supervisor);
    expect(dashboard.approachesPerDay.every((day) => day.count === 0)).toBe(true);
    expect(dashboard.funnel.every((step) => step.count === 0)).toBe(true);
    expect(dashboard.subjectsByCountry).toEqual([]);
    expect(dashboard.operators).toHaveLength(1);
  });
});
