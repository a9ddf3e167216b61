import {
  findMove,
  renderMove,
  SAFE_MOVES,
  type MoveLanguage,
  type SafeMove,
} from "@sweetie/core/moves/index";
import type { ConsistencyWarning } from "@sweetie/core/persona/consistency";
import { recordAudit } from "../audit/recordAudit";
import type { ConversationAnalyzer } from "../conversations/analyzer";
import type { EvidenceSink } from "../conversations/evidence";
import type { Db } from "../db/database";
import { lockConversations } from "../db/repositories/conversationsRepository";
import type { ConversationRow } from "../db/tables/conversations";
import type { OperationRow } from "../db/tables/operations";
import { AppError } from "../errors";
import type { LiveEvent } from "../events/liveEvents";
import type { Actor } from "../policies/authorize";
import { analysisStates, applyAssessment } from "./conversationState";
import { holdInconsistentText } from "./personaConsistency";

/** How long the faked technical problem lasts on the network after a break-off. */
export const BREAK_OFF_FAULT_SECONDS = 120;

/** Reaches the counterpart through the conversation's connector. */
export interface Outbound {
  send(conversation: ConversationRow, text: string): Promise<void>;
  fault(conversation: ConversationRow, seconds: number): Promise<void>;
}

export type PersonaContent =
  | { kind: "text"; text: string; confirmInconsistency?: boolean }
  | { kind: "move"; moveId: string; language: MoveLanguage };

export interface SendPorts {
  analyzer: ConversationAnalyzer;
  evidence: EvidenceSink;
  outbound: Outbound;
}

/**
 * Sends persona words (S2): either text the operator typed, recorded with the operator, or a
 * library move, recorded with the operator who chose it and the library version. The message is
 * recorded and sent in one transaction: if the network refuses it, nothing is recorded.
 */
export async function sendPersonaMessage(
  db: Db,
  ports: SendPorts,
  input: { actor: Actor; operation: OperationRow; conversationId: string; content: PersonaContent },
): Promise<{ messageId: string; liveEvents: LiveEvent[] }> {
  const { actor, operation, content } = input;
  const move = content.kind === "move" ? resolveMove(content.moveId, operation) : undefined;
  const text =
    content.kind === "move"
      ? renderMove(move!, { language: content.language, personaAge: operation.persona_age })
      : content.text;
  // Typed words that contradict the persona are held until the operator confirms them (S2).
  const warnings: ConsistencyWarning[] =
    content.kind === "text"
      ? await holdInconsistentText(db, {
          actor,
          operation,
          conversationId: input.conversationId,
          text,
          confirmed: content.confirmInconsistency === true,
        })
      : [];

  const result = await db.transaction().execute(async (trx) => {
    const [conversation] = await lockConversations(trx, [input.conversationId]);
    if (!conversation || conversation.operation_id !== operation.id) {
      throw new AppError("not_found", {
        detail: "No conversation with this id in this operation.",
      });
    }
    if (conversation.broken_off || conversation.purged_at)
      throw new AppError("conversation_closed");
    const before = (await analysisStates(trx, ports.analyzer, [conversation])).get(
      conversation.id,
    )!;
    const indicators = ports.analyzer.detect(before.state, { direction: "out", text });
    const seq = conversation.last_seq + 1;
    const analysis = {
      seq,
      state: ports.analyzer.advance(before.state, {
        direction: "out",
        text,
        indicators,
        moveKind: move?.id ?? null,
      }),
    };
    const bytes = new TextEncoder().encode(text);
    const message = await trx
      .insertInto("messages")
      .values({
        operation_id: operation.id,
        conversation_id: conversation.id,
        seq,
        direction: "out",
        body: text,
        body_bytes: bytes,
        sent_by: actor.userId,
        move_id: move?.id ?? null,
        move_library_version: move ? SAFE_MOVES.version : null,
        indicators: JSON.stringify(indicators),
      })
      .returning(["id", "created_at"])
      .executeTakeFirstOrThrow();
    const confirmed =
      warnings.length > 0
        ? await trx
            .insertInto("events")
            .values({
              operation_id: operation.id,
              conversation_id: conversation.id,
              kind: "persona.inconsistency_confirmed",
              payload: JSON.stringify({
                messageId: message.id,
                warnings: warnings.map(({ kind, stated, declared, message }) => ({
                  kind,
                  stated,
                  declared,
                  message,
                })),
              }),
              actor_id: actor.userId,
            })
            .returning("id")
            .executeTakeFirstOrThrow()
        : undefined;
    const events = await applyAssessment(trx, ports.analyzer, conversation, analysis, {
      lastMessageAt: message.created_at,
      markRead: true,
      operatorId: actor.userId,
      actorId: actor.userId,
      ...(move?.breaksOff ? { brokenOff: true } : {}),
    });
    await ports.evidence.append(trx, [
      {
        kind: "message",
        operationId: operation.id,
        source: { table: "messages", id: message.id },
      },
      ...(confirmed
        ? [
            {
              kind: "event" as const,
              operationId: operation.id,
              source: { table: "events" as const, id: confirmed.id },
            },
          ]
        : []),
      ...events,
    ]);
    await recordAudit(trx, actor, {
      action: move ? "conversation.move" : "conversation.send",
      operationId: operation.id,
      targetType: "conversation",
      targetId: conversation.id,
      details: move
        ? { moveId: move.id, libraryVersion: SAFE_MOVES.version }
        : {
            length: text.length,
            ...(warnings.length > 0
              ? { personaWarnings: warnings.map((w) => w.message), sentAnyway: true }
              : {}),
          },
    });
    // Last, so a refusal by the network rolls the record back: nothing is recorded unsent.
    try {
      await ports.outbound.send(conversation, text);
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError("connector_failed", {
        cause: error,
        detail: `${errorText(error)} Nothing was recorded.`,
      });
    }
    return { conversation, messageId: message.id };
  });

  if (move?.triggersFault) {
    await ports.outbound.fault(result.conversation, BREAK_OFF_FAULT_SECONDS).catch(() => undefined);
  }
  return {
    messageId: result.messageId,
    liveEvents: [{ kind: "messages", operationId: operation.id, messageIds: [result.messageId] }],
  };
}

function resolveMove(moveId: string, operation: OperationRow): SafeMove {
  const move = findMove(SAFE_MOVES, moveId);
  if (!move) {
    throw new AppError("validation_failed", {
      detail: `There is no safe move "${moveId}" in library ${SAFE_MOVES.version}.`,
      errors: [{ field: "moveId", message: "unknown safe move" }],
    });
  }
  if (move.deterOnly && operation.mode !== "deter") {
    throw new AppError("validation_failed", {
      detail: `The move "${move.label}" is only used in operations run in deter mode.`,
      errors: [{ field: "moveId", message: "deter mode only" }],
    });
  }
  return move;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : "The chat network refused the message.";
}
