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

export const conversationSchema = z.object({
  id: z.string(),
  operationId: z.string(),
  venueId: z.string().nullable(),
  /** Untrusted (S7): always rendered as text. */
  counterpartHandle: z.string(),
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
  sentBy: z.string().nullable(),
  moveId: z.string().nullable(),
  moveLibraryVersion: z.string().nullable(),
  createdAt: z.string(),
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

export type Indicator = z.infer<typeof indicatorSchema>;
export type Conversation = z.infer<typeof conversationSchema>;
export type Message = z.infer<typeof messageSchema>;
export type SafeMove = z.infer<typeof safeMoveSchema>;
