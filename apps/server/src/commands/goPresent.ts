import { decidePresence, normalizeVenueAddress } from "@sweetie/core/venues/venueGate";
import { recordAudit } from "../audit/recordAudit";
import type { Clock } from "../clock";
import { ConnectorError } from "../connectors/connector";
import type { ConnectorHub } from "../connectors/connectorHub";
import type { EvidenceSink } from "../conversations/evidence";
import { TRAINING_SCHEME } from "../connectors/training/trainingRange";
import type { Db } from "../db/database";
import { findNetwork, findVenueByAddress } from "../db/repositories/venueNetworksRepository";
import {
  endWantedPresence,
  recordWantedPresence,
} from "../db/repositories/venuePresencesRepository";
import type { OperationRow } from "../db/tables/operations";
import { AppError } from "../errors";
import type { Actor } from "../policies/authorize";
import { networkAccount } from "../venues/networkAccount";
import type { SecretBox } from "../venues/secretBox";
import type { VenueKeeper } from "../venues/venueKeeper";

/** Which server process holds the venue's connection after a go-present request. */
export type PresenceHolder = "this_server" | "another_server";

/**
 * Puts the persona in a venue, but only inside the operation's authorization: an unlisted venue
 * or a time outside the window is refused with a message that says why (and the refusal is
 * audited). A real network's venue needs its network account (added on the Venues page).
 */
