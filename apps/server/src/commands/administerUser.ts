import { generateOneTimePassword, hashPassword } from "../accounts/passwords";
import { recordAudit } from "../audit/recordAudit";
import type { DbOrTrx } from "../db/database";
import { deleteSessionsOfUser } from "../db/repositories/sessionsRepository";
import { findUserById, updateUser } from "../db/repositories/usersRepository";
import type { UserRow } from "../db/tables/users";
import { AppError } from "../errors";
import type { Actor } from "../policies/authorize";

// What a system administrator does to someone else's account. Each change is audited in the
// same transaction, and every change that could let someone in ends that person's sessions.

async function otherUser(trx: DbOrTrx, actor: Actor, userId: string, what: string) {
  const user = await findUserById(trx, userId);
  if (!user) throw new AppError("not_found", { detail: "No account has this id." });
  if (user.id === actor.userId) {
    throw new AppError("forbidden", {
      detail: `You cannot ${what} your own account. Ask another administrator.`,
    });
  }
  return user;
}

/** Deactivated: cannot sign in, every session ends; the account and its history stay. */
export async function setUserActive(
  trx: DbOrTrx,
  actor: Actor,
  userId: string,
  active: boolean,
  now: Date,
): Promise<UserRow> {
  const user = await otherUser(trx, actor, userId, active ? "reactivate" : "deactivate");
  const updated = await updateUser(trx, user.id, {
    disabled: !active,
    disabled_at: active ? null : now,
  });
  if (!active) await deleteSessionsOfUser(trx, user.id);
  await recordAudit(trx, actor, {
    action: active ? "user.reactivate" : "user.deactivate",
    targetType: "user",
    targetId: user.id,
    details: { username: user.username },
  });
  return updated;
}

/** A new one-time password, shown once; the person chooses their own at next sign-in. */
export async function resetUserPassword(
  trx: DbOrTrx,
  actor: Actor,
  userId: string,
): Promise<{ user: UserRow; oneTimePassword: string }> {
  const user = await otherUser(trx, actor, userId, "reset the password of");
  const oneTimePassword = generateOneTimePassword();
  const updated = await updateUser(trx, user.id, {
    password_hash: await hashPassword(oneTimePassword),
    must_change_password: true,
  });
  await deleteSessionsOfUser(trx, user.id);
  await recordAudit(trx, actor, {
    action: "user.resetPassword",
    targetType: "user",
    targetId: user.id,
    details: { username: user.username },
  });
  return { user: updated, oneTimePassword };
}

/** Requires (or no longer requires) a second factor of one person, in every operation. */
export async function setSecondFactorRequired(
  trx: DbOrTrx,
  actor: Actor,
  userId: string,
  required: boolean,
): Promise<UserRow> {
  const user = await findUserById(trx, userId);
  if (!user) throw new AppError("not_found", { detail: "No account has this id." });
  const updated = await updateUser(trx, user.id, { totp_required: required });
  await recordAudit(trx, actor, {
    action: "user.secondFactor.require",
    targetType: "user",
    targetId: user.id,
    details: { username: user.username, required },
  });
  return updated;
}
