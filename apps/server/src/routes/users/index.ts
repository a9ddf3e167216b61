import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppDeps } from "../../appDeps";
import {
  resetUserPassword,
  setSecondFactorRequired,
  setUserActive,
} from "../../commands/administerUser";
import { createUser } from "../../commands/createUser";
import { listUsers } from "../../db/repositories/usersRepository";
import type { UserRow } from "../../db/tables/users";
import { authorizeSystem } from "../../policies/authorize";
import { requireAuth } from "../../plugins/sessions";
import { activeBody, createUserBody, secondFactorBody, userParams, userSchema } from "./schema";

const present = (u: UserRow): z.infer<typeof userSchema> => ({
  id: u.id,
  username: u.username,
  displayName: u.display_name,
  isAdmin: u.is_admin,
  totpEnabled: u.totp_enabled,
  totpRequired: u.totp_required,
  mustChangePassword: u.must_change_password,
  disabled: u.disabled,
  createdAt: u.created_at.toISOString(),
});

/** Accounts, administered by system administrators; every change is audited. */
export const userRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, { store, clock }) => {
  const db = store.db;
  const admin = (request: Parameters<typeof requireAuth>[0]) => {
    const { actor } = requireAuth(request);
    authorizeSystem(actor, "user.manage");
    return actor;
  };

  app.get(
    "/api/users",
    {
      schema: {
        summary: "All accounts (system administrators)",
        tags: ["users"],
        response: { 200: z.object({ users: z.array(userSchema) }) },
      },
    },
    async (request) => {
      admin(request);
      return { users: (await listUsers(db)).map(present) };
    },
  );

  app.post(
    "/api/users",
    {
      schema: {
        summary: "Create an account with a one-time password, shown once (system administrators)",
        tags: ["users"],
        body: createUserBody,
        response: { 201: z.object({ user: userSchema, oneTimePassword: z.string() }) },
      },
    },
    async (request, reply) => {
      const actor = admin(request);
      const { user, oneTimePassword } = await db
        .transaction()
        .execute((trx) => createUser(trx, actor, request.body));
      return reply.code(201).send({ user: present(user), oneTimePassword: oneTimePassword ?? "" });
    },
  );

  app.patch(
    "/api/users/:userId/active",
    {
      schema: {
        summary: "Deactivate or reactivate an account (system administrators)",
        tags: ["users"],
        params: userParams,
        body: activeBody,
        response: { 200: z.object({ user: userSchema }) },
      },
    },
    async (request) => {
      const actor = admin(request);
      const user = await db
        .transaction()
        .execute((trx) =>
          setUserActive(trx, actor, request.params.userId, request.body.active, clock.now()),
        );
      return { user: present(user) };
    },
  );

  app.post(
    "/api/users/:userId/password-reset",
    {
      schema: {
        summary: "Reset an account to a one-time password, shown once (system administrators)",
        tags: ["users"],
        params: userParams,
        response: { 200: z.object({ user: userSchema, oneTimePassword: z.string() }) },
      },
    },
    async (request) => {
      const actor = admin(request);
      const { user, oneTimePassword } = await db
        .transaction()
        .execute((trx) => resetUserPassword(trx, actor, request.params.userId));
      return { user: present(user), oneTimePassword };
    },
  );

  app.patch(
    "/api/users/:userId/second-factor",
    {
      schema: {
        summary: "Require two-factor sign-in of a person (system administrators)",
        tags: ["users"],
        params: userParams,
        body: secondFactorBody,
        response: { 200: z.object({ user: userSchema }) },
      },
    },
    async (request) => {
      const actor = admin(request);
      const user = await db
        .transaction()
        .execute((trx) =>
          setSecondFactorRequired(trx, actor, request.params.userId, request.body.required),
        );
      return { user: present(user) };
    },
  );
};
