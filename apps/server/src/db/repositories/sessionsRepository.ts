import type { DbOrTrx } from "../database";
import type { SessionRow } from "../tables/users";

export async function insertSession(
  db: DbOrTrx,
  row: Omit<SessionRow, "created_at" | "last_seen_at"> & { created_at: Date },
): Promise<void> {
  await db
    .insertInto("sessions")
    .values({ ...row, last_seen_at: row.created_at })
    .execute();
}

export async function findSession(db: DbOrTrx, id: string): Promise<SessionRow | undefined> {
  return db.selectFrom("sessions").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function touchSession(
  db: DbOrTrx,
  id: string,
  at: Date,
  expiresAt: Date,
): Promise<void> {
  await db
    .updateTable("sessions")
    .set({ last_seen_at: at, expires_at: expiresAt })
    .where("id", "=", id)
    .execute();
}

export async function deleteSession(db: DbOrTrx, id: string): Promise<void> {
  await db.deleteFrom("sessions").where("id", "=", id).execute();
}

export async function deleteSessionsOfUser(db: DbOrTrx, userId: string): Promise<void> {
  await db.deleteFrom("sessions").where("user_id", "=", userId).execute();
}

export async function markSecondFactorDone(db: DbOrTrx, id: string): Promise<void> {
  await db.updateTable("sessions").set({ second_factor_done: true }).where("id", "=", id).execute();
}
