import { conversationEventSchema, decisionSchema } from "@sweetie/core/api/consoleSchemas";
import { explainFlag } from "@sweetie/core/protocol/flagExplanations";
import { breakOffMoveFor, SAFE_MOVES } from "@sweetie/core/moves/index";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppDeps } from "../../appDeps";
import { recordEvidenceRead } from "../../audit/evidenceReads";
import { recordAudit } from "../../audit/recordAudit";
import { revealedTargets } from "../../commands/exposure";
import { loadBehaviourScripts } from "../../connectors/training/behaviourScript";
import type { ConsoleRuntime } from "../../conversations/consoleRuntime";
import {
  listConversationEvents,
  listConversationOperators,
} from "../../db/repositories/conversationHistoryRepository";
import {
  listConversations,
  listMessages,
  markConversationRead,
  setMoveLanguage,
} from "../../db/repositories/conversationsRepository";
import { findDecisions } from "../../db/repositories/reviewsRepository";
import { operationAccess } from "../../policies/operationAccess";
import {
  presentConversation,
  presentConversationList,
  presentMessage,
} from "../../presenters/presentConversation";
import { presentConversationEvent } from "../../presenters/presentConversationEvent";
import { presentSafeMoves } from "../../presenters/presentSafeMoves";
import { requireConversation } from "./requireConversation";
import {
  conversationParams,
  conversationSchema,
  languageBody,
  messageSchema,
  operationParams,
  safeMoveSchema,
  viewQuery,
} from "./schema";

export type ConsoleRouteDeps = AppDeps & { runtime: ConsoleRuntime };

// Behaviour scripts ship with the server; the console offers every one of them in training.
const trainingBehaviours = loadBehaviourScripts().map((script) => ({
  id: script.id,
  title: script.title,
}));

