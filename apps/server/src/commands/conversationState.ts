import { sql } from "kysely";
import { z } from "zod";
import type {
  AnalysisState,
  AnalyzedMessage,
  ConversationAnalyzer,
  StoredIndicator,
} from "../conversations/analyzer";
import type { EvidenceItem } from "../conversations/evidence";
import type { DbOrTrx } from "../db/database";
import { EVENT_EVIDENCE_COLUMNS } from "../ledger/evidenceSources";
import {
  loadHistories,
  type HistoryRow,
  type LockedConversation,
} from "../db/repositories/conversationsRepository";
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
  /** The analyzer's state after message `seq`, kept on the conversation. */
  analysis: { seq: number; state: AnalysisState };
  change: StateChange;
  events: { kind: string; payload: Record<string, unknown> }[];
}

/** Re-assesses a conversation from the analyzer's state after its last message; pure. */
export function planAssessment(
  analyzer: ConversationAnalyzer,
  row: ConversationRow,
  analysis: { seq: number; state: AnalysisState },
  change: StateChange,
): AssessmentPlan {
  const assessment = analyzer.assess(analysis.state, change.brokenOff ?? row.broken_off);
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
    analysis,
    change,
    events,
  };
}

/**
 * The analyzer's state of each locked conversation after its last message: the stored one when
 * it is current, otherwise replayed from the stored messages (conversations from before 0007,
 * or written by a path that does not keep the state). One query for all that need a replay.
 */
export async function analysisStates(
  trx: DbOrTrx,
  analyzer: ConversationAnalyzer,
  conversations: readonly LockedConversation[],
): Promise<Map<string, { seq: number; state: AnalysisState }>> {
  const states = new Map<string, { seq: number; state: AnalysisState }>();
  const replay: LockedConversation[] = [];
  for (const row of conversations) {
    if (row.last_seq === 0) {
      states.set(row.id, { seq: 0, state: analyzer.start(row.initiator) });
      continue;
    }
    const stored = storedAnalysis.safeParse(row.analysis);
    const state =
      stored.success && stored.data.seq === row.last_seq
        ? analyzer.restore(stored.data.state)
        : null;
    if (state) states.set(row.id, { seq: row.last_seq, state });
    else replay.push(row);
  }
  if (replay.length > 0) {
    for (const row of replay) states.set(row.id, { seq: 0, state: analyzer.start(row.initiator) });
    for (const message of await loadHistories(
      trx,
      replay.map((row) => row.id),
    )) {
      const current = states.get(message.conversation_id)!;
      states.set(message.conversation_id, {
        seq: message.seq,
        state: analyzer.advance(current.state, historyToAnalyzed(message)),
      });
    }
  }
  return states;
}

const storedAnalysis = z.object({ seq: z.number().int().nonnegative(), state: z.unknown() });

/**
 * Writes many plans in one statement: the conversations' UPDATE and the events' INSERT (the
 * ingest path touches hundreds of conversations per transaction). Every change of stage, flags
 * or proposal becomes an event row, returned as an evidence item that carries its evidence
 * fields, so the ledger appends it without reading it again.
 */
export async function writeAssessments(
  trx: DbOrTrx,
  plans: readonly AssessmentPlan[],
): Promise<EvidenceItem[]> {
  if (plans.length === 0) return [];
  // The rows go as one JSON parameter each for the conversations and the events: one native
  // JSON.stringify here and one JSON parse in PostgreSQL, instead of an escaped array literal
  // per column (the analyzer states are JSON themselves), and a statement text that stays the
  // same whatever the batch size.
  const changes = plans.map((plan) => ({
    id: plan.row.id,
    stage: plan.stage,
    flags: plan.flags,
    proposed: plan.proposed,
    broken_off: plan.brokenOff,
    unread: plan.change.unreadIncrement ?? 0,
    mark_read: plan.change.markRead ?? false,
    last_message_at: plan.change.lastMessageAt ?? null,
    last_in_at: plan.change.lastInAt ?? null,
    operator_id: plan.change.operatorId ?? null,
    analysis: plan.analysis,
  }));
  const events = plans.flatMap((plan) =>
    plan.events.map((event) => ({
      operation_id: plan.row.operation_id,
      conversation_id: plan.row.id,
      kind: event.kind,
      payload: event.payload,
      actor_id: plan.change.actorId,
    })),
  );
  // The conversations' UPDATE and the events' INSERT go as one statement (one round trip).
  const { rows: inserted } = await sql<NonNullable<EvidenceItem["row"]>>`
    with updated as (
      update conversations as c set
        stage = v.stage,
        flags = v.flags,
        proposed = v.proposed,
        broken_off = v.broken_off,
        unread_count = case when v.mark_read then 0 else c.unread_count + v.unread end,
        last_message_at = coalesce(v.last_message_at, c.last_message_at),
        last_in_at = coalesce(v.last_in_at, c.last_in_at),
        operator_id = coalesce(c.operator_id, v.operator_id),
        analysis = v.analysis
      from json_to_recordset(${JSON.stringify(changes)}::json)
        as v(id uuid, stage text, flags jsonb, proposed boolean, broken_off boolean, unread int,
             mark_read boolean, last_message_at timestamptz, last_in_at timestamptz,
             operator_id uuid, analysis jsonb)
      where c.id = v.id
      returning c.id
    )
    insert into events (operation_id, conversation_id, kind, payload, actor_id)
    select e.operation_id, e.conversation_id, e.kind, e.payload, e.actor_id
      from rows from (json_to_recordset(${JSON.stringify(events)}::json)
        as (operation_id uuid, conversation_id uuid, kind text, payload jsonb, actor_id uuid))
        with ordinality as e(operation_id, conversation_id, kind, payload, actor_id, n)
     order by e.n
    returning ${sql.raw(EVENT_EVIDENCE_COLUMNS)}
  `.execute(trx);
  // Each event carries its evidence fields, so the ledger appends it without reading it again.
  return inserted.map((event) => ({
    kind: "event" as const,
    operationId: event.operation_id,
    source: { table: "events", id: event.id },
    row: event,
  }));
}

/** Plans and writes one conversation's assessment. */
export async function applyAssessment(
  trx: DbOrTrx,
  analyzer: ConversationAnalyzer,
  row: ConversationRow,
  analysis: { seq: number; state: AnalysisState },
  change: StateChange,
): Promise<EvidenceItem[]> {
  return writeAssessments(trx, [planAssessment(analyzer, row, analysis, change)]);
}
