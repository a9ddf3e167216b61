import type { DbOrTrx } from "../database";
import type { MembershipRow, NewOperationRow, OperationRow, Role } from "../tables/operations";

export async function insertOperation(db: DbOrTrx, row: NewOperationRow): Promise<OperationRow> {
  return db.insertInto("operations").values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findOperation(db: DbOrTrx, id: string): Promise<OperationRow | undefined> {
  return db.selectFrom("operations").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Operations with the user's role; system administrators get every operation (role null where not a member). */
export async function listOperationsFor(
  db: DbOrTrx,
  userId: string,
  all: boolean,
): Promise<(OperationRow & { role: Role | null })[]> {
  const query = db
    .selectFrom("operations")
    .leftJoin("memberships", (join) =>
      join
        .onRef("memberships.operation_id", "=", "operations.id")
        .on("memberships.user_id", "=", userId),
    )
    .selectAll("operations")
    .select("memberships.role")
    .orderBy("operations.starts_at", "desc");
  return (all ? query : query.where("memberships.user_id", "=", userId)).execute();
}

export async function findMembership(
  db: DbOrTrx,
  operationId: string,
  userId: string,
): Promise<MembershipRow | undefined> {
  return db
    .selectFrom("memberships")
    .selectAll()
    .where("operation_id", "=", operationId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
}

export async function listTeam(db: DbOrTrx, operationId: string) {
  return db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select([
      "users.id as user_id",
      "users.username",
      "users.display_name",
      "memberships.role",
      "users.totp_enabled",
    ])
    .where("memberships.operation_id", "=", operationId)
    .orderBy("users.username")
    .execute();
}

export async function upsertMembership(
  db: DbOrTrx,
  operationId: string,
  userId: string,
  role: Role,
): Promise<void> {
  await db
    .insertInto("memberships")
    .values({ operation_id: operationId, user_id: userId, role })
    .onConflict((oc) => oc.columns(["operation_id", "user_id"]).doUpdateSet({ role }))
    .execute();
}

export async function deleteMembership(
  db: DbOrTrx,
  operationId: string,
  userId: string,
): Promise<number> {
  const result = await db
    .deleteFrom("memberships")
    .where("operation_id", "=", operationId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
