import type { FastifyRequest } from "fastify";
import type { DbOrTrx } from "../db/database";
import {
  findMembership,
  findOperation,
  listOperationsFor,
} from "../db/repositories/operationsRepository";
import type { OperationRow, Role } from "../db/tables/operations";
import { AppError } from "../errors";
import { requireAuth } from "../plugins/sessions";
import { authorize, can, type Actor, type OperationAction } from "./authorize";

export interface OperationAccess {
  actor: Actor;
  operation: OperationRow;
  role: Role | null;
}

/**
 * Resolves the operation and the actor's role in it, then authorizes the action. People outside
 * the operation get 404, so they cannot even learn it exists; members whose role lacks the right
 * get 403. An operation that requires two-factor sign-in refuses sessions opened without it.
 */
export async function operationAccess(
  db: DbOrTrx,
  request: FastifyRequest,
  operationId: string,
  action: OperationAction,
): Promise<OperationAccess> {
  const { actor } = requireAuth(request);
  const operation = await findOperation(db, operationId);
  const membership = operation ? await findMembership(db, operationId, actor.userId) : undefined;
  if (!operation || (!membership && !actor.isAdmin)) {
    throw new AppError("not_found", { detail: "No operation with this id is available to you." });
  }
  const role = membership?.role ?? null;
  // The training range is for practice: there its administrators may run the persona too, so
  // the first administrator can try the console at once. Real operations keep administration
  // and undercover work apart.
  const practising = operation.is_training && role === "admin" && action === "conversation.operate";
  if (!practising) authorize(actor, action, role);
  if (secondFactorMissing(operation, request)) {
    throw new AppError(
      "second_factor_setup_required",
      operation.require_totp
        ? {}
        : {
            detail:
              "An administrator requires two-factor sign-in for your account. Set it up under your account, then try again.",
          },
    );
  }
  // A closed operation keeps its evidence for review and referral; nobody works undercover in it.
  if (operation.closed_at && action === "conversation.operate") {
    throw new AppError("operation_closed");
  }
  return { actor, operation, role };
}

/**
 * Whether this session may not work in the operation yet: the operation (or an administrator,
 * for the account) requires two-factor sign-in and the session was opened without it.
 */
export function secondFactorMissing(
  operation: Pick<OperationRow, "require_totp">,
  request: FastifyRequest,
): boolean {
  const { session, user } = requireAuth(request);
  return (
    (operation.require_totp || user.totp_required) &&
    !(user.totp_enabled && session.second_factor_done)
  );
}

/**
 * The operations in which the signed-in person may take `action` now (as a member, with this
 * session): what a view across operations may draw from, and nothing else (S4).
 */
export async function operationsAllowing(
  db: DbOrTrx,
  request: FastifyRequest,
  action: OperationAction,
): Promise<OperationRow[]> {
  const { actor } = requireAuth(request);
  const operations = await listOperationsFor(db, actor.userId, false);
  return operations
    .filter((operation) => can(actor, action, operation.role))
    .filter((operation) => !secondFactorMissing(operation, request))
    .map(({ role: _role, ...operation }) => operation);
}
