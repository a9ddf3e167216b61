import type { DbOrTrx } from "../database";
import type { NewUserRow, UserRow, UserUpdate } from "../tables/users";

export async function findUserByUsername(
  db: DbOrTrx,
  username: string,
): Promise<UserRow | undefined> {
  return db.selectFrom("users").selectAll().where("username", "=", username).executeTakeFirst();
}

export async function findUserById(db: DbOrTrx, id: string): Promise<UserRow | undefined> {
  return db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function insertUser(db: DbOrTrx, row: NewUserRow): Promise<UserRow> {
  return db.insertInto("users").values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateUser(db: DbOrTrx, id: string, changes: UserUpdate): Promise<UserRow> {
  return db
    .updateTable("users")
    .set(changes)
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listUsers(db: DbOrTrx): Promise<UserRow[]> {
  return db.selectFrom("users").selectAll().orderBy("username").execute();
}

/**
 * Records `step` as the account's last accepted TOTP step unless that step (or a later one) was
 * already used: false means the code is a replay, even when two nodes race with it.
 */
export async function claimTotpStep(db: DbOrTrx, userId: string, step: number): Promise<boolean> {
  const result = await db
    .updateTable("users")
    .set({ totp_last_step: step })
    .where("id", "=", userId)
    .where((eb) => eb.or([eb("totp_last_step", "is", null), eb("totp_last_step", "<", step)]))
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
