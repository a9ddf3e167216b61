import { acceptedTotpStep, newTotpSecret, totpUri } from "../accounts/totp";
import { recordAudit } from "../audit/recordAudit";
import type { DbOrTrx } from "../db/database";
import { claimTotpStep, updateUser } from "../db/repositories/usersRepository";
import type { UserRow } from "../db/tables/users";
import { AppError } from "../errors";
import type { Actor } from "../policies/authorize";

/**
 * Starts (or restarts) TOTP enrolment: stores a new secret, not yet enabled. The caller has
 * checked the current password (a session alone must not be able to add a second factor).
 */
export async function startTotpEnrolment(trx: DbOrTrx, actor: Actor, user: UserRow) {
  if (user.totp_enabled) {
    throw new AppError("conflict", {
      detail: "Two-factor sign-in is already on for your account.",
    });
  }
  const secret = newTotpSecret();
  await updateUser(trx, user.id, {
    totp_secret: secret,
    totp_enabled: false,
    totp_last_step: null,
  });
  await recordAudit(trx, actor, {
    action: "user.totp.start",
    targetType: "user",
    targetId: user.id,
  });
  return { secret, otpauthUri: totpUri(user.username, secret) };
}

/**
 * Enables TOTP once the user proves their authenticator produces the right code; that code is
 * then used up, like any code at sign-in.
 */
export async function confirmTotpEnrolment(
  trx: DbOrTrx,
  actor: Actor,
  user: UserRow,
  code: string,
): Promise<UserRow> {
  if (!user.totp_secret) throw new AppError("totp_not_started");
  const step = await acceptedTotpStep(user.totp_secret, code, user.totp_last_step);
  if (step === null || !(await claimTotpStep(trx, user.id, step))) {
    throw new AppError("invalid_second_factor", {
      errors: [{ field: "code", message: "This code is not valid." }],
    });
  }
  const updated = await updateUser(trx, user.id, { totp_enabled: true });
  await recordAudit(trx, actor, {
    action: "user.totp.enable",
    targetType: "user",
    targetId: user.id,
  });
  return updated;
}
