import { MOVE_LANGUAGES } from "@sweetie/core/moves/index";
import { z } from "zod";

export const operationParams = z.object({ operationId: z.uuid() });
export const conversationParams = z.object({ operationId: z.uuid(), conversationId: z.uuid() });

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

export const languageSchema = z.enum(MOVE_LANGUAGES as [string, ...string[]]).default("en");

export const presenceBody = z.object({
  venueAddress: z.string().trim().min(1).max(500),
  displayName: z.string().trim().min(1).max(64),
});

export const sendBody = z.union([
  z.object({ text: z.string().trim().min(1, "Type a message first.").max(2000) }).strict(),
  z.object({ moveId: z.string().min(1).max(64), language: languageSchema }).strict(),
]);

export const breakOffBody = z.object({ language: languageSchema }).strict();

export const spawnBody = z.object({
  venueAddress: z.string().min(1).max(500),
  behaviourId: z.string().regex(/^[a-z0-9_]+$/),
});
