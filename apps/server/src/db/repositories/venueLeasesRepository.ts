import {
  decideLease,
  fenceHolds,
  type LeaseDecision,
  type VenueLease,
} from "@sweetie/core/venues/venueLease";
import { sql } from "kysely";
import type { Db, DbOrTrx } from "../database";
import type { VenueLeaseRow } from "../tables/operations";

/** What a holder's writes carry: the lease it held when the connection was opened. */
export interface LeaseFence {
  networkId: string;
  holder: string;
  epoch: number;
}

/** A write made under a lease another process has taken since: refused, never stored. */
export class StaleLeaseError extends Error {
  constructor(readonly networkIds: string[]) {
    super(
      "This server no longer holds the venue (another server took it over), so what it received or sent is not recorded here; the holder records it.",
    );
    this.name = "StaleLeaseError";
  }
}

const leaseOf = (row: Pick<VenueLeaseRow, "holder" | "epoch" | "expires_at">): VenueLease => ({
  holder: row.holder,
  epoch: Number(row.epoch),
  expiresAt: row.expires_at,
});

/**
 * Claims (or renews) a network account's lease for `holder`, by the one rule of `decideLease`,
 * at the database's clock (every process agrees on it), with the row locked so two claimants are
 * decided one after the other.
 */
export async function claimLease(
  db: Db,
  input: { networkId: string; holder: string; leaseMs: number },
): Promise<LeaseDecision> {
  for (let attempt = 0; ; attempt += 1) {
    const decision = await db.transaction().execute(async (trx) => {
      const { rows } = await sql<{ now: Date }>`select now() as now`.execute(trx);
      const now = rows[0]!.now;
      const row = await trx
        .selectFrom("venue_leases")
        .select(["holder", "epoch", "expires_at"])
        .where("network_id", "=", input.networkId)
        .forUpdate()
        .executeTakeFirst();
      const decided = decideLease(row ? leaseOf(row) : null, input.holder, now, input.leaseMs);
      if (decided.kind === "held_elsewhere") return decided;
      const values = {
        holder: decided.lease.holder,
        epoch: decided.lease.epoch,
        expires_at: decided.lease.expiresAt,
        renewed_at: now,
      };
      if (row) {
        await trx
          .updateTable("venue_leases")
          .set(values)
          .where("network_id", "=", input.networkId)
          .execute();
        return decided;
      }
      // Two first claimants at once: one insert wins, the other decides again on the row.
      const inserted = await trx
        .insertInto("venue_leases")
        .values({ network_id: input.networkId, ...values })
        .onConflict((conflict) => conflict.column("network_id").doNothing())
        .returning("network_id")
        .executeTakeFirst();
      return inserted ? decided : undefined;
    });
    if (decision) return decision;
    if (attempt >= 2) throw new Error("The venue lease could not be claimed; try again.");
  }
}

/** Lets the lease run out at once (clean shutdown, last room left), keeping holder and epoch. */
export async function releaseLease(
  db: DbOrTrx,
  input: { networkId: string; holder: string },
): Promise<void> {
  await db
    .updateTable("venue_leases")
    .set({ expires_at: sql<Date>`now()` })
    .where("network_id", "=", input.networkId)
    .where("holder", "=", input.holder)
    .where("expires_at", ">", sql<Date>`now()`)
    .execute();
}

/** The leases of these network accounts, with the database's clock to judge them by. */
export async function findLeases(
  db: DbOrTrx,
  networkIds: readonly string[],
): Promise<{ now: Date; leases: Map<string, VenueLease> }> {
  const { rows } = await sql<{ now: Date }>`select now() as now`.execute(db);
  const leases = new Map<string, VenueLease>();
  if (networkIds.length > 0) {
    const found = await db
      .selectFrom("venue_leases")
      .select(["network_id", "holder", "epoch", "expires_at"])
      .where("network_id", "in", [...networkIds])
      .execute();
    for (const row of found) leases.set(row.network_id, leaseOf(row));
  }
  return { now: rows[0]!.now, leases };
}

/**
 * Refuses a write made under leases another process has taken since (the fencing check). Run it
 * in the write's own transaction: the lease rows stay share-locked until it commits, so a
 * takeover waits for the write and every later write of the old holder is refused.
 */
export async function assertFencesHold(trx: DbOrTrx, fences: readonly LeaseFence[]): Promise<void> {
  if (fences.length === 0) return;
  const ids = [...new Set(fences.map((fence) => fence.networkId))];
  const rows = await trx
    .selectFrom("venue_leases")
    .select(["network_id", "holder", "epoch", "expires_at"])
    .where("network_id", "in", ids)
    .forShare()
    .execute();
  const current = new Map(rows.map((row) => [row.network_id, leaseOf(row)]));
  const stale = fences.filter((fence) => !fenceHolds(current.get(fence.networkId) ?? null, fence));
  if (stale.length > 0) throw new StaleLeaseError([...new Set(stale.map((f) => f.networkId))]);
}
