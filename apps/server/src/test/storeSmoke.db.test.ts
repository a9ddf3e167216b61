import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { useTestStore } from "./testHooks";

describe("test store", () => {
  const store = useTestStore();

  it("is migrated and returns the same value types on both stores", async () => {
    const user = await store.db
      .insertInto("users")
      .values({ username: "u1", display_name: "U1", password_hash: "x" })
      .returning(["id", "created_at", "must_change_password"])
      .executeTakeFirstOrThrow();
    expect(user.created_at).toBeInstanceOf(Date);
    expect(user.must_change_password).toBe(true);
    const { rows } = await sql<{ n: number }>`select count(*) as n from users`.execute(store.db);
    expect(rows[0]?.n).toBe(1);
  });

  it("refuses to edit the audit log", async () => {
    await store.db.insertInto("audit").values({ action: "test.write" }).execute();
    await expect(store.db.updateTable("audit").set({ action: "x" }).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(store.db.deleteFrom("audit").execute()).rejects.toThrow(/append-only/);
  });

  it("rolls back a failed transaction entirely", async () => {
    await expect(
      store.db.transaction().execute(async (trx) => {
        await trx
          .insertInto("users")
          .values({ username: "u2", display_name: "U2", password_hash: "x" })
          .execute();
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    const found = await store.db
      .selectFrom("users")
      .where("username", "=", "u2")
      .selectAll()
      .execute();
    expect(found).toHaveLength(0);
  });
});
