import type { DbOrTrx } from "../database";

const PAGE = 100;

/** One page of an operation's audit log, newest first, with the actor's username. */
export async function listAudit(db: DbOrTrx, operationId: string, before: number | undefined) {
  let query = db
    .selectFrom("audit")
    .leftJoin("users", "users.id", "audit.actor_id")
    .select([
      "audit.id",
      "audit.at",
      "users.username as actor",
      "audit.actor_ip",
      "audit.action",
      "audit.target_type",
      "audit.target_id",
      "audit.details",
    ])
    .where("audit.operation_id", "=", operationId)
    .orderBy("audit.id", "desc")
    .limit(PAGE + 1);
  if (before !== undefined) query = query.where("audit.id", "<", before);
  const rows = await query.execute();
  const page = rows.slice(0, PAGE);
  return {
    entries: page.map((row) => ({
      id: row.id,
      at: row.at.toISOString(),
      actor: row.actor,
      actorIp: row.actor_ip,
      action: row.action,
      targetType: row.target_type,
      targetId: row.target_id,
      details: row.details,
    })),
    nextBefore: rows.length > PAGE ? (page[page.length - 1]?.id ?? null) : null,
  };
}
