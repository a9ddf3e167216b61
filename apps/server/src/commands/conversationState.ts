import type {
  AnalyzedMessage,
  ConversationAnalyzer,
  StoredIndicator,
} from "../conversations/analyzer";
import type { EvidenceItem } from "../conversations/evidence";
import type { DbOrTrx } from "../db/database";
import type { HistoryRow } from "../db/repositories/conversationsRepository";
import type { ConversationRow } from "../db/tables/conversations";

export function historyToAnalyzed(row: HistoryRow): AnalyzedMessage {
  return {
    direction: row.direction,
    text: row.body,
    indicators: row.indicators as StoredIndicator[],
    moveKind: row.move_id,
  };
}

export interface StateChange {
  unreadIncrement?: number;
  /** Operator opened the conversation: unread goes back to zero. */
  markRead?: boolean;
  lastMessageAt?: Date;
  lastInAt?: Date;
  brokenOff?: boolean;
  operatorId?: string;
  actorId: string | null;
  extraEvents?: { kind: string; payload: Record<string, unknown> }[];
}

/**
 * Re-assesses a conversation from its messages and writes the result: stage, S6 flags, proposal.
 * Every change of stage, flags or proposal is an event row and an evidence item.
 */
export async function applyAssessment(
  trx: DbOrTrx,
  analyzer: ConversationAnalyzer,
  row: ConversationRow,
  history: readonly AnalyzedMessage[],
  change: StateChange,
): Promise<EvidenceItem[]> {
  const assessment = analyzer.assess(row.initiator, history, change.brokenOff ?? row.broken_off);
  const brokenOff = assessment.brokenOff;
  // A reviewed conversation keeps its decision: proposal only matters while it is open.
  const proposed = row.status === "open" ? assessment.proposed : row.proposed;
  const events: { kind: string; payload: Record<string, unknown> }[] = [
    ...(change.extraEvents ?? []),
  ];
  if (assessment.stage !== row.stage)
    events.push({ kind: "stage.changed", payload: { from: row.stage, to: assessment.stage } });
  const newFlags = assessment.flags.filter((flag) => !row.flags.includes(flag));
  if (newFlags.length > 0) events.push({ kind: "safeguard.flagged", payload: { flags: newFlags } });
  if (proposed && !row.proposed)
    events.push({ kind: "criteria.proposed", payload: { stage: assessment.stage } });
  if (brokenOff && !row.broken_off) events.push({ kind: "broken_off", payload: {} });

  await trx
    .updateTable("conversations")
    .set((eb) => ({
      stage: assessment.stage,
      flags: JSON.stringify(assessment.flags),
      proposed,
      broken_off: brokenOff,
      ...(change.unreadIncrement
        ? { unread_count: eb("unread_count", "+", change.unreadIncrement) }
        : {}),
      ...(change.markRead ? { unread_count: 0 } : {}),
      ...(change.lastMessageAt ? { last_message_at: change.lastMessageAt } : {}),
      ...(change.lastInAt ? { last_in_at: change.lastInAt } : {}),
      ...(change.operatorId && !row.operator_id ? { operator_id: change.operatorId } : {}),
    }))
    .where("id", "=", row.id)
    .execute();

  if (events.length === 0) return [];
  const inserted = await trx
    .insertInto("events")
    .values(
      events.map((event) => ({
        operation_id: row.operation_id,
        conversation_id: row.id,
        kind: event.kind,
        payload: JSON.stringify(event.payload),
        actor_id: change.actorId,
      })),
    )
    .returning(["id"])
    .execute();
  return inserted.map((event) => ({
    kind: "event" as const,
    operationId: row.operation_id,
    source: { table: "events", id: event.id },
  }));
}
