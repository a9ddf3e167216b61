import { sql } from "kysely";
import type { ThrottleState } from "../../accounts/throttlePolicy";
import type { Db, DbOrTrx } from "../database";

/** The throttle state of each of `keys` that has one. */
export async function findThrottleStates(
  db: DbOrTrx,
  keys: readonly string[],
): Promise<Map<string, ThrottleState>> {
  const rows = await db
    .selectFrom("auth_throttle")
    .select(["key", "failures", "window_started_at", "locked_until"])
    .where("key", "in", [...keys])
    .execute();
  return new Map(
    rows.map((row) => [
      row.key,
      {
        failures: row.failures,
        windowStartedAt: row.window_started_at,
        lockedUntil: row.locked_until,
      },
    ]),
  );
}

/**
 * Moves each key's state with `next`, under a row lock taken in key order (two nodes counting
 * the same keys wait for each other instead of losing a failure or deadlocking).
 */
export async function updateThrottleStates(
  db: Db,
  keys: readonly string[],
  next: (key: string, previous: ThrottleState | null) => ThrottleState,
  now: Date,
): Promise<void> {
  const sorted = [...new Set(keys)].sort();
  await db.transaction().execute(async (trx) => {
    for (const key of sorted) {
      const { rows } = await sql<{
        failures: number;
        window_started_at: Date;
        locked_until: Date | null;
      }>`select failures, window_started_at, locked_until from auth_throttle
          where key = ${key} for update`.execute(trx);
      const row = rows[0];
      const state = next(
        key,
        row
          ? {
              failures: row.failures,
              windowStartedAt: row.window_started_at,
              lockedUntil: row.locked_until,
            }
          : null,
      );
      const values = {
        failures: state.failures,
        window_started_at: state.windowStartedAt,
        locked_until: state.lockedUntil,
        updated_at: now,
      };
      await trx
        .insertInto("auth_throttle")
        .values({ key, ...values })
        .onConflict((oc) => oc.column("key").doUpdateSet(values))
        .execute();
    }
  });
}

export async function clearThrottle(db: DbOrTrx, key: string): Promise<void> {
  await db.deleteFrom("auth_throttle").where("key", "=", key).execute();
}
