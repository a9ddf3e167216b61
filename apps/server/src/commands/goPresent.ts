import { decidePresence } from "@sweetie/core/venues/venueGate";
import { recordAudit } from "../audit/recordAudit";
import type { Clock } from "../clock";
import type { ConnectorHub } from "../connectors/connectorHub";
import type { EvidenceSink } from "../conversations/evidence";
import { TRAINING_SCHEME } from "../connectors/training/trainingRange";
import type { Db } from "../db/database";
import type { OperationRow } from "../db/tables/operations";
import { AppError } from "../errors";
import type { Actor } from "../policies/authorize";

/**
 * Puts the persona in a venue, but only inside the operation's authorization: an unlisted venue
 * or a time outside the window is refused with a message that says why (and the refusal is
 * audited). The training range is the connector in this build.
 */
export async function goPresent(
  db: Db,
  ports: { hub: ConnectorHub; clock: Clock; evidence: EvidenceSink },
  input: { actor: Actor; operation: OperationRow; venueAddress: string; displayName: string },
): Promise<{ venueId: string; venueAddress: string; personaId: string }> {
  const { actor, operation } = input;
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
  if (!decision.venue.startsWith(TRAINING_SCHEME)) {
    throw new AppError("venue_not_connected", {
      detail: `No connector for "${input.venueAddress}" is enabled on this server yet; only the training range (${TRAINING_SCHEME}<room>) is.`,
    });
  }
  const { venueId, personaId } = await db.transaction().execute(async (trx) => {
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
        .select("id")
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
        .returning("id")
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
    await recordAudit(trx, actor, {
      action: "presence.started",
      operationId: operation.id,
      targetType: "venue",
      targetId: venue.id,
      details: { address: decision.venue },
    });
    return { venueId: venue.id, personaId: persona.id };
  });
  await ports.hub.goPresent({
    operationId: operation.id,
    venueId,
    venueAddress: decision.venue,
    personaId,
    displayName: input.displayName,
    account: { protocol: "training", key: "training" },
  });
  return { venueId, venueAddress: decision.venue, personaId };
}
