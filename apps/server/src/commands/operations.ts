import { recordAudit } from "../audit/recordAudit";
import type { DbOrTrx } from "../db/database";
import {
  deleteMembership,
  insertOperation,
  upsertMembership,
} from "../db/repositories/operationsRepository";
import { findUserByUsername } from "../db/repositories/usersRepository";
import type { OperationRow, Role } from "../db/tables/operations";
import { AppError } from "../errors";
import type { Actor } from "../policies/authorize";
import type { CreateOperationInput } from "../routes/operations/schema";
import { createPersona } from "./personas";

/** Opens an operation with its authorization record; the creator (if a person) joins as its administrator. */
export async function createOperation(
  trx: DbOrTrx,
  actor: Actor | null,
  input: CreateOperationInput & { isTraining?: boolean },
): Promise<OperationRow> {
  const a = input.authorization;
  const operation = await insertOperation(trx, {
    name: input.name,
    mode: input.mode,
    is_training: input.isTraining ?? false,
    issuing_authority: a.issuingAuthority,
    authorization_reference: a.reference,
    partner_unit: a.partnerUnit,
    permitted_venues: JSON.stringify(a.permittedVenues),
    persona_age: a.personaAge,
    starts_at: new Date(a.startsAt),
    ends_at: new Date(a.endsAt),
    ...(input.retentionDays !== undefined ? { retention_days: input.retentionDays } : {}),
    ...(input.requireTotp !== undefined ? { require_totp: input.requireTotp } : {}),
    created_by: actor?.userId ?? null,
  });
  if (actor) await upsertMembership(trx, operation.id, actor.userId, "admin");
  await recordAudit(trx, actor, {
    action: "operation.create",
    operationId: operation.id,
    targetType: "operation",
    targetId: operation.id,
    details: { name: input.name, mode: input.mode, authorization: a },
  });
  if (input.persona) {
    await createPersona(trx, actor, operation, { ...input.persona, age: a.personaAge });
  }
  return operation;
}

export async function addMember(
  trx: DbOrTrx,
  actor: Actor,
  operationId: string,
  input: { username: string; role: Role },
) {
  const user = await findUserByUsername(trx, input.username);
  if (!user) {
    throw new AppError("not_found", {
      // A system administrator creates accounts; anyone else asks one to.
      detail: actor.isAdmin
        ? `No user is named "${input.username}". Check the spelling, or create the account under People first.`
        : `No user is named "${input.username}". Check the spelling, or ask a system administrator to create the account.`,
      errors: [{ field: "username", message: "No such user." }],
    });
  }
  await upsertMembership(trx, operationId, user.id, input.role);
  await recordAudit(trx, actor, {
    action: "operation.member.add",
    operationId,
    targetType: "user",
    targetId: user.id,
    details: { username: user.username, role: input.role },
  });
  return {
    user_id: user.id,
    username: user.username,
    display_name: user.display_name,
    role: input.role,
  };
}

export async function removeMember(
  trx: DbOrTrx,
  actor: Actor,
  operationId: string,
  userId: string,
) {
  if (userId === actor.userId) {
    throw new AppError("forbidden", {
      detail: "You cannot remove yourself from the team. Ask another administrator.",
    });
  }
  if ((await deleteMembership(trx, operationId, userId)) === 0) {
    throw new AppError("not_found", { detail: "This person is not on the operation's team." });
  }
  await recordAudit(trx, actor, {
    action: "operation.member.remove",
    operationId,
    targetType: "user",
    targetId: userId,
  });
}

export async function setOperationSecurity(
  trx: DbOrTrx,
  actor: Actor,
  operationId: string,
  requireTotp: boolean,
): Promise<OperationRow> {
  const operation = await trx
    .updateTable("operations")
    .set({ require_totp: requireTotp })
    .where("id", "=", operationId)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(trx, actor, {
    action: "operation.security.update",
    operationId,
    targetType: "operation",
    targetId: operationId,
    details: { requireTotp },
  });
  return operation;
}
