import type { Decision } from "@sweetie/core/api/consoleSchemas";
import { attentionScore, idleSeconds } from "@sweetie/core/console/attention";
import { findExplicitTerms } from "@sweetie/core/detect/index";
import { maskSpans } from "@sweetie/core/welfare/maskText";
import type {
  ConversationRow,
  DeliveryState,
  MessageRow,
  MessageWithDelivery,
} from "../db/tables/conversations";
import type { StoredIndicator } from "../conversations/analyzer";

export interface PresentedConversation {
  id: string;
  operationId: string;
  venueId: string | null;
  /** Untrusted (S7): render as text only. */
  counterpartHandle: string;
  initiator: "counterpart" | "persona";
  stage: string;
  brokenOff: boolean;
  proposed: boolean;
  flags: string[];
  status: string;
  unreadCount: number;
  operatorId: string | null;
  createdAt: string;
  lastMessageAt: string | null;
  lastInAt: string | null;
  idleSeconds: number;
  attention: number;
  decision?: Decision | null;
  moveLanguage: string;
  /** Real networks: sender as the network shows it, network, server (untrusted, S7). */
  networkOrigin: {
    sender: string;
    network: string;
    server: string | null;
    occupantId?: string;
    realJid?: string;
  } | null;
}

/**
 * Conversation → JSON, shared by REST and the live stream. REST passes the review decisions it
 * loaded (`decisions`), so a confirmed or rejected conversation shows who decided and why.
 */
export function presentConversation(
  row: ConversationRow,
  now: Date,
  decisions?: ReadonlyMap<string, Decision>,
): PresentedConversation {
  const input = {
    status: row.status,
    proposed: row.proposed,
    brokenOff: row.broken_off,
    flags: row.flags,
    unreadCount: row.unread_count,
    lastInAt: row.last_in_at?.getTime() ?? null,
    lastMessageAt: (row.last_message_at ?? row.created_at).getTime(),
  };
  return {
    id: row.id,
    operationId: row.operation_id,
    venueId: row.venue_id,
    counterpartHandle: row.counterpart_handle,
    initiator: row.initiator,
    stage: row.stage,
    brokenOff: row.broken_off,
    proposed: row.proposed,
    flags: row.flags,
    status: row.status,
    unreadCount: row.unread_count,
    operatorId: row.operator_id,
    createdAt: row.created_at.toISOString(),
    lastMessageAt: row.last_message_at?.toISOString() ?? null,
    lastInAt: row.last_in_at?.toISOString() ?? null,
    idleSeconds: idleSeconds(input, now.getTime()),
    attention: attentionScore(input, now.getTime()),
    ...(decisions ? { decision: decisions.get(row.id) ?? null } : {}),
    moveLanguage: row.move_language,
    networkOrigin: originOf(row.network_origin),
  };
}

/** Most urgent first (see core/console/attention), then most recent activity. */
export function presentConversationList(
  rows: readonly ConversationRow[],
  now: Date,
  decisions?: ReadonlyMap<string, Decision>,
): PresentedConversation[] {
  return rows
    .map((row) => presentConversation(row, now, decisions))
    .sort(
      (a, b) =>
        b.attention - a.attention ||
        Date.parse(b.lastMessageAt ?? b.createdAt) - Date.parse(a.lastMessageAt ?? a.createdAt),
    );
}

export interface PresentedMessage {
  id: string;
  conversationId: string;
  seq: number;
  direction: "in" | "out";
  /** Untrusted when incoming (S7): render as text only. */
  body: string;
  /** Size of the exact bytes stored, and whether they were valid UTF-8. */
  byteLength: number;
  validUtf8: boolean;
  indicators: StoredIndicator[];
  /** Spans of explicit terms (S8): each of their characters is sent as ■ unless revealed. */
  maskedSpans: { start: number; end: number }[];
  /** Whether `body` has explicit terms masked (the person has not revealed this message). */
  masked: boolean;
  sentBy: string | null;
  moveId: string | null;
  moveLibraryVersion: string | null;
  createdAt: string;
  /** Persona messages: whether the network took them (S2: never shown as sent unless it did). */
  delivery: { state: DeliveryState; detail: string | null } | null;
}

const strictDecoder = new TextDecoder("utf-8", { fatal: true });

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    strictDecoder.decode(bytes);
    return !bytes.includes(0);
  } catch {
    return false;
  }
}

/**
 * Message → JSON, shared by REST and the live stream. Explicit terms in what a counterpart wrote
 * leave the server masked (S8) unless the message is in `revealed`: the messages this person
 * revealed, within the reveal window and the budget (commands/exposure.ts).
 */
export function presentMessage(
  row: MessageRow & Partial<Pick<MessageWithDelivery, "delivery_state" | "delivery_detail">>,
  revealed: ReadonlySet<string> = new Set(),
): PresentedMessage {
  const maskedSpans = row.direction === "in" ? findExplicitTerms(row.body) : [];
  const masked = maskedSpans.length > 0 && !revealed.has(row.id);
  return {
    id: row.id,
    conversationId: row.conversation_id,
    seq: row.seq,
    direction: row.direction,
    body: masked ? maskSpans(row.body, maskedSpans) : row.body,
    byteLength: row.body_bytes.length,
    validUtf8: isValidUtf8(row.body_bytes),
    indicators: row.indicators as StoredIndicator[],
    maskedSpans,
    masked,
    sentBy: row.sent_by,
    moveId: row.move_id,
    moveLibraryVersion: row.move_library_version,
    createdAt: row.created_at.toISOString(),
    delivery: row.delivery_state
      ? { state: row.delivery_state, detail: row.delivery_detail ?? null }
      : null,
  };
}

/** The stored origin as the console shows it; anything malformed is left out. */
function originOf(value: unknown): PresentedConversation["networkOrigin"] {
  if (!value || typeof value !== "object") return null;
  const origin = value as Record<string, unknown>;
  if (typeof origin.sender !== "string" || typeof origin.network !== "string") return null;
  return {
    sender: origin.sender,
    network: origin.network,
    server: typeof origin.server === "string" ? origin.server : null,
    ...(typeof origin.occupantId === "string" ? { occupantId: origin.occupantId } : {}),
    ...(typeof origin.realJid === "string" ? { realJid: origin.realJid } : {}),
  };
}
