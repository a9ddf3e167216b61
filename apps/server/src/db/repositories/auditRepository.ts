import type { AuditEntry } from "@sweetie/core/api/supervisionSchemas";
import type { DbOrTrx } from "../database";

/** What the audit viewer narrows the log to; every part is optional. */
export interface AuditFilter {
  /** Username of the person who acted (exact). */
  actor?: string | undefined;
  /** An action or the start of one: "conversation." matches every conversation action. */
  action?: string | undefined;
  targetType?: string | undefined;
  targetId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);

function filtered(db: DbOrTrx, operationId: string, filter: AuditFilter) {
  let query = db
    .selectFrom("audit")
    .leftJoin("users", "users.id", "audit.actor_id")
    .where("audit.operation_id", "=", operationId);
  if (filter.actor) query = query.where("users.username", "=", filter.actor);
  if (filter.action) query = query.where("audit.action", "like", `${escapeLike(filter.action)}%`);
  if (filter.targetType) query = query.where("audit.target_type", "=", filter.targetType);
  if (filter.targetId) query = query.where("audit.target_id", "=", filter.targetId);
  if (filter.from) query = query.where("audit.at", ">=", filter.from);
  if (filter.to) query = query.where("audit.at", "<", filter.to);
  return query.select([
    "audit.id",
    "audit.at",
    "users.username as actor",
    "audit.actor_ip",
    "audit.action",
    "audit.target_type",
    "audit.target_id",
    "audit.details",
  ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof filtered>["execute"]>>[number];

const toEntry = (row: Row): AuditEntry => ({
  id: row.id,
  at: row.at.toISOString(),
  actor: row.actor,
  actorIp: row.actor_ip,
  action: row.action,
  targetType: row.target_type,
  targetId: row.target_id,
  details: row.details,
});

/** One page of an operation's audit log, newest first, with the actor's username. */
export async function listAudit(
  db: DbOrTrx,
  operationId: string,
  filter: AuditFilter,
  page: { before?: number | undefined; limit: number },
): Promise<{ entries: AuditEntry[]; nextBefore: number | null }> {
  let query = filtered(db, operationId, filter)
    .orderBy("audit.id", "desc")
    .limit(page.limit + 1);
  if (page.before !== undefined) query = query.where("audit.id", "<", page.before);
  const rows = await query.execute();
  const entries = rows.slice(0, page.limit).map(toEntry);
  return {
    entries,
    nextBefore: rows.length > page.limit ? (entries[entries.length - 1]?.id ?? null) : null,
  };
}

/** Up to `limit` matching entries, newest first (the CSV export). */
export async function exportAudit(
  db: DbOrTrx,
  operationId: string,
  filter: AuditFilter,
  limit: number,
): Promise<AuditEntry[]> {
  const rows = await filtered(db, operationId, filter)
    .orderBy("audit.id", "desc")
    .limit(limit)
    .execute();
  return rows.map(toEntry);
}
