import { z } from "zod";

/**
 * Response shapes of the live console API, shared by the server (serialization, OpenAPI) and the
 * console (parsing every answer), so the two cannot drift apart.
 */
export const indicatorSchema = z.object({
  type: z.string(),
  start: z.number(),
  end: z.number(),
  confidence: z.number(),
  rule: z.string(),
  value: z.string().optional(),
  platform: z.string().optional(),
  country: z.string().optional(),
});

/** A second person's decision on a proposed conversation (S4), shown wherever it appears. */
export const decisionSchema = z.object({
  decision: z.enum(["confirm", "reject"]),
  reason: z.string(),
  reviewer: z.string(),
  reviewerName: z.string(),
  decidedAt: z.string(),
});

export const conversationSchema = z.object({
  id: z.string(),
  operationId: z.string(),
  venueId: z.string().nullable(),
  /** Untrusted (S7): always rendered as text. */
  counterpartHandle: z.string(),
  /**
   * Real networks: where the counterpart came from when they opened the conversation (sender as
   * the network shows it, e.g. nick!ident@host, the network and the server's name). Untrusted.
   */
  networkOrigin: z
    .object({
      sender: z.string(),
      network: z.string(),
      server: z.string().nullable(),
      /** XMPP (XEP-0421): the room's stable pseudonym for the occupant, across nick changes. */
      occupantId: z.string().optional(),
      /** XMPP: the occupant's real JID, when the room shows it. */
      realJid: z.string().optional(),
    })
    .nullable()
    .optional(),
  initiator: z.enum(["counterpart", "persona"]),
  stage: z.string(),
  brokenOff: z.boolean(),
  proposed: z.boolean(),
  flags: z.array(z.string()),
  status: z.string(),
  unreadCount: z.number(),
  operatorId: z.string().nullable(),
  createdAt: z.string(),
  lastMessageAt: z.string().nullable(),
  lastInAt: z.string().nullable(),
  idleSeconds: z.number(),
  attention: z.number(),
  /** The review decision once confirmed or rejected; absent on live frames (they only signal). */
  decision: decisionSchema.nullable().optional(),
  /** The safe-move language chosen for this conversation (English or Taglish). */
  moveLanguage: z.string().optional(),
});

export const messageSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  seq: z.number(),
  direction: z.enum(["in", "out"]),
  body: z.string(),
  byteLength: z.number(),
  validUtf8: z.boolean(),
  indicators: z.array(indicatorSchema),
  maskedSpans: z.array(z.object({ start: z.number(), end: z.number() })),
  /** Explicit terms in `body` are sent as ■ (S8) until this person reveals the message. */
  masked: z.boolean(),
  sentBy: z.string().nullable(),
  moveId: z.string().nullable(),
  moveLibraryVersion: z.string().nullable(),
  createdAt: z.string(),
  /**
   * Persona messages: the outbox's state. `pending` until the network took the words, `sent`
   * once it did, `failed` (with what went wrong) when it did not; null for a counterpart's.
   */
  delivery: z
    .object({ state: z.enum(["pending", "sent", "failed"]), detail: z.string().nullable() })
    .nullable()
    .optional(),
});

export const safeMoveSchema = z.object({
  id: z.string(),
  kind: z.string(),
  hotkey: z.string(),
  label: z.string(),
  breaksOff: z.boolean(),
  triggersFault: z.boolean(),
  deterOnly: z.boolean(),
  /** The exact words, per language, with the persona's age filled in. */
  variants: z.record(z.string(), z.string()),
});

/** Something that happened in a conversation besides a message (stage change, flag, departure). */
export const conversationEventSchema = z.object({
  id: z.string(),
  kind: z.string(),
  at: z.string(),
  /** A sentence that says what happened, for the transcript and the stage history. */
  summary: z.string(),
});

export type Decision = z.infer<typeof decisionSchema>;
export type ConversationEvent = z.infer<typeof conversationEventSchema>;
export type Indicator = z.infer<typeof indicatorSchema>;
export type Conversation = z.infer<typeof conversationSchema>;
export type Message = z.infer<typeof messageSchema>;
export type SafeMove = z.infer<typeof safeMoveSchema>;
