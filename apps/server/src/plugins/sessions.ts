import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { sessionIdOf, tokensEqual } from "../accounts/tokens";
import type { Clock } from "../clock";
import type { Db } from "../db/database";
import { deleteSession, findSession, touchSession } from "../db/repositories/sessionsRepository";
import { findUserById } from "../db/repositories/usersRepository";
import type { SessionRow, UserRow } from "../db/tables/users";
import { AppError } from "../errors";
import type { Actor } from "../policies/authorize";

export const SESSION_COOKIE = "sweetie_session";

/** Who may call a route: anyone, a signed-in user who still has to change their password, or (default) a signed-in user. */
export type RouteAccess = "public" | "pendingPasswordChange" | "signedIn";

declare module "fastify" {
  interface FastifyContextConfig {
    access?: RouteAccess;
    /** What a too-large request to this route is told (routes with their own body limit). */
    tooLargeDetail?: string;
  }
  interface FastifyRequest {
    auth: { session: SessionRow; user: UserRow; actor: Actor } | null;
  }
}

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Loads the session from its cookie before anything else, so an anonymous request is refused
 * before its body is even read. Also checks the CSRF token on state-changing requests and keeps
 * users who must change their password on the password page.
 */
export function registerSessions(
  app: FastifyInstance,
  deps: { db: Db; clock: Clock; sessionHours: number },
): void {
  app.decorateRequest("auth", null);
  app.addHook("onRequest", async (request) => {
    if (!request.url.startsWith("/api/")) return;
    request.auth = await loadSession(request, deps);
    const access = request.routeOptions.config.access ?? "signedIn";
    if (access === "public") return;
    if (!request.auth) throw new AppError("not_signed_in");
    if (STATE_CHANGING.has(request.method)) {
      const header = request.headers["x-csrf-token"];
      if (typeof header !== "string" || !tokensEqual(header, request.auth.session.csrf_token)) {
        throw new AppError("csrf_failed");
      }
    }
    if (access !== "pendingPasswordChange" && request.auth.user.must_change_password) {
      throw new AppError("password_change_required");
    }
  });
}

async function loadSession(
  request: FastifyRequest,
  deps: { db: Db; clock: Clock; sessionHours: number },
): Promise<FastifyRequest["auth"]> {
  const token = request.cookies[SESSION_COOKIE];
  if (!token) return null;
  const id = sessionIdOf(token);
  const session = await findSession(deps.db, id);
  const now = deps.clock.now();
  if (!session) return null;
  if (session.expires_at <= now) {
    await deleteSession(deps.db, id);
    return null;
  }
  const user = await findUserById(deps.db, session.user_id);
  if (!user || user.disabled) return null;
  // Sliding expiry, written at most once a minute to keep reads cheap.
  if (now.getTime() - session.last_seen_at.getTime() > 60_000) {
    await touchSession(deps.db, id, now, new Date(now.getTime() + deps.sessionHours * 3_600_000));
  }
  return {
    session,
    user,
    actor: { userId: user.id, username: user.username, isAdmin: user.is_admin, ip: request.ip },
  };
}

/** The signed-in user of a route that is not public (the onRequest hook guarantees it). */
export function requireAuth(request: FastifyRequest) {
  if (!request.auth) throw new AppError("not_signed_in");
  return request.auth;
}

export function setSessionCookie(
  reply: FastifyReply,
  token: string,
  options: { secure: boolean; maxAgeSeconds: number },
): void {
  void reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "strict",
    secure: options.secure,
    path: "/",
    maxAge: options.maxAgeSeconds,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, { path: "/" });
}
