import { passwordMatches } from "../accounts/passwords";
import { newToken, sessionIdOf } from "../accounts/tokens";
import { totpCodeIsValid } from "../accounts/totp";
import { recordAudit } from "../audit/recordAudit";
import type { DbOrTrx } from "../db/database";
import { insertSession } from "../db/repositories/sessionsRepository";
import { findUserByUsername } from "../db/repositories/usersRepository";
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

/** Checks the password (and second factor when enabled) and opens a session. */
export async function signIn(trx: DbOrTrx, input: SignInInput): Promise<OpenedSession> {
  const user = await findUserByUsername(trx, input.username);
  const matches = await passwordMatches(user?.password_hash ?? UNKNOWN_USER_HASH, input.password);
  if (!user || !matches || user.disabled) {
    await recordAudit(trx, user ? { userId: user.id, ip: input.ip } : null, {
      action: "session.signIn.failed",
      targetType: "user",
      targetId: user?.id ?? input.username,
      details: { ip: input.ip },
    });
    throw new AppError("invalid_credentials");
  }
  if (user.totp_enabled && user.totp_secret) {
    if (!input.code) throw new AppError("second_factor_required");
    if (!(await totpCodeIsValid(user.totp_secret, input.code))) {
      await recordAudit(
        trx,
        { userId: user.id, ip: input.ip },
        {
          action: "session.signIn.badSecondFactor",
          targetType: "user",
          targetId: user.id,
        },
      );
      throw new AppError("invalid_second_factor", {
        errors: [{ field: "code", message: "This code is not valid." }],
      });
    }
  }
  return openSession(trx, user, { ...input, secondFactorDone: user.totp_enabled });
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
