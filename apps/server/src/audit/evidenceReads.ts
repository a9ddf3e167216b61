import type { DbOrTrx } from "../db/database";
import type { Actor } from "../policies/authorize";
import { recordAudit } from "./recordAudit";

export interface EvidenceRead {
  action: string;
  operationId: string;
  targetType: string;
  targetId: string;
  /** The client's id for the view (one open transcript); without it every read is a view. */
  viewId?: string | undefined;
}

/**
 * Audits a read of evidence (S4) once per view: the first read of a view writes the audit row,
 * re-fetches of the same view (live updates, a refocused tab) do not flood the log.
 */
export async function recordEvidenceRead(
  db: DbOrTrx,
  actor: Pick<Actor, "userId" | "ip">,
  read: EvidenceRead,
): Promise<void> {
  if (read.viewId !== undefined) {
    const inserted = await db
      .insertInto("evidence_views")
      .values({
        user_id: actor.userId,
        view_id: read.viewId,
        target_type: read.targetType,
        target_id: read.targetId,
        operation_id: read.operationId,
      })
      .onConflict((oc) => oc.doNothing())
      .returning("view_id")
      .executeTakeFirst();
    if (!inserted) return;
  }
  await recordAudit(db, actor, {
    action: read.action,
    operationId: read.operationId,
    targetType: read.targetType,
    targetId: read.targetId,
    ...(read.viewId !== undefined ? { details: { viewId: read.viewId } } : {}),
  });
}
