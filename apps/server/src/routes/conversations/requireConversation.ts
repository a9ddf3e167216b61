import type { DbOrTrx } from "../../db/database";
import { findConversation } from "../../db/repositories/conversationsRepository";
import type { ConversationRow } from "../../db/tables/conversations";
import { AppError } from "../../errors";

/** The conversation, if it belongs to the operation and is not purged; else 404. */
export async function requireConversation(
  db: DbOrTrx,
  operationId: string,
  conversationId: string,
): Promise<ConversationRow> {
  const conversation = await findConversation(db, conversationId);
  if (!conversation || conversation.operation_id !== operationId || conversation.purged_at) {
    throw new AppError("not_found", { detail: "No conversation with this id in this operation." });
  }
  return conversation;
}
