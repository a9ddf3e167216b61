import { recordAudit } from "../audit/recordAudit";
import type { DbOrTrx } from "../db/database";
import { findOperation, upsertMembership } from "../db/repositories/operationsRepository";
import type { Role } from "../db/tables/operations";
import { AppError } from "../errors";
import { createUser } from "./createUser";

/**
 * `sweetie user add`: an account, and its place in an operation for every role but a system
 * administrator. Run in the CLI's own process, or by a running server's local API on its behalf.
 */
export async function addCliUser(
  trx: DbOrTrx,
  input: {
    username: string;
    role: Role;
    operationId?: string | undefined;
    displayName?: string | undefined;
    password?: string | undefined;
    via: string;
  },
) {
  if (input.role !== "admin" && !input.operationId) {
    throw new AppError("validation_failed", {
      detail: `The ${input.role} role works inside an operation: add --operation <id>.`,
      errors: [{ field: "operationId", message: "Name the operation." }],
    });
  }
  const operation = input.operationId ? await findOperation(trx, input.operationId) : undefined;
  if (input.operationId && !operation) {
    throw new AppError("not_found", { detail: `No operation has the id ${input.operationId}.` });
  }
  const created = await createUser(trx, null, {
    username: input.username,
    displayName: input.displayName ?? input.username,
    isAdmin: input.role === "admin" && !operation,
    ...(input.password ? { password: input.password } : {}),
  });
  if (operation) {
    await upsertMembership(trx, operation.id, created.user.id, input.role);
    await recordAudit(trx, null, {
      action: "operation.member.add",
      operationId: operation.id,
      targetType: "user",
      targetId: created.user.id,
      details: { username: input.username, role: input.role, via: input.via },
    });
  }
  return created;
}
