import type { FastifyInstance } from "fastify";
import { hashPassword } from "../accounts/passwords";
import type { DbOrTrx } from "../db/database";
import { upsertMembership } from "../db/repositories/operationsRepository";
import type { Role } from "../db/tables/operations";

export const TEST_PASSWORD = "correct horse battery";

// Hashing is the slow part of making users; one hash serves every test account.
let sharedHash: Promise<string> | undefined;

/** A ready account (password already changed) with the shared test password. */
export async function buildUser(
  db: DbOrTrx,
  overrides: {
    username?: string;
    displayName?: string;
    isAdmin?: boolean;
    mustChangePassword?: boolean;
  } = {},
) {
  sharedHash ??= hashPassword(TEST_PASSWORD);
  const username = overrides.username ?? `user_${Math.random().toString(36).slice(2, 10)}`;
  return db
    .insertInto("users")
    .values({
      username,
      display_name: overrides.displayName ?? username,
      password_hash: await sharedHash,
      is_admin: overrides.isAdmin ?? false,
      must_change_password: overrides.mustChangePassword ?? false,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** An operation whose window is open now, with optional team members. */
export async function buildOperationWithTeam(
  db: DbOrTrx,
  options: {
    name?: string;
    team?: { userId: string; role: Role }[];
    now?: Date;
    /** A training operation: synthetic counterparts may be sent into it. */
    isTraining?: boolean;
  } = {},
) {
  const now = options.now ?? new Date();
  const operation = await db
    .insertInto("operations")
    .values({
      name: options.name ?? `Operation ${Math.random().toString(36).slice(2, 8)}`,
      mode: "identify",
      is_training: options.isTraining ?? false,
      issuing_authority: "Test Prosecutor",
      authorization_reference: `REF-${Math.random().toString(36).slice(2, 8)}`,
      partner_unit: "Test Unit",
      permitted_venues: JSON.stringify(["training://lobby"]),
      persona_age: 10,
      starts_at: new Date(now.getTime() - 3_600_000),
      ends_at: new Date(now.getTime() + 30 * 24 * 3_600_000),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  for (const member of options.team ?? []) {
    await upsertMembership(db, operation.id, member.userId, member.role);
  }
  return operation;
}

export interface SignedIn {
  cookie: string;
  csrfToken: string;
  /** Headers for app.inject: the session cookie and the CSRF token. */
  headers: Record<string, string>;
}

/** Signs in through the real route and returns what a browser would hold. */
export async function signInAs(
  app: FastifyInstance,
  username: string,
  password = TEST_PASSWORD,
): Promise<SignedIn> {
  const response = await app.inject({
    method: "POST",
    url: "/api/session",
    payload: { username, password },
  });
  if (response.statusCode !== 200) {
    throw new Error(`sign-in as ${username} failed: ${response.statusCode} ${response.body}`);
  }
  const cookie = response.cookies.find((c) => c.name === "sweetie_session");
  if (!cookie) throw new Error("no session cookie");
  const csrfToken = (response.json() as { csrfToken: string }).csrfToken;
  const header = `sweetie_session=${cookie.value}`;
  return { cookie: header, csrfToken, headers: { cookie: header, "x-csrf-token": csrfToken } };
}

/** An operation with one fresh member for each of `roles`, each signed in. */
export async function buildSignedInTeam<R extends Role>(
  app: FastifyInstance,
  db: DbOrTrx,
  roles: readonly R[],
  options: { isTraining?: boolean } = {},
) {
  const users: Awaited<ReturnType<typeof buildUser>>[] = [];
  for (const _role of roles) users.push(await buildUser(db));
  const operation = await buildOperationWithTeam(db, {
    team: roles.map((role, index) => ({ userId: users[index]!.id, role })),
    ...options,
  });
  const members = {} as Record<R, { user: (typeof users)[number]; session: SignedIn }>;
  for (const [index, role] of roles.entries()) {
    const user = users[index]!;
    members[role] = { user, session: await signInAs(app, user.username) };
  }
  return { operation, members };
}
