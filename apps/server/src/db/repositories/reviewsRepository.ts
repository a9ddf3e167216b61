import type { Decision } from "@sweetie/core/api/consoleSchemas";
import { sql } from "kysely";
import type { DbOrTrx } from "../database";
import type { ConversationRow } from "../tables/conversations";

/** The review decision of each conversation that has one (the latest, should there be more). */
export async function findDecisions(
  db: DbOrTrx,
  conversationIds: readonly string[],
): Promise<Map<string, Decision>> {
  if (conversationIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("conversation_reviews")
    .innerJoin("users", "users.id", "conversation_reviews.reviewer_id")
    .select([
      "conversation_reviews.conversation_id",
      "conversation_reviews.decision",
      "conversation_reviews.reason",
      "conversation_reviews.created_at",
      "users.username",
      "users.display_name",
    ])
    .where(
      "conversation_reviews.conversation_id",
      "=",
      sql<string>`any(${[...new Set(conversationIds)]}::uuid[])`,
    )
    .orderBy("conversation_reviews.created_at")
    .execute();
  return new Map(
    rows.map((row) => [
      row.conversation_id,
      {
        decision: row.decision,
        reason: row.reason,
        reviewer: row.username,
        reviewerName: row.display_name,
        decidedAt: row.created_at.toISOString(),
      },
    ]),
  );
}

/** Proposed, open conversations, oldest first, each saying whether `userId` took part in it. */
export async function listReviewQueue(
  db: DbOrTrx,
  operationId: string,
  userId: string,
): Promise<(ConversationRow & { sent_by_me: boolean })[]> {
  const rows = await db
    .selectFrom("conversations")
    .selectAll()
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom("messages")
            .select("messages.id")
            .whereRef("messages.conversation_id", "=", "conversations.id")
            .where("messages.sent_by", "=", userId),
        )
        .as("sent_by_me"),
    )
    .where("operation_id", "=", operationId)
    .where("proposed", "=", true)
    .where("status", "=", "open")
    .where("purged_at", "is", null)
    .orderBy("created_at")
    .execute();
  return rows.map((row) => ({ ...row, sent_by_me: Boolean(row.sent_by_me) }));
}
