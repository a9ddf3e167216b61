import {
  breakOffMoveFor,
  movesForMode,
  renderMove,
  SAFE_MOVES,
  type MoveLanguage,
} from "@sweetie/core/moves/index";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppDeps } from "../../appDeps";
import { recordAudit } from "../../audit/recordAudit";
import { goPresent } from "../../commands/goPresent";
import {
  sendPersonaMessage,
  type Outbound,
  type PersonaContent,
} from "../../commands/sendPersonaMessage";
import type { ConsoleRuntime } from "../../conversations/consoleRuntime";
import {
  findConversation,
  listConversations,
  listMessages,
} from "../../db/repositories/conversationsRepository";
import type { ConversationRow } from "../../db/tables/conversations";
import { AppError } from "../../errors";
import { operationAccess } from "../../policies/operationAccess";
import {
  presentConversation,
  presentConversationList,
  presentMessage,
} from "../../presenters/presentConversation";
import {
  breakOffBody,
  conversationParams,
  conversationSchema,
  messageSchema,
  operationParams,
  presenceBody,
  safeMoveSchema,
  sendBody,
  spawnBody,
} from "./schema";

export type ConsoleRouteDeps = AppDeps & { runtime: ConsoleRuntime };

/** The live console over REST: presence, conversations, persona messages, safe moves, break-off. */
export const conversationRoutes: FastifyPluginAsyncZod<ConsoleRouteDeps> = async (app, deps) => {
  const { store, clock, runtime } = deps;
  const db = store.db;

  const outbound: Outbound = {
    async send(conversation, text) {
      const presence = runtime.hub.presenceFor(conversation.operation_id, conversation.venue_id);
      if (!presence || !conversation.counterpart_ref) throw new AppError("venue_not_connected");
      await presence.connector.send(
        { venueAddress: presence.venueAddress, counterpartId: conversation.counterpart_ref },
        text,
      );
    },
    async fault(conversation, seconds) {
      const presence = runtime.hub.presenceFor(conversation.operation_id, conversation.venue_id);
      if (!presence || !conversation.counterpart_ref) return;
      await presence.connector.fault(seconds, {
        venueAddress: presence.venueAddress,
        counterpartId: conversation.counterpart_ref,
      });
    },
  };

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
      return {
        libraryVersion: SAFE_MOVES.version,
        moves: movesForMode(SAFE_MOVES, operation.mode).map((move) => ({
          id: move.id,
          kind: move.kind,
          hotkey: move.hotkey,
          label: move.label,
          breaksOff: move.breaksOff,
          triggersFault: move.triggersFault,
          deterOnly: move.deterOnly,
          variants: Object.fromEntries(
            (Object.keys(move.variants) as MoveLanguage[]).map((language) => [
              language,
              renderMove(move, { language, personaAge: operation.persona_age }),
            ]),
          ),
        })),
        breakOffMoveId: breakOffMoveFor(SAFE_MOVES, operation.mode).id,
        presences: runtime.hub.listPresences(operation.id),
        conversations: presentConversationList(rows, now),
        serverTime: now.toISOString(),
      };
    },
  );

  app.post(
    "/api/operations/:operationId/presence",
    {
      schema: {
        summary: "Go present in a venue (refused outside the operation's authorization)",
        tags: ["console"],
        params: operationParams,
        body: presenceBody,
        response: {
          201: z.object({ venueId: z.string(), venueAddress: z.string(), personaId: z.string() }),
        },
      },
    },
    async (request, reply) => {
      const { actor, operation } = await operationAccess(
        db,
        request,
        request.params.operationId,
        "conversation.operate",
      );
      const presence = await goPresent(
        db,
        { hub: runtime.hub, clock, evidence: runtime.evidence },
        { actor, operation, ...request.body },
      );
      return reply.code(201).send(presence);
    },
  );

  app.post(
    "/api/operations/:operationId/training/counterparts",
    {
      schema: {
        summary: "Send a synthetic counterpart to the persona in a training-range room",
        tags: ["console"],
        params: operationParams,
        body: spawnBody,
        response: {
          201: z.object({ counterpartId: z.string(), handle: z.string(), behaviourId: z.string() }),
        },
      },
    },
    async (request, reply) => {
      const { actor, operation } = await operationAccess(
        db,
        request,
        request.params.operationId,
        "conversation.operate",
      );
      const range = runtime.hub.trainingRange(operation.id);
      if (!range || !range.isPresent(request.body.venueAddress))
        throw new AppError("venue_not_connected");
      if (!range.behaviourIds().includes(request.body.behaviourId)) {
        throw new AppError("validation_failed", {
          detail: `Unknown behaviour "${request.body.behaviourId}". Known: ${range.behaviourIds().join(", ")}.`,
          errors: [{ field: "behaviourId", message: "unknown behaviour" }],
        });
      }
      const counterpart = range.spawn(request.body.behaviourId, request.body.venueAddress);
      await recordAudit(db, actor, {
        action: "training.counterpart_spawned",
        operationId: operation.id,
        targetType: "venue",
        targetId: request.body.venueAddress,
        details: { counterpartId: counterpart.id, behaviourId: counterpart.behaviourId },
      });
      return reply.code(201).send({
        counterpartId: counterpart.id,
        handle: counterpart.handle,
        behaviourId: counterpart.behaviourId,
      });
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
      const now = clock.now();
      const rows = await listConversations(db, operation.id);
      return {
        conversations: presentConversationList(rows, now),
      };
    },
  );

  app.get(
    "/api/operations/:operationId/conversations/:conversationId",
    {
      schema: {
        summary: "A conversation and its transcript",
        tags: ["console"],
        params: conversationParams,
        response: {
          200: z.object({ conversation: conversationSchema, messages: z.array(messageSchema) }),
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
      const conversation = await requireConversation(operation.id, request.params.conversationId);
      const messages = await listMessages(db, conversation.id);
      return {
        conversation: presentConversation(conversation, clock.now()),
        messages: messages.map(presentMessage),
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
      const conversation = await requireConversation(operation.id, request.params.conversationId);
      const updated = await db.transaction().execute(async (trx) => {
        const row = await trx
          .updateTable("conversations")
          .set({ unread_count: 0 })
          .where("id", "=", conversation.id)
          .returningAll()
          .executeTakeFirstOrThrow();
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

  const send = async (
    operationId: string,
    conversationId: string,
    request: Parameters<typeof operationAccess>[1],
    content: PersonaContent | "break_off",
  ) => {
    const { actor, operation } = await operationAccess(
      db,
      request,
      operationId,
      "conversation.operate",
    );
    const resolved: PersonaContent =
      content === "break_off"
        ? { kind: "move", moveId: breakOffMoveFor(SAFE_MOVES, operation.mode).id, language: "en" }
        : content;
    const result = await sendPersonaMessage(
      db,
      { analyzer: runtime.analyzer, evidence: runtime.evidence, outbound },
      { actor, operation, conversationId, content: resolved },
    );
    await runtime.bus.publish(result.liveEvents);
    const conversation = await findConversation(db, conversationId);
    return {
      messageId: result.messageId,
      conversation: presentConversation(conversation!, clock.now()),
    };
  };

  app.post(
    "/api/operations/:operationId/conversations/:conversationId/messages",
    {
      schema: {
        summary:
          "Send persona words: text the operator typed, or a safe move from the library (S2)",
        tags: ["console"],
        params: conversationParams,
        body: sendBody,
        response: { 201: z.object({ messageId: z.string(), conversation: conversationSchema }) },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const content: PersonaContent =
        "text" in body
          ? { kind: "text", text: body.text }
          : { kind: "move", moveId: body.moveId, language: body.language as MoveLanguage };
      const result = await send(
        request.params.operationId,
        request.params.conversationId,
        request,
        content,
      );
      return reply.code(201).send(result);
    },
  );

  app.post(
    "/api/operations/:operationId/conversations/:conversationId/break-off",
    {
      schema: {
        summary: "Break off: a faked technical problem, or the warning notice in deter mode",
        tags: ["console"],
        params: conversationParams,
        body: breakOffBody,
        response: { 201: z.object({ messageId: z.string(), conversation: conversationSchema }) },
      },
    },
    async (request, reply) => {
      const { operation } = await operationAccess(
        db,
        request,
        request.params.operationId,
        "conversation.operate",
      );
      const move = breakOffMoveFor(SAFE_MOVES, operation.mode);
      const result = await send(operation.id, request.params.conversationId, request, {
        kind: "move",
        moveId: move.id,
        language: request.body.language as MoveLanguage,
      });
      return reply.code(201).send(result);
    },
  );

  async function requireConversation(
    operationId: string,
    conversationId: string,
  ): Promise<ConversationRow> {
    const conversation = await findConversation(db, conversationId);
    if (!conversation || conversation.operation_id !== operationId || conversation.purged_at) {
      throw new AppError("not_found", {
        detail: "No conversation with this id in this operation.",
      });
    }
    return conversation;
  }
};
