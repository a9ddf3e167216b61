import { conversationEventSchema, decisionSchema } from "@sweetie/core/api/consoleSchemas";
import { explainFlag } from "@sweetie/core/protocol/flagExplanations";
import { breakOffMoveFor, SAFE_MOVES } from "@sweetie/core/moves/index";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppDeps } from "../../appDeps";
import { recordEvidenceRead } from "../../audit/evidenceReads";
import { revealedTargets } from "../../commands/exposure";
import { loadBehaviourScripts } from "../../connectors/training/behaviourScript";
import type { ConsoleRuntime } from "../../conversations/consoleRuntime";
import {
  conversationsWithDecisions,
  reviewHistoryOf,
  transcriptOf,
} from "../../conversations/conversationReads";
import { operationAccess } from "../../policies/operationAccess";
import {
  presentConversation,
  presentConversationList,
  presentMessage,
} from "../../presenters/presentConversation";
import { presentConversationEvent } from "../../presenters/presentConversationEvent";
import { presentSafeMoves } from "../../presenters/presentSafeMoves";
import { conversationAccess } from "./requireConversation";
import {
  conversationParams,
  conversationSchema,
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
      const { rows, decisions } = await conversationsWithDecisions(db, operation.id);
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
      const { rows, decisions } = await conversationsWithDecisions(db, operation.id);
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
      const { actor, operation, conversation } = await conversationAccess(
        db,
        request,
        request.params,
        "conversation.read",
      );
      const now = clock.now();
      const { messages, events, decisions } = await transcriptOf(db, conversation);
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
      const { actor, operation, conversation } = await conversationAccess(
        db,
        request,
        request.params,
        "conversation.read",
      );
      await recordEvidenceRead(db, actor, {
        action: "conversation.history.read",
        operationId: operation.id,
        targetType: "conversation",
        targetId: conversation.id,
        viewId: request.query.viewId,
      });
      const { events, operators, decision } = await reviewHistoryOf(db, conversation);
      return {
        stageHistory: events.map(presentConversationEvent),
        flags: conversation.flags.map((flag) => ({ flag, ...explainFlag(flag) })),
        operators,
        decision,
      };
    },
  );
};
