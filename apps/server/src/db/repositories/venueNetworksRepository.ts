import type { DbOrTrx } from "../database";
import type { VenueNetworkRow, VenueRow } from "../tables/operations";

export async function listNetworks(db: DbOrTrx, operationId: string): Promise<VenueNetworkRow[]> {
  return db
    .selectFrom("venue_networks")
    .selectAll()
    .where("operation_id", "=", operationId)
    .orderBy("created_at")
    .execute();
}

export async function findNetwork(
  db: DbOrTrx,
  operationId: string,
  networkId: string,
): Promise<VenueNetworkRow | undefined> {
  return db
    .selectFrom("venue_networks")
    .selectAll()
    .where("operation_id", "=", operationId)
    .where("id", "=", networkId)
    .executeTakeFirst();
}

/** The rooms of the operation's networks (venues with a network). */
export async function listNetworkVenues(db: DbOrTrx, operationId: string): Promise<VenueRow[]> {
  return db
    .selectFrom("venues")
    .selectAll()
    .where("operation_id", "=", operationId)
    .where("network_id", "is not", null)
    .orderBy("created_at")
    .execute();
}

/** A venue of the operation by its (normalized) address. */
export async function findVenueByAddress(
  db: DbOrTrx,
  operationId: string,
  address: string,
): Promise<VenueRow | undefined> {
  return db
    .selectFrom("venues")
    .selectAll()
    .where("operation_id", "=", operationId)
    .where("address", "=", address)
    .executeTakeFirst();
}
