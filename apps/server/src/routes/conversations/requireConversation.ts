import type { FastifyRequest } from "fastify";
import type { DbOrTrx } from "../../db/database";
import { findConversation } from "../../db/repositories/conversationsRepository";
import type { ConversationRow } from "../../db/tables/conversations";
import { AppError } from "../../errors";
import type { OperationAction } from "../../policies/authorize";
import { operationAccess, type OperationAccess } from "../../policies/operationAccess";

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

/** The caller's access to the operation for `action`, and the conversation the route names. */
export async function conversationAccess(
  db: DbOrTrx,
  request: FastifyRequest,
  params: { operationId: string; conversationId: string },
  action: OperationAction,
): Promise<OperationAccess & { conversation: ConversationRow }> {
  const access = await operationAccess(db, request, params.operationId, action);
  const conversation = await requireConversation(db, access.operation.id, params.conversationId);
  return { ...access, conversation };
}
