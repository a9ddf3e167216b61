import { assertStrongPassword, hashPassword, passwordMatches } from "../accounts/passwords";
import { recordAudit } from "../audit/recordAudit";
import type { DbOrTrx } from "../db/database";
import { deleteSessionsOfUser } from "../db/repositories/sessionsRepository";
import { updateUser } from "../db/repositories/usersRepository";
import type { UserRow } from "../db/tables/users";
import { AppError } from "../errors";
import type { Actor } from "../policies/authorize";

/**
 * Sets a new password after checking the current one. Every session of the user ends; the caller
 * opens a fresh one, so a stolen session cannot outlive a password change.
 */
export async function changePassword(
  trx: DbOrTrx,
  actor: Actor,
  user: UserRow,
  input: { currentPassword: string; newPassword: string; now: Date },
): Promise<UserRow> {
  if (!(await passwordMatches(user.password_hash, input.currentPassword))) {
    throw new AppError("wrong_password", {
      errors: [{ field: "currentPassword", message: "This is not your current password." }],
    });
  }
  assertStrongPassword(input.newPassword, user.username);
  if (await passwordMatches(user.password_hash, input.newPassword)) {
    throw new AppError("weak_password", {
      detail: "Choose a password different from the current one.",
      errors: [{ field: "newPassword", message: "Must differ from the current password." }],
    });
  }
  const updated = await updateUser(trx, user.id, {
    password_hash: await hashPassword(input.newPassword),
    must_change_password: false,
    password_changed_at: input.now,
  });
  await deleteSessionsOfUser(trx, user.id);
  await recordAudit(trx, actor, {
    action: "user.changePassword",
    targetType: "user",
    targetId: user.id,
  });
  return updated;
}
