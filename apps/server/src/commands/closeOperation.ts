import { recordAudit } from "../audit/recordAudit";
import type { ConnectorHub } from "../connectors/connectorHub";
import type { DbOrTrx } from "../db/database";
import { endOperationPresences } from "../db/repositories/venuePresencesRepository";
import type { OperationRow } from "../db/tables/operations";
import { AppError } from "../errors";
import type { Actor } from "../policies/authorize";
import type { VenueKeeper } from "../venues/venueKeeper";

/**
 * Closes an operation: the persona leaves every venue and nobody can go present or send in it
 * again. Its evidence stays for review, identification and referral; retention runs as before.
 */
export async function closeOperation(
  trx: DbOrTrx,
  actor: Actor,
  input: { operation: OperationRow; reason: string; now: Date },
): Promise<OperationRow> {
  if (input.operation.closed_at) {
    throw new AppError("operation_closed", {
      detail: `This operation was already closed on ${input.operation.closed_at.toISOString().slice(0, 10)}.`,
    });
  }
  const closed = await trx
    .updateTable("operations")
    .set({ closed_at: input.now, closed_by: actor.userId, close_reason: input.reason })
    .where("id", "=", input.operation.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await endOperationPresences(trx, closed.id);
  await recordAudit(trx, actor, {
    action: "operation.close",
    operationId: closed.id,
    targetType: "operation",
    targetId: closed.id,
    details: { reason: input.reason },
  });
  return closed;
}

/**
 * After the close is committed: the persona leaves every venue this process holds for it, and
 * the processes holding its other networks are woken to do the same.
 */
export async function leaveAllVenues(
  hub: ConnectorHub,
  operationId: string,
  keeper?: VenueKeeper,
): Promise<void> {
  await Promise.allSettled(
    hub.listPresences(operationId).map((presence) => hub.leave(operationId, presence.venueAddress)),
  );
  await keeper?.publish({ kind: "presence", operationId });
}