export async function goPresent(
  db: Db,
  ports: {
    hub: ConnectorHub;
    clock: Clock;
    evidence: EvidenceSink;
    secrets: () => Promise<SecretBox>;
    /** Venue leases (several processes); without it this process holds what it opens. */
    keeper?: VenueKeeper;
  },
  input: { actor: Actor; operation: OperationRow; venueAddress: string; displayName: string },
): Promise<{ venueId: string; venueAddress: string; personaId: string; heldBy: PresenceHolder }> {
  const { actor, operation } = input;
  if (operation.closed_at) throw new AppError("operation_closed");
  const decision = decidePresence(
    {
      reference: operation.authorization_reference,
      permittedVenues: operation.permitted_venues,
      startsAt: operation.starts_at,
      endsAt: operation.ends_at,
    },
    input.venueAddress,
    ports.clock.now(),
  );
  if (!decision.allowed) {
    await recordAudit(db, actor, {
      action: "presence.refused",
      operationId: operation.id,
      targetType: "venue",
      targetId: input.venueAddress,
      details: { code: decision.code },
    });
    throw new AppError(decision.code, { detail: decision.message });
  }
  const training = decision.venue.startsWith(TRAINING_SCHEME);
  // A real venue is reached through a network account an administrator added (Venues page).
  const configured = training
    ? undefined
    : await findVenueByAddress(db, operation.id, decision.venue);
  const network = configured?.network_id
    ? await findNetwork(db, operation.id, configured.network_id)
    : undefined;
  if (!training && !network) {
    throw new AppError("venue_not_connected", {
      detail: `"${input.venueAddress}" has no network account in this operation yet. An administrator or supervisor adds the network and its room on the Venues page first.`,
    });
  }
  const { venueId, personaId, displayNames } = await db.transaction().execute(async (trx) => {
    const venue =
      (await trx
        .selectFrom("venues")
        .select("id")
        .where("operation_id", "=", operation.id)
        .where("address", "=", decision.venue)
        .executeTakeFirst()) ??
      (await trx
        .insertInto("venues")
        .values({
          operation_id: operation.id,
          protocol: "training",
          name: decision.venue.slice(TRAINING_SCHEME.length),
          address: decision.venue,
        })
        .returning("id")
        .executeTakeFirstOrThrow());
    // The persona is declared by the authorization's age; its display name is the operator's choice.
    const persona =
      (await trx
        .selectFrom("personas")
        .select(["id", "display_names"])
        .where("operation_id", "=", operation.id)
        .orderBy("created_at")
        .executeTakeFirst()) ??
      (await trx
        .insertInto("personas")
        .values({
          operation_id: operation.id,
          name: input.displayName,
          age: operation.persona_age,
          gender: "unspecified",
          location: "unspecified",
          display_names: JSON.stringify([input.displayName]),
        })
        .returning(["id", "display_names"])
        .executeTakeFirstOrThrow());
    // Presence is evidence: where and as whom the persona was when counterparts approached.
    const event = await trx
      .insertInto("events")
      .values({
        operation_id: operation.id,
        kind: "presence.started",
        payload: JSON.stringify({
          venue: decision.venue,
          venueId: venue.id,
          personaId: persona.id,
          displayName: input.displayName,
        }),
        actor_id: actor.userId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await ports.evidence.append(trx, [
      { kind: "event", operationId: operation.id, source: { table: "events", id: event.id } },
    ]);
    if (network) {
      // Whichever process holds the network joins the room, now and after a takeover.
      const names = [
        input.displayName,
        ...persona.display_names.filter((name) => name !== input.displayName),
      ];
      await recordWantedPresence(trx, {
        venueId: venue.id,
        operationId: operation.id,
        networkId: network.id,
        personaId: persona.id,
        displayName: input.displayName,
        displayNames: names,
        startedBy: actor.userId,
      });
    }
    await recordAudit(trx, actor, {
      action: "presence.started",
      operationId: operation.id,
      targetType: "venue",
      targetId: venue.id,
      details: { address: decision.venue },
    });
    return { venueId: venue.id, personaId: persona.id, displayNames: persona.display_names };
  });
  const names = [input.displayName, ...displayNames.filter((name) => name !== input.displayName)];
  const claim =
    network && ports.keeper ? await ports.keeper.claim(operation.id, network.id) : { held: true };
  if (!claim.held) {
    // Another server process holds this network: it joins the room when woken.
    await ports.keeper!.publish({ kind: "presence", operationId: operation.id });
    return { venueId, venueAddress: decision.venue, personaId, heldBy: "another_server" };
  }
  try {
    await ports.hub.goPresent({
      operationId: operation.id,
      venueId,
      venueAddress: decision.venue,
      personaId,
      displayName: input.displayName,
      account: network
        ? networkAccount(network, network.secret_sealed ? await ports.secrets() : null, names)
        : { protocol: "training", key: "training" },
      ...("fence" in claim && claim.fence ? { fence: claim.fence } : {}),
    });
  } catch (error) {
    // The room is not wanted any more: no process keeps trying to join it.
    if (network) await endWantedPresence(db, venueId);
    if (error instanceof ConnectorError) {
      throw new AppError("venue_not_connected", { detail: error.message, cause: error });
    }
    throw error;
  }
  return { venueId, venueAddress: decision.venue, personaId, heldBy: "this_server" };
}

/**
 * The persona leaves a venue (an operator's choice): the presence ends on the network (its
 * connection closes when no room of it remains), whichever server process holds it, and its end
 * is evidence like its start. Leaving a venue the persona is not in changes nothing.
 */
export async function leaveVenue(
  db: Db,
  ports: { hub: ConnectorHub; evidence: EvidenceSink; keeper?: VenueKeeper },
  input: { actor: Actor; operation: OperationRow; venueAddress: string },
): Promise<boolean> {
  const venue = normalizeVenueAddress(input.venueAddress);
  const local = ports.hub
    .listPresences(input.operation.id)
    .find((item) => item.venueAddress === venue);
  const row = local ? undefined : await findVenueByAddress(db, input.operation.id, venue);
  const venueId = local?.venueId ?? row?.id;
  if (!venueId) return false;
  const wanted = await endWantedPresence(db, venueId);
  if (!local && !wanted) return false;
  if (local) await ports.hub.leave(input.operation.id, venue);
  // The holder, if another process, leaves the room when woken.
  if (wanted) await ports.keeper?.publish({ kind: "presence", operationId: input.operation.id });
  await db.transaction().execute(async (trx) => {
    const event = await trx
      .insertInto("events")
      .values({
        operation_id: input.operation.id,
        kind: "presence.ended",
        payload: JSON.stringify({ venue, venueId }),
        actor_id: input.actor.userId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await ports.evidence.append(trx, [
      { kind: "event", operationId: input.operation.id, source: { table: "events", id: event.id } },
    ]);
    await recordAudit(trx, input.actor, {
      action: "presence.ended",
      operationId: input.operation.id,
      targetType: "venue",
      targetId: venueId,
      details: { address: venue },
    });
  });
  return true;
}
