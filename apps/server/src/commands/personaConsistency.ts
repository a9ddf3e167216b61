import { loadPlaceIndex, type PlaceIndex } from "@sweetie/core";
import {
  checkPersonaConsistency,
  type ConsistencyWarning,
} from "@sweetie/core/persona/consistency";
import { recordAudit } from "../audit/recordAudit";
import type { DbOrTrx } from "../db/database";
import { findConversation } from "../db/repositories/conversationsRepository";
import type { OperationRow } from "../db/tables/operations";
import { AppError } from "../errors";
import type { Actor } from "../policies/authorize";

let places: Promise<PlaceIndex> | undefined;

/**
 * Checks typed persona text against the persona's declared age and place (S2). A contradiction
 * the operator has not confirmed is held: the hold is audited (nothing was sent, so nothing goes
 * to the ledger) and answered with a 409 that says what contradicts what. When the operator
 * confirms, the warnings are returned so the send records them with the message.
 */
export async function holdInconsistentText(
  db: DbOrTrx,
  input: {
    actor: Actor;
    operation: OperationRow;
    conversationId: string;
    text: string;
    confirmed: boolean;
  },
): Promise<ConsistencyWarning[]> {
  const conversation = await findConversation(db, input.conversationId);
  if (!conversation || conversation.operation_id !== input.operation.id) return [];
  const persona = conversation.persona_id
    ? await db
        .selectFrom("personas")
        .select(["age", "location"])
        .where("id", "=", conversation.persona_id)
        .executeTakeFirst()
    : undefined;
  places ??= loadPlaceIndex();
  const warnings = checkPersonaConsistency(
    input.text,
    { age: persona?.age ?? input.operation.persona_age, location: persona?.location ?? "" },
    await places,
  );
  if (warnings.length === 0 || input.confirmed) return warnings;
  await recordAudit(db, input.actor, {
    action: "conversation.send.held",
    operationId: input.operation.id,
    targetType: "conversation",
    targetId: conversation.id,
    details: { warnings: warnings.map((w) => w.message) },
  });
  const sentence = warnings.map((w) => w.message).join(" ");
  throw new AppError("persona_inconsistent", {
    detail: `${sentence} Edit the message, or send it anyway if you mean it.`,
    errors: [{ field: "text", message: sentence }],
  });
}
