import { recordAudit } from "../audit/recordAudit";
import type { Db } from "../db/database";
import { markConversationRead, setMoveLanguage } from "../db/repositories/conversationsRepository";
import type { ConversationRow } from "../db/tables/conversations";
import type { Actor } from "../policies/authorize";

/** The operator has read the conversation up to now (audited). */
export async function markRead(
  db: Db,
  actor: Actor,
  conversation: ConversationRow,
): Promise<ConversationRow> {
  return db.transaction().execute(async (trx) => {
    const row = await markConversationRead(trx, conversation.id);
    await recordAudit(trx, actor, {
      action: "conversation.mark_read",
      operationId: conversation.operation_id,
      targetType: "conversation",
      targetId: conversation.id,
    });
    return row;
  });
}

/** The language the conversation's safe moves go out in (audited). */
export async function chooseMoveLanguage(
  db: Db,
  actor: Actor,
  conversation: ConversationRow,
  language: string,
): Promise<ConversationRow> {
  return db.transaction().execute(async (trx) => {
    const row = await setMoveLanguage(trx, conversation.id, language);
    await recordAudit(trx, actor, {
      action: "conversation.language_set",
      operationId: conversation.operation_id,
      targetType: "conversation",
      targetId: conversation.id,
      details: { language },
    });
    return row;
  });
}
