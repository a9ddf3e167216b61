import type { DbOrTrx } from "../db/database";
import type { Actor } from "../policies/authorize";

export interface AuditRecord {
  action: string;
  operationId?: string | null;
  targetType?: string;
  targetId?: string;
  details?: Record<string, unknown>;
}

/**
 * Appends one audit record: who, what, when, from which address. Call it inside the same
 * transaction as the change it describes, so a change never lands without its record.
 */
export async function recordAudit(
  trx: DbOrTrx,
  actor: Pick<Actor, "userId" | "ip"> | null,
  record: AuditRecord,
): Promise<void> {
  await trx
    .insertInto("audit")
    .values({
      actor_id: actor?.userId ?? null,
      actor_ip: actor?.ip ?? null,
      action: record.action,
      operation_id: record.operationId ?? null,
      target_type: record.targetType ?? null,
      target_id: record.targetId ?? null,
      details: JSON.stringify(record.details ?? {}),
    })
    .execute();
}
