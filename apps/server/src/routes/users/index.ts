import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppDeps } from "../../appDeps";
import { createUser } from "../../commands/createUser";
import { listUsers } from "../../db/repositories/usersRepository";
import { authorizeSystem } from "../../policies/authorize";
import { requireAuth } from "../../plugins/sessions";

const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  isAdmin: z.boolean(),
  totpEnabled: z.boolean(),
  mustChangePassword: z.boolean(),
});

const createUserBody = z.strictObject({
  username: z
    .string()
    .trim()
    .regex(
      /^[a-z0-9._-]{2,64}$/,
      "Use 2–64 lowercase letters, digits, dots, dashes or underscores.",
    ),
  displayName: z.string().trim().min(1).max(200),
  isAdmin: z.boolean().optional(),
});

const present = (u: Awaited<ReturnType<typeof listUsers>>[number]): z.infer<typeof userSchema> => ({
  id: u.id,
  username: u.username,
  displayName: u.display_name,
  isAdmin: u.is_admin,
  totpEnabled: u.totp_enabled,
  mustChangePassword: u.must_change_password,
});

export const userRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, { store }) => {
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
      authorizeSystem(requireAuth(request).actor, "user.manage");
      return { users: (await listUsers(store.db)).map(present) };
    },
  );

  app.post(
    "/api/users",
    {
      schema: {
        summary: "Create an account with a one-time password (system administrators)",
        tags: ["users"],
        body: createUserBody,
        response: { 201: z.object({ user: userSchema, oneTimePassword: z.string() }) },
      },
    },
    async (request, reply) => {
      const { actor } = requireAuth(request);
      authorizeSystem(actor, "user.manage");
      const { user, oneTimePassword } = await store.db
        .transaction()
        .execute((trx) => createUser(trx, actor, request.body));
      return reply.code(201).send({ user: present(user), oneTimePassword: oneTimePassword ?? "" });
    },
  );
};
