import { ApiError } from "./apiError";
import { requestEmpty, requestJson, setCsrfToken } from "./client";
import {
  sessionSchema,
  totpConfirmedSchema,
  totpEnrolmentSchema,
  type Me,
  type Session,
  type TotpEnrolment,
} from "./schemas";

function remember(session: Session): Me {
  setCsrfToken(session.csrfToken);
  return session.user;
}

/** The signed-in user, or null when there is no session. */
export async function fetchCurrentUser(): Promise<Me | null> {
  try {
    return remember(await requestJson("/api/session", sessionSchema));
  } catch (error) {
    if (error instanceof ApiError && error.code === "not_signed_in") {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export interface SignInInput {
  username: string;
  password: string;
  code?: string;
}

export async function signIn(input: SignInInput): Promise<Me> {
  return remember(
    await requestJson("/api/session", sessionSchema, { method: "POST", body: input }),
  );
}

export async function signOut(): Promise<void> {
  await requestEmpty("/api/session", { method: "DELETE" });
  setCsrfToken(null);
}

export interface ChangePasswordInput {
  currentPassword: string;
  newPassword: string;
}

export async function changePassword(input: ChangePasswordInput): Promise<Me> {
  return remember(
    await requestJson("/api/session/password", sessionSchema, { method: "POST", body: input }),
  );
}

export async function startTotpEnrolment(currentPassword: string): Promise<TotpEnrolment> {
  return requestJson("/api/session/totp", totpEnrolmentSchema, {
    method: "POST",
    body: { currentPassword },
  });
}

export async function confirmTotp(code: string): Promise<Me> {
  const answer = await requestJson("/api/session/totp/confirm", totpConfirmedSchema, {
    method: "POST",
    body: { code },
  });
  return answer.user;
}
