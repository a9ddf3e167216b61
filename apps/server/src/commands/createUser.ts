import { USERNAME_RULE, usernameSchema } from "@sweetie/core/api/username";
import { generateOneTimePassword, hashPassword, assertStrongPassword } from "../accounts/passwords";
import { recordAudit } from "../audit/recordAudit";
import type { DbOrTrx } from "../db/database";
import { findUserByUsername, insertUser } from "../db/repositories/usersRepository";
import type { UserRow } from "../db/tables/users";
import { AppError } from "../errors";
import type { Actor } from "../policies/authorize";

export interface CreateUserInput {
  username: string;
  displayName?: string;
  isAdmin?: boolean;
  /** When absent a one-time password is generated; it must be changed at first sign-in. */
  password?: string;
}

/** Creates an account. Returns the one-time password when one was generated (shown once). */
export async function createUser(
  trx: DbOrTrx,
  actor: Actor | null,
  input: CreateUserInput,
): Promise<{ user: UserRow; oneTimePassword: string | null }> {
  // One rule everywhere: the API's schema, the console's form and the CLI all end here.
  if (!usernameSchema.safeParse(input.username).success) {
    throw new AppError("validation_failed", {
      detail: `"${input.username}" cannot be a username. ${USERNAME_RULE}`,
      errors: [{ field: "username", message: USERNAME_RULE }],
    });
  }
  if (await findUserByUsername(trx, input.username)) {
    throw new AppError("conflict", {
      detail: `A user named "${input.username}" already exists. Choose another username.`,
      errors: [{ field: "username", message: "This username is taken." }],
    });
  }
  if (input.password !== undefined)
    assertStrongPassword(input.password, input.username, "password");
  const oneTimePassword = input.password === undefined ? generateOneTimePassword() : null;
  const user = await insertUser(trx, {
    username: input.username,
    display_name: input.displayName ?? input.username,
    password_hash: await hashPassword(input.password ?? oneTimePassword ?? ""),
    is_admin: input.isAdmin ?? false,
    must_change_password: oneTimePassword !== null,
  });
  await recordAudit(trx, actor, {
    action: "user.create",
    targetType: "user",
    targetId: user.id,
    details: { username: user.username, isAdmin: user.is_admin },
  });
  return { user, oneTimePassword };
}
