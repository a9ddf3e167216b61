import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { WebSocket } from "ws";
import {
  findConversationsByIds,
  findConversationsOfMessages,
  findMessagesByIds,
} from "../../db/repositories/conversationsRepository";
import { findMembership } from "../../db/repositories/operationsRepository";
import { findSession } from "../../db/repositories/sessionsRepository";
import { recordEvidenceRead } from "../../audit/evidenceReads";
import { AppError } from "../../errors";
import { mergeLiveEvents, type LiveEvent } from "../../events/liveEvents";
import { can } from "../../policies/authorize";
import { operationAccess } from "../../policies/operationAccess";
import { presentConversation, presentMessage } from "../../presenters/presentConversation";
import type { ConsoleRouteDeps } from "../conversations/index";
import { operationParams } from "../conversations/schema";

/**
 * The live stream of one operation over a WebSocket. Frames carry the same JSON as REST (same
 * presenters). Before every frame the socket's session and role are checked again, so a person
 * removed from the team, or signed out, stops receiving at once.
 */
export const liveRoutes: FastifyPluginAsyncZod<ConsoleRouteDeps> = async (
  app,
  { store, clock, runtime },
) => {
  const db = store.db;
  app.get(
    "/api/operations/:operationId/live",
    { websocket: true, schema: { params: operationParams, hide: true } },
    async (socket: WebSocket, request) => {
      let operationId: string;
      try {
        operationId = (
          await operationAccess(db, request, request.params.operationId, "conversation.read")
        ).operation.id;
      } catch (error) {
        socket.close(4403, error instanceof AppError ? error.code : "forbidden");
        return;
      }
      const { actor, session } = request.auth!;
      // Events wait here while a frame is being built; the next frame takes all of them at once
      // (mergeLiveEvents), so a busy operation costs one load per frame, not one per batch.
      const waiting: LiveEvent[] = [];
      let sending: Promise<void> | undefined;
      const sendWaiting = async () => {
        while (waiting.length > 0) {
          for (const event of mergeLiveEvents(waiting.splice(0))) {
            try {
              await forward(event);
            } catch (error: unknown) {
              request.log.error({ err: error }, "live frame failed");
            }
          }
        }
      };
      const unsubscribe = runtime.bus.subscribe((event) => {
        if (event.operationId !== operationId) return;
        waiting.push(event);
        sending ??= sendWaiting().finally(() => (sending = undefined));
      });
      socket.on("close", unsubscribe);

      async function stillAllowed(): Promise<boolean> {
        const [membership, current] = await Promise.all([
          findMembership(db, operationId, actor.userId),
          findSession(db, session.id),
        ]);
        if (!current || current.expires_at <= clock.now()) return false;
        return can(actor, "conversation.read", membership?.role ?? null);
      }

      async function forward(event: LiveEvent): Promise<void> {
        if (socket.readyState !== socket.OPEN) return;
        // The policy check and the loads run together; nothing is sent unless the check passed.
        const [allowed, frame] = await Promise.all([stillAllowed(), buildFrame(event)]);
        if (!allowed) {
          socket.send(JSON.stringify({ type: "revoked" }));
          socket.close(4403, "forbidden");
          unsubscribe();
          return;
        }
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
      }

      async function buildFrame(event: LiveEvent): Promise<Record<string, unknown>> {
        const now = clock.now();
        if (event.kind === "messages") {
          const [messages, conversations] = await Promise.all([
            findMessagesByIds(db, event.messageIds),
            findConversationsOfMessages(db, event.messageIds),
          ]);
          return {
            type: "messages",
            messages: messages.map((message) => presentMessage(message)),
            conversations: conversations.map((row) => presentConversation(row, now)),
          };
        }
        const conversations = await findConversationsByIds(db, event.conversationIds);
        return {
          type: event.kind,
          conversations: conversations
            .filter((row) => !row.purged_at)
            .map((row) => presentConversation(row, now)),
        };
      }

      // A live subscription is a view of every transcript of the operation: audited when opened
      // (after subscribing, so nothing published meanwhile is missed; before the first frame).
      await recordEvidenceRead(db, actor, {
        action: "conversation.live.subscribe",
        operationId,
        targetType: "operation",
        targetId: operationId,
      });
      socket.send(JSON.stringify({ type: "hello", serverTime: clock.now().toISOString() }));
    },
  );
};
