import { normalizeVenueAddress } from "@sweetie/core/venues/venueGate";
import { recordAudit } from "../audit/recordAudit";
import { ircVenueAddress } from "../connectors/irc/ircVenue";
import type { Db } from "../db/database";
import type { OperationRow } from "../db/tables/operations";
import { AppError } from "../errors";
import type { Actor } from "../policies/authorize";
import type { SecretBox } from "../venues/secretBox";

export interface AddNetworkInput {
  protocol: "irc" | "xmpp";
  host: string;
  port: number;
  tls: boolean;
  accountName: string;
  secret?: string | undefined;
  rooms: string[];
}

/** A room's venue address, as the authorization must list it. */
export function roomAddress(
  input: Pick<AddNetworkInput, "protocol" | "host" | "port" | "tls">,
  room: string,
) {
  return input.protocol === "irc"
    ? ircVenueAddress(input.host, input.port, input.tls, room)
    : normalizeVenueAddress(`xmpp:${room}`);
}

/**
 * Adds a network account and its rooms to the operation. Every room must be a venue the
 * authorization permits (nothing runs outside it); the secret is sealed before it is stored and
 * appears in no answer and no audit record.
 */
export async function addVenueNetwork(
  db: Db,
  ports: { secrets: () => Promise<SecretBox> },
  input: { actor: Actor; operation: OperationRow; network: AddNetworkInput },
): Promise<{ networkId: string; venueIds: string[] }> {
  const { actor, operation, network } = input;
  const permitted = operation.permitted_venues.map(normalizeVenueAddress);
  const addresses = network.rooms.map((room) => roomAddress(network, room));
  const refused = network.rooms.filter((_, index) => !permitted.includes(addresses[index]!));
  if (refused.length > 0) {
    throw new AppError("venue_not_authorized", {
      detail: `Authorization ${operation.authorization_reference} does not permit ${refused
        .map((room) => `${room} (${roomAddress(network, room)})`)
        .join(", ")}. Only rooms it lists can be added; ask for an amended authorization.`,
      errors: [{ field: "rooms", message: "not permitted by the authorization" }],
    });
  }
  const box = network.secret ? await ports.secrets() : null;
  return db.transaction().execute(async (trx) => {
    const duplicate = await trx
      .selectFrom("venue_networks")
      .select("id")
      .where("operation_id", "=", operation.id)
      .where("protocol", "=", network.protocol)
      .where("host", "=", network.host)
      .where("port", "=", network.port)
      .where("account_name", "=", network.accountName)
      .executeTakeFirst();
    if (duplicate) {
      throw new AppError("validation_failed", {
        detail: "This operation already has this account on this network.",
        errors: [{ field: "accountName", message: "already added for this network" }],
      });
    }
    const row = await trx
      .insertInto("venue_networks")
      .values({
        operation_id: operation.id,
        protocol: network.protocol,
        host: network.host,
        port: network.port,
        tls: network.tls,
        account_name: network.accountName,
        created_by: actor.userId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (box && network.secret) {
      // Sealed with the row's id as additional data: it opens for this network only.
      await trx
        .updateTable("venue_networks")
        .set({ secret_sealed: box.seal(network.secret, row.id) })
        .where("id", "=", row.id)
        .execute();
    }
    const venueIds: string[] = [];
    for (const [index, room] of network.rooms.entries()) {
      const address = addresses[index]!;
      const existing = await trx
        .selectFrom("venues")
        .select("id")
        .where("operation_id", "=", operation.id)
        .where("address", "=", address)
        .executeTakeFirst();
      const venue = existing
        ? await trx
            .updateTable("venues")
            .set({ network_id: row.id })
            .where("id", "=", existing.id)
            .returning("id")
            .executeTakeFirstOrThrow()
        : await trx
            .insertInto("venues")
            .values({
              operation_id: operation.id,
              protocol: network.protocol,
              name: room,
              address,
              network_id: row.id,
            })
            .returning("id")
            .executeTakeFirstOrThrow();
      venueIds.push(venue.id);
    }
    await recordAudit(trx, actor, {
      action: "venue.network.add",
      operationId: operation.id,
      targetType: "venue_network",
      targetId: row.id,
      details: {
        protocol: network.protocol,
        host: network.host,
        port: network.port,
        tls: network.tls,
        accountName: network.accountName,
        hasSecret: Boolean(network.secret),
        rooms: addresses,
      },
    });
    return { networkId: row.id, venueIds };
  });
}
