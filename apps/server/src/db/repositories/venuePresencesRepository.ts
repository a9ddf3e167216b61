import type { DbOrTrx } from "../database";
import type { VenuePresenceRow } from "../tables/operations";

/** A room the persona should be in, with what the holder needs to join it and to check it. */
export interface WantedPresence extends VenuePresenceRow {
  address: string;
  authorization_reference: string;
  permitted_venues: string[];
  starts_at: Date;
  ends_at: Date;
}

/** The operator asked for the persona in this room (go present); the network's holder joins it. */
export async function recordWantedPresence(
  db: DbOrTrx,
  input: {
    venueId: string;
    operationId: string;
    networkId: string;
    personaId: string | null;
    displayName: string;
    displayNames: readonly string[];
    startedBy: string | null;
  },
): Promise<void> {
  const values = {
    persona_id: input.personaId,
    display_name: input.displayName,
    display_names: JSON.stringify(input.displayNames),
    started_by: input.startedBy,
  };
  await db
    .insertInto("venue_presences")
    .values({
      venue_id: input.venueId,
      operation_id: input.operationId,
      network_id: input.networkId,
      ...values,
    })
    .onConflict((conflict) => conflict.column("venue_id").doUpdateSet(values))
    .execute();
}

/** The persona should no longer be in this room; true when it was wanted there. */
export async function endWantedPresence(db: DbOrTrx, venueId: string): Promise<boolean> {
  const deleted = await db
    .deleteFrom("venue_presences")
    .where("venue_id", "=", venueId)
    .returning("venue_id")
    .executeTakeFirst();
  return deleted !== undefined;
}

/** Every operation's wanted presences end when it closes. */
export async function endOperationPresences(db: DbOrTrx, operationId: string): Promise<void> {
  await db.deleteFrom("venue_presences").where("operation_id", "=", operationId).execute();
}

/** Wanted presences of open operations, optionally of one operation, oldest first. */
export async function listWantedPresences(
  db: DbOrTrx,
  filter: { operationId?: string } = {},
): Promise<WantedPresence[]> {
  let query = db
    .selectFrom("venue_presences as p")
    .innerJoin("venues as v", "v.id", "p.venue_id")
    .innerJoin("operations as o", "o.id", "p.operation_id")
    .selectAll("p")
    .select([
      "v.address",
      "o.authorization_reference",
      "o.permitted_venues",
      "o.starts_at",
      "o.ends_at",
    ])
    .where("o.closed_at", "is", null);
  if (filter.operationId) query = query.where("p.operation_id", "=", filter.operationId);
  return query.orderBy("p.started_at").execute();
}

/** Whether the persona should be present in the venue (some process holds or will hold it). */
export async function isPresenceWanted(
  db: DbOrTrx,
  operationId: string,
  venueId: string,
): Promise<{ networkId: string } | undefined> {
  const row = await db
    .selectFrom("venue_presences")
    .select("network_id")
    .where("operation_id", "=", operationId)
    .where("venue_id", "=", venueId)
    .executeTakeFirst();
  return row ? { networkId: row.network_id } : undefined;
}
