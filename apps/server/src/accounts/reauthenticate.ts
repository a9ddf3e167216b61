import { recordAudit } from "../audit/recordAudit";
import type { Db } from "../db/database";
import type { UserRow } from "../db/tables/users";
import { AppError } from "../errors";
import { passwordMatches } from "./passwords";
import type { SignInThrottle } from "./signInThrottle";

/**
 * Asks a signed-in person for their current password before a change to how they sign in
 * (a new password, a second factor), so a session left open is not enough. Wrong answers count
 * on the sign-in throttle like failed sign-ins, and are audited in a write of their own.
 */
export async function reauthenticate(
  db: Db,
  throttle: SignInThrottle,
  user: UserRow,
  input: { currentPassword: string; ip: string; now: Date; purpose: string },
): Promise<void> {
  await throttled(db, throttle, user, input, async () => {
    if (!(await passwordMatches(user.password_hash, input.currentPassword))) {
      throw new AppError("wrong_password", {
        errors: [{ field: "currentPassword", message: "This is not your current password." }],
      });
    }
  });
}

/**
 * Runs `check` (which throws `wrong_password` when the current password is wrong) under the
 * throttle: refused while the account or address is locked, a wrong password counted.
 */
export async function throttled<T>(
  db: Db,
  throttle: SignInThrottle,
  user: UserRow,
  input: { ip: string; now: Date; purpose: string },
  check: () => Promise<T>,
): Promise<T> {
  const keys = { account: user.username, address: input.ip };
  await throttle.assertAllowed(db, keys, input.now);
  try {
    return await check();
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "wrong_password") throw error;
    await recordWrongPassword(db, throttle, user, input);
    throw error;
  }
}

async function recordWrongPassword(
  db: Db,
  throttle: SignInThrottle,
  user: UserRow,
  input: { ip: string; now: Date; purpose: string },
): Promise<void> {
  const keys = { account: user.username, address: input.ip };
  await recordAudit(
    db,
    { userId: user.id, ip: input.ip },
    {
      action: "user.reauthenticate.failed",
      targetType: "user",
      targetId: user.id,
      details: { purpose: input.purpose },
    },
  );
  await throttle.recordFailure(db, keys, input.now);
}