/** Reading conversations: the console's starting state, lists, transcripts and their history. */
export const conversationRoutes: FastifyPluginAsyncZod<ConsoleRouteDeps> = async (app, deps) => {
  const { store, clock, runtime, config } = deps;
  const db = store.db;
  const revealWindow = (operationId: string, userId: string, now: Date) => ({
    operationId,
    userId,
    now,
    windowMinutes: config.SWEETIE_REVEAL_MINUTES,
  });

  app.get(
    "/api/operations/:operationId/console",
    {
      schema: {
        summary: "Everything the live console starts from: safe moves, presences and conversations",
        tags: ["console"],
        params: operationParams,
        response: {
          200: z.object({
            libraryVersion: z.string(),
            moves: z.array(safeMoveSchema),
            breakOffMoveId: z.string(),
            presences: z.array(z.object({ venueId: z.string(), venueAddress: z.string() })),
            conversations: z.array(conversationSchema),
            /** Behaviour scripts a training counterpart can run (empty outside training). */
            trainingBehaviours: z.array(z.object({ id: z.string(), title: z.string() })),
            serverTime: z.string(),
          }),
        },
      },
    },
    async (request) => {
      const { operation } = await operationAccess(
        db,
        request,
        request.params.operationId,
        "conversation.read",
      );
      const now = clock.now();
      const rows = await listConversations(db, operation.id);
      const decisions = await findDecisions(
        db,
        rows.filter((row) => row.status !== "open").map((row) => row.id),
      );
      return {
        libraryVersion: SAFE_MOVES.version,
        moves: presentSafeMoves(operation),
        breakOffMoveId: breakOffMoveFor(SAFE_MOVES, operation.mode).id,
        presences: runtime.hub.listPresences(operation.id),
        conversations: presentConversationList(rows, now, decisions),
        trainingBehaviours: operation.is_training ? trainingBehaviours : [],
        serverTime: now.toISOString(),
      };
    },
  );

  app.get(
    "/api/operations/:operationId/conversations",
    {
      schema: {
        summary: "Conversations, most urgent first",
        tags: ["console"],
        params: operationParams,
        response: { 200: z.object({ conversations: z.array(conversationSchema) }) },
      },
    },
    async (request) => {
      const { operation } = await operationAccess(
        db,
        request,
        request.params.operationId,
        "conversation.read",
      );
      const rows = await listConversations(db, operation.id);
      const decisions = await findDecisions(
        db,
        rows.filter((row) => row.status !== "open").map((row) => row.id),
      );
      return { conversations: presentConversationList(rows, clock.now(), decisions) };
    },
  );

  app.get(
    "/api/operations/:operationId/conversations/:conversationId",
    {
      schema: {
        summary:
          "A conversation and its transcript, with the events between messages (audited once per view; explicit terms masked unless revealed)",
        tags: ["console"],
        params: conversationParams,
        querystring: viewQuery,
        response: {
          200: z.object({
            conversation: conversationSchema,
            messages: z.array(messageSchema),
            events: z.array(conversationEventSchema),
          }),
        },
      },
    },
    async (request) => {
      const { actor, operation } = await operationAccess(
        db,
        request,
        request.params.operationId,
        "conversation.read",
      );
      const conversation = await requireConversation(
        db,
        operation.id,
        request.params.conversationId,
      );
      const now = clock.now();
      const [messages, events, decisions] = await Promise.all([
        listMessages(db, conversation.id),
        listConversationEvents(db, conversation.id),
        findDecisions(db, [conversation.id]),
      ]);
      const revealed = await revealedTargets(
        db,
        revealWindow(operation.id, actor.userId, now),
        "message",
        messages.map((message) => message.id),
      );
      await recordEvidenceRead(db, actor, {
        action: "conversation.transcript.read",
        operationId: operation.id,
        targetType: "conversation",
        targetId: conversation.id,
        viewId: request.query.viewId,
      });
      return {
        conversation: presentConversation(conversation, now, decisions),
        messages: messages.map((message) => presentMessage(message, revealed)),
        events: events.map(presentConversationEvent),
      };
    },
  );

  app.get(
    "/api/operations/:operationId/conversations/:conversationId/history",
    {
      schema: {
        summary:
          "What a reviewer weighs besides the transcript: stage history, safeguard flags explained, who ran it, the decision",
        tags: ["review"],
        params: conversationParams,
        querystring: viewQuery,
        response: {
          200: z.object({
            stageHistory: z.array(conversationEventSchema),
            flags: z.array(
              z.object({ flag: z.string(), title: z.string(), explanation: z.string() }),
            ),
            operators: z.array(
              z.object({
                userId: z.string(),
                username: z.string(),
                displayName: z.string(),
                messagesSent: z.number(),
              }),
            ),
            decision: decisionSchema.nullable(),
          }),
        },
      },
    },
    async (request) => {
      const { actor, operation } = await operationAccess(
        db,
        request,
        request.params.operationId,
        "conversation.read",
      );
      const conversation = await requireConversation(
        db,
        operation.id,
        request.params.conversationId,
      );
      await recordEvidenceRead(db, actor, {
        action: "conversation.history.read",
        operationId: operation.id,
        targetType: "conversation",
        targetId: conversation.id,
        viewId: request.query.viewId,
      });
      const [events, operators, decisions] = await Promise.all([
        listConversationEvents(db, conversation.id),
        listConversationOperators(db, conversation),
        findDecisions(db, [conversation.id]),
      ]);
      return {
        stageHistory: events.map(presentConversationEvent),
        flags: conversation.flags.map((flag) => ({ flag, ...explainFlag(flag) })),
        operators,
        decision: decisions.get(conversation.id) ?? null,
      };
    },
  );

  app.post(
    "/api/operations/:operationId/conversations/:conversationId/read",
    {
      schema: {
        summary: "Mark a conversation read",
        tags: ["console"],
        params: conversationParams,
        response: { 200: z.object({ conversation: conversationSchema }) },
      },
    },
    async (request) => {
      const { actor, operation } = await operationAccess(
        db,
        request,
        request.params.operationId,
        "conversation.operate",
      );
      const conversation = await requireConversation(
        db,
        operation.id,
        request.params.conversationId,
      );
      const updated = await db.transaction().execute(async (trx) => {
        const row = await markConversationRead(trx, conversation.id);
        await recordAudit(trx, actor, {
          action: "conversation.mark_read",
          operationId: operation.id,
          targetType: "conversation",
          targetId: conversation.id,
        });
        return row;
      });
      await runtime.bus.publish([
        { kind: "conversations", operationId: operation.id, conversationIds: [conversation.id] },
      ]);
      return { conversation: presentConversation(updated, clock.now()) };
    },
  );

  app.put(
    "/api/operations/:operationId/conversations/:conversationId/language",
    {
      schema: {
        summary: "Choose the language of this conversation's safe moves (English or Taglish)",
        tags: ["console"],
        params: conversationParams,
        body: languageBody,
        response: { 200: z.object({ conversation: conversationSchema }) },
      },
    },
    async (request) => {
      const { actor, operation } = await operationAccess(
        db,
        request,
        request.params.operationId,
        "conversation.operate",
      );
      const conversation = await requireConversation(
        db,
        operation.id,
        request.params.conversationId,
      );
      const updated = await db.transaction().execute(async (trx) => {
        const row = await setMoveLanguage(trx, conversation.id, request.body.language);
        await recordAudit(trx, actor, {
          action: "conversation.language_set",
          operationId: operation.id,
          targetType: "conversation",
          targetId: conversation.id,
          details: { language: request.body.language },
        });
        return row;
      });
      await runtime.bus.publish([
        { kind: "conversations", operationId: operation.id, conversationIds: [conversation.id] },
      ]);
      return { conversation: presentConversation(updated, clock.now()) };
    },
  );
};
