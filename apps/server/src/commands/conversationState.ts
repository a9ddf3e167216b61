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
  // One array per column (unnest): the statement's text and its parameter count stay the same
  // whatever the number of conversations, so PostgreSQL parses and binds it cheaply.
  const plan = <T>(pick: (plan: AssessmentPlan) => T) => plans.map(pick);
  const eventRows = plans.flatMap((plan) =>
    plan.events.map((event) => ({
      operation_id: plan.row.operation_id,
      conversation_id: plan.row.id,
      kind: event.kind,
      payload: JSON.stringify(event.payload),
      actor_id: plan.change.actorId,
    })),
  );
  // The conversations' UPDATE and the events' INSERT go as one statement (one round trip).
  const column = <K extends keyof (typeof eventRows)[number]>(key: K) =>
    eventRows.map((row) => row[key]);
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
      from unnest(${plan((p) => p.row.id)}::uuid[], ${plan((p) => p.stage)}::text[],
        ${plan((p) => JSON.stringify(p.flags))}::jsonb[], ${plan((p) => p.proposed)}::boolean[],
        ${plan((p) => p.brokenOff)}::boolean[], ${plan((p) => p.change.unreadIncrement ?? 0)}::int[],
        ${plan((p) => p.change.markRead ?? false)}::boolean[],
        ${plan((p) => p.change.lastMessageAt ?? null)}::timestamptz[],
        ${plan((p) => p.change.lastInAt ?? null)}::timestamptz[],
        ${plan((p) => p.change.operatorId ?? null)}::uuid[],
        ${plan((p) => JSON.stringify(p.analysis))}::jsonb[])
        as v(id, stage, flags, proposed, broken_off, unread, mark_read, last_message_at,
             last_in_at, operator_id, analysis)
      where c.id = v.id
      returning c.id
    )
    insert into events (operation_id, conversation_id, kind, payload, actor_id)
    select operation_id, conversation_id, kind, payload::jsonb, actor_id
      from unnest(${column("operation_id")}::uuid[], ${column("conversation_id")}::uuid[],
        ${column("kind")}::text[], ${column("payload")}::text[], ${column("actor_id")}::uuid[])
        with ordinality as e(operation_id, conversation_id, kind, payload, actor_id, n)
     order by n
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
