import type { DbOrTrx } from "../db/database";
import {
  listConversationEvents,
  listConversationOperators,
} from "../db/repositories/conversationHistoryRepository";
import { listConversations, listMessages } from "../db/repositories/conversationsRepository";
import { findDecisions } from "../db/repositories/reviewsRepository";
import type { ConversationRow } from "../db/tables/conversations";

/** An operation's conversations, most urgent first, with the review decision of each closed one. */
export async function conversationsWithDecisions(db: DbOrTrx, operationId: string) {
  const rows = await listConversations(db, operationId);
  const decisions = await findDecisions(
    db,
    rows.filter((row) => row.status !== "open").map((row) => row.id),
  );
  return { rows, decisions };
}

/** A conversation's messages, the events between them, and its decision. */
export async function transcriptOf(db: DbOrTrx, conversation: ConversationRow) {
  const [messages, events, decisions] = await Promise.all([
    listMessages(db, conversation.id),
    listConversationEvents(db, conversation.id),
    findDecisions(db, [conversation.id]),
  ]);
  return { messages, events, decisions };
}

/** What a reviewer weighs besides the transcript: the events, who ran it, the decision. */
export async function reviewHistoryOf(db: DbOrTrx, conversation: ConversationRow) {
  const [events, operators, decisions] = await Promise.all([
    listConversationEvents(db, conversation.id),
    listConversationOperators(db, conversation),
    findDecisions(db, [conversation.id]),
  ]);
  return { events, operators, decision: decisions.get(conversation.id) ?? null };
}
