import { sql } from "kysely";
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
  /** Operator answered: unread goes back to zero. */
  markRead?: boolean;
  lastMessageAt?: Date;
  lastInAt?: Date;
  brokenOff?: boolean;
  operatorId?: string;
  actorId: string | null;
  extraEvents?: { kind: string; payload: Record<string, unknown> }[];
}

/** What re-assessing one conversation changes: its new state and the events that record it. */
export interface AssessmentPlan {
  row: ConversationRow;
  stage: string;
  flags: string[];
  proposed: boolean;
  brokenOff: boolean;
  change: StateChange;
  events: { kind: string; payload: Record<string, unknown> }[];
}

/** Re-assesses a conversation from its messages (stage, S6 flags, proposal); pure. */
export function planAssessment(
  analyzer: ConversationAnalyzer,
  row: ConversationRow,
  history: readonly AnalyzedMessage[],
  change: StateChange,
): AssessmentPlan {
  const assessment = analyzer.assess(row.initiator, history, change.brokenOff ?? row.broken_off);
  // A reviewed conversation keeps its decision: proposal only moves while it is open.
  const proposed = row.status === "open" ? assessment.proposed : row.proposed;
  const events = [...(change.extraEvents ?? [])];
  if (assessment.stage !== row.stage) {
    events.push({ kind: "stage.changed", payload: { from: row.stage, to: assessment.stage } });
  }
  const newFlags = assessment.flags.filter((flag) => !row.flags.includes(flag));
  if (newFlags.length > 0) events.push({ kind: "safeguard.flagged", payload: { flags: newFlags } });
  if (proposed && !row.proposed)
    events.push({ kind: "criteria.proposed", payload: { stage: assessment.stage } });
  if (assessment.brokenOff && !row.broken_off) events.push({ kind: "broken_off", payload: {} });
  return {
    row,
    stage: assessment.stage,
    flags: assessment.flags,
    proposed,
    brokenOff: assessment.brokenOff,
    change,
    events,
  };
}

/**
 * Writes many plans with one UPDATE and one INSERT (the ingest path touches hundreds of
 * conversations per transaction). Every change of stage, flags or proposal becomes an event row,
 * returned as evidence items for the ledger.
 */
export async function writeAssessments(
  trx: DbOrTrx,
  plans: readonly AssessmentPlan[],
): Promise<EvidenceItem[]> {
  if (plans.length === 0) return [];
  const values = plans.map(
    (plan) => sql`(${plan.row.id}::uuid, ${plan.stage}::text, ${JSON.stringify(plan.flags)}::jsonb,
      ${plan.proposed}::boolean, ${plan.brokenOff}::boolean, ${plan.change.unreadIncrement ?? 0}::int,
      ${plan.change.markRead ?? false}::boolean, ${plan.change.lastMessageAt ?? null}::timestamptz,
      ${plan.change.lastInAt ?? null}::timestamptz, ${plan.change.operatorId ?? null}::uuid)`,
  );
  await sql`
    update conversations as c set
      stage = v.stage,
      flags = v.flags,
      proposed = v.proposed,
      broken_off = v.broken_off,
      unread_count = case when v.mark_read then 0 else c.unread_count + v.unread end,
      last_message_at = coalesce(v.last_message_at, c.last_message_at),
      last_in_at = coalesce(v.last_in_at, c.last_in_at),
      operator_id = coalesce(c.operator_id, v.operator_id)
    from (values ${sql.join(values)}) as v(id, stage, flags, proposed, broken_off, unread, mark_read,
      last_message_at, last_in_at, operator_id)
    where c.id = v.id
  `.execute(trx);

  const eventRows = plans.flatMap((plan) =>
    plan.events.map((event) => ({
      operation_id: plan.row.operation_id,
      conversation_id: plan.row.id,
      kind: event.kind,
      payload: JSON.stringify(event.payload),
      actor_id: plan.change.actorId,
    })),
  );
  if (eventRows.length === 0) return [];
  const inserted = await trx
    .insertInto("events")
    .values(eventRows)
    .returning(["id", "operation_id"])
    .execute();
  return inserted.map((event) => ({
    kind: "event" as const,
    operationId: event.operation_id,
    source: { table: "events", id: event.id },
  }));
}

/** Plans and writes one conversation's assessment. */
export async function applyAssessment(
  trx: DbOrTrx,
  analyzer: ConversationAnalyzer,
  row: ConversationRow,
  history: readonly AnalyzedMessage[],
  change: StateChange,
): Promise<EvidenceItem[]> {
  return writeAssessments(trx, [planAssessment(analyzer, row, history, change)]);
}
