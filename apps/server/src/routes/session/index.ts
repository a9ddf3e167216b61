import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppDeps } from "../../appDeps";
import { changePassword } from "../../commands/changePassword";
import { confirmTotpEnrolment, startTotpEnrolment } from "../../commands/secondFactor";
import { openSession, signIn } from "../../commands/signIn";
import { deleteSession, markSecondFactorDone } from "../../db/repositories/sessionsRepository";
import { reauthenticate, throttled } from "../../accounts/reauthenticate";
import { createSignInThrottle } from "../../accounts/signInThrottle";
import { clearSessionCookie, requireAuth, setSessionCookie } from "../../plugins/sessions";
import { presentMe } from "../../presenters/presentUser";
import { recordAudit } from "../../audit/recordAudit";
import {
  changePasswordBody,
  sessionResponse,
  signInBody,
  totpConfirmBody,
  totpStartBody,
  totpStartResponse,
} from "./schema";

export const sessionRoutes: FastifyPluginAsyncZod<AppDeps> = async (
  app,
  { store, clock, config },
) => {
  const db = store.db;
  const throttle = createSignInThrottle(config);
  const cookieOptions = {
    secure: config.SWEETIE_SECURE_COOKIES,
    maxAgeSeconds: config.SWEETIE_SESSION_HOURS * 3600,
  };

  app.post(
    "/api/session",
    {
      config: { access: "public" },
      schema: {
        summary: "Sign in",
        description:
          "Failed sign-ins are counted per account, per address and for the whole server (shared by every node); past the limit the answer is 429 for a while that doubles with each further failure.",
        tags: ["session"],
        body: signInBody,
        response: { 200: sessionResponse },
      },
    },
    async (request, reply) => {
      const opened = await signIn(db, throttle, {
        ...request.body,
        ip: request.ip,
        userAgent: request.headers["user-agent"] ?? "",
        now: clock.now(),
        sessionHours: config.SWEETIE_SESSION_HOURS,
      });
      setSessionCookie(reply, opened.token, cookieOptions);
      return { user: presentMe(opened.user), csrfToken: opened.csrfToken };
    },
  );

  app.get(
    "/api/session",
    {
      config: { access: "pendingPasswordChange" },
      schema: {
        summary: "The signed-in user",
        tags: ["session"],
        response: { 200: sessionResponse },
      },
    },
    async (request) => {
      const { user, session } = requireAuth(request);
      return { user: presentMe(user), csrfToken: session.csrf_token };
    },
  );

  app.delete(
    "/api/session",
    {
      config: { access: "pendingPasswordChange" },
      schema: { summary: "Sign out", tags: ["session"], response: { 204: z.null() } },
    },
    async (request, reply) => {
      const { session, actor } = requireAuth(request);
      await db.transaction().execute(async (trx) => {
        await deleteSession(trx, session.id);
        await recordAudit(trx, actor, {
          action: "session.signOut",
          targetType: "user",
          targetId: actor.userId,
        });
      });
      clearSessionCookie(reply);
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/api/session/password",
    {
      config: { access: "pendingPasswordChange" },
      schema: {
        summary: "Change your password (ends your other sessions)",
        tags: ["session"],
        body: changePasswordBody,
        response: { 200: sessionResponse },
      },
    },
    async (request, reply) => {
      const { user, actor, session } = requireAuth(request);
      const now = clock.now();
      const attempt = { ip: request.ip, now, purpose: "password change" };
      const opened = await throttled(db, throttle, user, attempt, () =>
        db.transaction().execute(async (trx) => {
          const updated = await changePassword(trx, actor, user, { ...request.body, now });
          return openSession(trx, updated, {
            ip: request.ip,
            userAgent: request.headers["user-agent"] ?? "",
            now,
            sessionHours: config.SWEETIE_SESSION_HOURS,
            secondFactorDone: session.second_factor_done,
          });
        }),
      );
      setSessionCookie(reply, opened.token, cookieOptions);
      return { user: presentMe(opened.user), csrfToken: opened.csrfToken };
    },
  );

  app.post(
    "/api/session/totp",
    {
      schema: {
        summary: "Start two-factor enrolment (asks for your current password)",
        tags: ["session"],
        body: totpStartBody,
        response: { 200: totpStartResponse },
      },
    },
    async (request) => {
      const { user, actor } = requireAuth(request);
      await reauthenticate(db, throttle, user, {
        currentPassword: request.body.currentPassword,
        ip: request.ip,
        now: clock.now(),
        purpose: "second-factor set-up",
      });
      return db.transaction().execute((trx) => startTotpEnrolment(trx, actor, user));
    },
  );

  app.post(
    "/api/session/totp/confirm",
    {
      schema: {
        summary: "Confirm two-factor enrolment with a current code",
        tags: ["session"],
        body: totpConfirmBody,
        response: { 200: z.object({ user: sessionResponse.shape.user }) },
      },
    },
    async (request) => {
      const { user, actor, session } = requireAuth(request);
      const updated = await db.transaction().execute(async (trx) => {
        const enabled = await confirmTotpEnrolment(trx, actor, user, request.body.code);
        await markSecondFactorDone(trx, session.id);
        return enabled;
      });
      return { user: presentMe(updated) };
    },
  );
};
