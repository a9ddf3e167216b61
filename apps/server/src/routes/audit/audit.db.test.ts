import { beforeAll, describe, expect, it } from "vitest";
import { recordAudit } from "../../audit/recordAudit";
import { buildSignedInTeam, type SignedIn } from "../../test/accounts";
import { useTestApp } from "../../test/testHooks";

describe("audit viewer", () => {
  const server = useTestApp();
  let operationId: string;
  let supervisor: SignedIn;
  let supervisorId: string;
  let legalName: string;

  beforeAll(async () => {
    const team = await buildSignedInTeam(server.app, server.store.db, ["supervisor", "legal"]);
    operationId = team.operation.id;
    supervisor = team.members.supervisor.session;
    supervisorId = team.members.supervisor.user.id;
    legalName = team.members.legal.user.username;
    const legal = { userId: team.members.legal.user.id, ip: "127.0.0.1" };
    for (let n = 0; n < 7; n += 1) {
      await recordAudit(server.store.db, legal, {
        action: n % 2 ? "conversation.confirm" : "evidence.reveal",
        operationId,
        targetType: n % 2 ? "conversation" : "message",
        targetId: `target-${n}`,
        details: n === 3 ? { reason: '=cmd, "quoted"' } : {},
      });
    }
  });

  const read = (query: string) =>
    server.app.inject({
      url: `/api/operations/${operationId}/audit${query}`,
      headers: supervisor.headers,
    });
  const readsRecorded = async (action: string) =>
    server.store.db
      .selectFrom("audit")
      .select(["details", "actor_id"])
      .where("action", "=", action)
      .where("operation_id", "=", operationId)
      .execute();

  it("filters by person, action, target and time, and pages", async () => {
    const byAction = await read(`?actor=${legalName}&action=conversation.`);
    expect(byAction.statusCode, byAction.body).toBe(200);
    const entries = byAction.json<{ entries: { action: string; actor: string }[] }>().entries;
    expect(entries).toHaveLength(3);
    expect(entries.every((e) => e.action === "conversation.confirm" && e.actor === legalName)).toBe(
      true,
    );

    const byTarget = await read("?targetType=message&targetId=target-2");
    expect(byTarget.json<{ entries: unknown[] }>().entries).toHaveLength(1);

    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect((await read(`?from=${encodeURIComponent(future)}`)).json()).toMatchObject({
      entries: [],
    });

    const first = (await read(`?actor=${legalName}&limit=4`)).json<{
      entries: { id: number }[];
      nextBefore: number | null;
    }>();
    expect(first.entries).toHaveLength(4);
    expect(first.nextBefore).toBe(first.entries[3]!.id);
    const second = (await read(`?actor=${legalName}&limit=4&before=${first.nextBefore}`)).json<{
      entries: { id: number }[];
      nextBefore: number | null;
    }>();
    expect(second.entries).toHaveLength(3);
    expect(second.nextBefore).toBeNull();
  });

  it("says in words what is wrong with a filter", async () => {
    const response = await read("?from=yesterday");
    expect(response.statusCode).toBe(400);
    expect(response.json<{ detail: string }>().detail).toBe("From: enter a date and time.");
  });

  it("audits every read of the audit log, with what was asked for", async () => {
    const before = (await readsRecorded("audit.read")).length;
    await read("?action=evidence.");
    const reads = await readsRecorded("audit.read");
    expect(reads).toHaveLength(before + 1);
    expect(reads.at(-1)).toMatchObject({
      actor_id: supervisorId,
      details: { filter: { action: "evidence." }, shown: 4 },
    });
  });

  it("exports the filtered log as CSV, audited, with formulas defused", async () => {
    const response = await server.app.inject({
      url: `/api/operations/${operationId}/audit/export?actor=${legalName}`,
      headers: supervisor.headers,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers["content-type"]).toContain("text/csv");
    expect(response.headers["content-disposition"]).toMatch(/attachment; filename="audit-/);
    const lines = response.body.trimEnd().split("\r\n");
    expect(lines[0]).toBe("id,at,actor,actor_ip,action,target_type,target_id,details");
    expect(lines).toHaveLength(8);
    expect(response.body).toContain('"{""reason"":""=cmd, \\""quoted\\""""}"');
    expect(await readsRecorded("audit.export")).toEqual([
      expect.objectContaining({ details: { filter: { actor: legalName }, rows: 7 } }),
    ]);
  });
});
