import { passwordMatches } from "../accounts/passwords";
import type { SignInThrottle } from "../accounts/signInThrottle";
import { newToken, sessionIdOf } from "../accounts/tokens";
import { acceptedTotpStep } from "../accounts/totp";
import { recordAudit } from "../audit/recordAudit";
import type { Db, DbOrTrx } from "../db/database";
import { insertSession } from "../db/repositories/sessionsRepository";
import { claimTotpStep, findUserByUsername } from "../db/repositories/usersRepository";
import type { UserRow } from "../db/tables/users";
import { AppError } from "../errors";

export interface SignInInput {
  username: string;
  password: string;
  code?: string | undefined;
  ip: string;
  userAgent: string;
  now: Date;
  sessionHours: number;
}

export interface OpenedSession {
  token: string;
  csrfToken: string;
  user: UserRow;
}

// Compared against when the username is unknown, so a wrong username costs as long as a wrong
// password and does not reveal which accounts exist.
const UNKNOWN_USER_HASH =
  "$argon2id$v=19$m=19456,t=2,p=1$AU4FNGqMSM/DKErrDSRGow$ap4IBMvaDyChYIw3JSFgkmlXdlosG+M43kXbtdysyVM";
// Checked against when a code comes for an account without a second factor, for the same reason.
const NO_SECOND_FACTOR_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

// The audit action of each way a sign-in ends without a session (a wrong password and a missing
// code answer alike, but the audit log says which it was).
const FAILURE_ACTIONS: Record<string, string> = {
  wrong_code: "session.signIn.badSecondFactor",
  code_required: "session.signIn.codeRequested",
};

/**
 * Checks the password and, for a two-factor account, the code, and opens a session. Every
 * failure answers the same whichever of the two was wrong (the password is always checked, the
 * code too when one is sent), is audited and counted by the throttle in writes of its own (a
 * failure rolls nothing back), and a code is accepted once.
 */
export async function signIn(
  db: Db,
  throttle: SignInThrottle,
  input: SignInInput,
): Promise<OpenedSession> {
  const keys = { account: input.username, address: input.ip };
  await throttle.assertAllowed(db, keys, input.now);
  const found = await findUserByUsername(db, input.username);
  const user = found && !found.disabled ? found : undefined;
  const passwordOk = await passwordMatches(
    found?.password_hash ?? UNKNOWN_USER_HASH,
    input.password,
  );
  const twoFactor = Boolean(user?.totp_enabled && user.totp_secret);
  const step = input.code
    ? await acceptedTotpStep(
        (twoFactor && user?.totp_secret) || NO_SECOND_FACTOR_SECRET,
        input.code,
        user?.totp_last_step ?? null,
      )
    : null;

  const fail = async (reason: string, error: AppError): Promise<never> => {
    await recordAudit(db, found ? { userId: found.id, ip: input.ip } : null, {
      action: FAILURE_ACTIONS[reason] ?? "session.signIn.failed",
      targetType: "user",
      targetId: found?.id ?? input.username.slice(0, 100),
      details: { ip: input.ip, reason },
    });
    await throttle.recordFailure(db, keys, input.now);
    throw error;
  };
  const refused = () =>
    new AppError("invalid_credentials", {
      // Says the same whichever part was wrong; only what the person sent changes the words.
      ...(input.code
        ? {
            detail:
              "The username, password or code is not right. Check them and enter the current code.",
          }
        : {}),
    });

  if (!user || !passwordOk) {
    // A two-factor account asks for its code whether or not the password was right.
    if (twoFactor && !input.code) {
      return fail("wrong_password", new AppError("second_factor_required"));
    }
    return fail(user ? "wrong_password" : found ? "disabled" : "unknown_user", refused());
  }
  if (twoFactor) {
    // Counted and recorded exactly like the wrong-password case above: the two look the same.
    if (!input.code) return fail("code_required", new AppError("second_factor_required"));
    if (step === null) return fail("wrong_code", refused());
  }

  const opened = await db.transaction().execute(async (trx) => {
    if (twoFactor && !(await claimTotpStep(trx, user.id, step!))) return null;
    return openSession(trx, user, { ...input, secondFactorDone: twoFactor });
  });
  if (!opened) return fail("wrong_code", refused());
  await throttle.recordSuccess(db, keys);
  return opened;
}

export async function openSession(
  trx: DbOrTrx,
  user: UserRow,
  input: Pick<SignInInput, "ip" | "userAgent" | "now" | "sessionHours"> & {
    secondFactorDone: boolean;
  },
): Promise<OpenedSession> {
  const token = newToken();
  const csrfToken = newToken();
  await insertSession(trx, {
    id: sessionIdOf(token),
    user_id: user.id,
    csrf_token: csrfToken,
    second_factor_done: input.secondFactorDone,
    ip: input.ip,
    user_agent: input.userAgent.slice(0, 300),
    created_at: input.now,
    expires_at: new Date(input.now.getTime() + input.sessionHours * 3_600_000),
  });
  await recordAudit(
    trx,
    { userId: user.id, ip: input.ip },
    {
      action: "session.signIn",
      targetType: "user",
      targetId: user.id,
    },
  );
  return { token, csrfToken, user };
}
