import {
  conversationEventSchema,
  conversationSchema,
  decisionSchema,
  messageSchema,
  safeMoveSchema,
} from "@sweetie/core/api/consoleSchemas";
import { exposureSchema } from "@sweetie/core/api/supervisionSchemas";
import { z } from "zod";
import { requestJson } from "./client";

export type {
  Conversation,
  ConversationEvent,
  Decision,
  Message,
  SafeMove,
} from "@sweetie/core/api/consoleSchemas";

const consoleSchema = z.object({
  libraryVersion: z.string(),
  moves: z.array(safeMoveSchema),
  breakOffMoveId: z.string(),
  presences: z.array(z.object({ venueId: z.string(), venueAddress: z.string() })),
  conversations: z.array(conversationSchema),
  trainingBehaviours: z.array(z.object({ id: z.string(), title: z.string() })),
  serverTime: z.string(),
});
export type ConsoleState = z.infer<typeof consoleSchema>;

const conversationDetailSchema = z.object({
  conversation: conversationSchema,
  messages: z.array(messageSchema),
  events: z.array(conversationEventSchema),
});

const historySchema = z.object({
  stageHistory: z.array(conversationEventSchema),
  flags: z.array(z.object({ flag: z.string(), title: z.string(), explanation: z.string() })),
  operators: z.array(
    z.object({
      userId: z.string(),
      username: z.string(),
      displayName: z.string(),
      messagesSent: z.number(),
    }),
  ),
  decision: decisionSchema.nullable(),
});
export type ConversationHistory = z.infer<typeof historySchema>;
const sentSchema = z.object({ messageId: z.string(), conversation: conversationSchema });
const reviewQueueSchema = z.object({
  conversations: z.array(conversationSchema.extend({ youHandled: z.boolean() })),
});
export type ReviewEntry = z.infer<typeof reviewQueueSchema>["conversations"][number];

const base = (operationId: string) => `/api/operations/${encodeURIComponent(operationId)}`;

export const fetchConsole = (operationId: string) =>
  requestJson(`${base(operationId)}/console`, consoleSchema);

export const fetchConversation = (operationId: string, conversationId: string) =>
  requestJson(
    `${base(operationId)}/conversations/${encodeURIComponent(conversationId)}`,
    conversationDetailSchema,
  );

export const fetchHistory = (operationId: string, conversationId: string) =>
  requestJson(
    `${base(operationId)}/conversations/${encodeURIComponent(conversationId)}/history`,
    historySchema,
  );

export const setMoveLanguage = (operationId: string, conversationId: string, language: string) =>
  requestJson(
    `${base(operationId)}/conversations/${encodeURIComponent(conversationId)}/language`,
    z.object({ conversation: conversationSchema }),
    { method: "PUT", body: { language } },
  );

export const goPresent = (operationId: string, venueAddress: string, displayName: string) =>
  requestJson(`${base(operationId)}/presence`, z.object({ venueId: z.string() }), {
    method: "POST",
    body: { venueAddress, displayName },
  });

export const addTrainingCounterpart = (
  operationId: string,
  venueAddress: string,
  behaviourId: string,
) =>
  requestJson(`${base(operationId)}/training/counterparts`, z.object({ handle: z.string() }), {
    method: "POST",
    body: { venueAddress, behaviourId },
  });

/** Typed text; `confirmInconsistency` sends it although it contradicts the persona (S2). */
export const sendText = (
  operationId: string,
  conversationId: string,
  text: string,
  confirmInconsistency = false,
) =>
  requestJson(
    `${base(operationId)}/conversations/${encodeURIComponent(conversationId)}/messages`,
    sentSchema,
    {
      method: "POST",
      body: confirmInconsistency ? { text, confirmInconsistency } : { text },
    },
  );

export const sendMove = (operationId: string, conversationId: string, moveId: string) =>
  requestJson(
    `${base(operationId)}/conversations/${encodeURIComponent(conversationId)}/messages`,
    sentSchema,
    {
      method: "POST",
      body: { moveId },
    },
  );

export const breakOff = (operationId: string, conversationId: string) =>
  requestJson(
    `${base(operationId)}/conversations/${encodeURIComponent(conversationId)}/break-off`,
    sentSchema,
    {
      method: "POST",
      body: {},
    },
  );

export const fetchReviewQueue = (operationId: string) =>
  requestJson(`${base(operationId)}/review-queue`, reviewQueueSchema);

export const reviewConversation = (
  operationId: string,
  conversationId: string,
  decision: "confirm" | "reject",
  reason: string,
) =>
  requestJson(
    `${base(operationId)}/conversations/${encodeURIComponent(conversationId)}/review`,
    z.object({ status: z.string(), subjectId: z.string().nullable() }),
    { method: "POST", body: { decision, reason } },
  );

export type { Exposure } from "@sweetie/core/api/supervisionSchemas";

export const fetchExposure = (operationId: string) =>
  requestJson(`${base(operationId)}/exposure`, z.object({ exposure: exposureSchema }));

/** Reveals a masked message: audited and counted against today's exposure budget (S8). */
export const revealMessage = (operationId: string, messageId: string) =>
  requestJson(`${base(operationId)}/reveals`, z.object({ exposure: exposureSchema }), {
    method: "POST",
    body: { targetType: "message", targetId: messageId },
  });

const captureSchema = z.object({
  id: z.string(),
  mediaType: z.string(),
  /** Untrusted (S7): shown as text only. */
  fileName: z.string(),
  sizeBytes: z.number(),
  sha256: z.string(),
  createdAt: z.string(),
  purged: z.boolean(),
});
export type Capture = z.infer<typeof captureSchema>;

export const fetchCaptures = (operationId: string, conversationId: string) =>
  requestJson(
    `${base(operationId)}/conversations/${encodeURIComponent(conversationId)}/captures`,
    z.object({ captures: z.array(captureSchema) }),
  );

export const captureContentUrl = (operationId: string, captureId: string) =>
  `${base(operationId)}/captures/${encodeURIComponent(captureId)}/content`;

export async function uploadCapture(operationId: string, conversationId: string, file: File) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (let index = 0; index < bytes.length; index += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  }
  return requestJson(
    `${base(operationId)}/conversations/${encodeURIComponent(conversationId)}/captures`,
    z.object({ capture: z.object({ id: z.string(), sha256: z.string() }) }),
    {
      method: "POST",
      body: { fileName: file.name || "pasted", mediaType: file.type, dataBase64: btoa(binary) },
    },
  );
}

export const revealCapture = (operationId: string, captureId: string) =>
  requestJson(`${base(operationId)}/reveals`, z.object({ exposure: exposureSchema }), {
    method: "POST",
    body: { targetType: "capture", targetId: captureId },
  });
