import { syncChatObservations } from "../identity/chatObservations";
import type { Transaction } from "kysely";
import { recordAudit } from "../audit/recordAudit";
import type { EvidenceSink } from "../conversations/evidence";
import type { Database } from "../db/schema";
import { lockConversations } from "../db/repositories/conversationsRepository";
import { AppError } from "../errors";
import type { Actor } from "../policies/authorize";

export interface ReviewInput {
  actor: Actor;
  operationId: string;
  conversationId: string;
  decision: "confirm" | "reject";
  reason: string;
  /** Join this existing subject instead of creating one (confirm only). */
  subjectId?: string | undefined;
}

/**
 * A second person confirms or rejects a proposed conversation (S4): never someone who ran it.
 * Both decisions are audited and go to the evidence ledger; a confirmation creates a subject or
 * joins an existing one.
 */
export async function reviewConversation(
  trx: Transaction<Database>,
  ports: { evidence: EvidenceSink; deconflictionSecret?: Uint8Array },
  input: ReviewInput,
): Promise<{ status: "confirmed" | "rejected"; subjectId: string | null }> {
  const { actor } = input;
  const [conversation] = await lockConversations(trx, [input.conversationId]);
  if (!conversation || conversation.operation_id !== input.operationId || conversation.purged_at) {
    throw new AppError("not_found", { detail: "No conversation with this id in this operation." });
  }
  if (!conversation.proposed || conversation.status !== "open") throw new AppError("not_proposed");
  const ranIt =
    conversation.operator_id === actor.userId ||
    (await trx
      .selectFrom("messages")
      .select("id")
      .where("conversation_id", "=", conversation.id)
      .where("sent_by", "=", actor.userId)
      .executeTakeFirst()) !== undefined;
  if (ranIt) throw new AppError("same_person_review");

  let subjectId: string | null = null;
  let linkId: string | null = null;
  if (input.decision === "confirm") {
    if (input.subjectId) {
      const subject = await trx
        .selectFrom("subjects")
        .select("id")
        .where("id", "=", input.subjectId)
        .where("operation_id", "=", input.operationId)
        .executeTakeFirst();
      if (!subject) {
        throw new AppError("validation_failed", {
          detail:
            "That subject does not exist in this operation. Leave it empty to create a new subject.",
          errors: [{ field: "subjectId", message: "unknown subject" }],
        });
      }
      subjectId = subject.id;
    } else {
      subjectId = (
        await trx
          .insertInto("subjects")
          .values({
            operation_id: input.operationId,
            label: conversation.counterpart_handle,
            created_by: actor.userId,
          })
          .returning("id")
          .executeTakeFirstOrThrow()
      ).id;
    }
    linkId = (
      await trx
        .insertInto("subject_conversations")
        .values({ subject_id: subjectId, conversation_id: conversation.id, added_by: actor.userId })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
  }
  const status = input.decision === "confirm" ? "confirmed" : "rejected";
  await trx
    .updateTable("conversations")
    .set({ status })
    .where("id", "=", conversation.id)
    .execute();
  const review = await trx
    .insertInto("conversation_reviews")
    .values({
      operation_id: input.operationId,
      conversation_id: conversation.id,
      decision: input.decision,
      reason: input.reason,
      reviewer_id: actor.userId,
      subject_id: subjectId,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const event = await trx
    .insertInto("events")
    .values({
      operation_id: input.operationId,
      conversation_id: conversation.id,
      kind: `criteria.${status}`,
      payload: JSON.stringify({ reason: input.reason, subjectId }),
      actor_id: actor.userId,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  // The decision (the review row), the subject link it made, and the event the console shows.
  await ports.evidence.append(trx, [
    {
      kind: "decision",
      operationId: input.operationId,
      source: { table: "conversation_reviews", id: review.id },
    },
    ...(linkId
      ? [
          {
            kind: "subject_link" as const,
            operationId: input.operationId,
            source: { table: "subject_conversations", id: linkId },
          },
        ]
      : []),
    { kind: "event", operationId: input.operationId, source: { table: "events", id: event.id } },
  ]);
  // What the chat disclosed so far becomes observations on the subject it now belongs to.
  if (linkId && subjectId && ports.deconflictionSecret) {
    await syncChatObservations(
      trx,
      { evidence: ports.evidence, deconflictionSecret: ports.deconflictionSecret },
      { operationId: input.operationId, conversationIds: [conversation.id] },
    );
  }
  await recordAudit(trx, actor, {
    action: `conversation.${input.decision}`,
    operationId: input.operationId,
    targetType: "conversation",
    targetId: conversation.id,
    details: { reason: input.reason, subjectId },
  });
  return { status, subjectId };
}
