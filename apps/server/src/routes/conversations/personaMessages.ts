import { breakOffMoveFor, SAFE_MOVES, type MoveLanguage } from "@sweetie/core/moves/index";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { sendPersonaMessage, type PersonaContent } from "../../commands/sendPersonaMessage";
import { findConversation } from "../../db/repositories/conversationsRepository";
import { presentConversation } from "../../presenters/presentConversation";
import type { ConsoleRouteDeps } from "./index";
import { conversationAccess } from "./requireConversation";
import { breakOffBody, conversationParams, conversationSchema, sendBody } from "./schema";

const sentSchema = z.object({
  messageId: z.string(),
  /** The outbox's state when the answer left: `pending` means the holder is still delivering. */
  delivery: z.enum(["pending", "sent", "failed"]),
  conversation: conversationSchema,
});

/** How long a send waits for its delivery before answering `pending` (the console hears later). */
const DELIVERY_WAIT_MS = 3_000;

/** Persona words (S2): text the operator typed, a safe move from the library, or the break-off. */
export const personaMessageRoutes: FastifyPluginAsyncZod<ConsoleRouteDeps> = async (
  app,
  { store, clock, runtime },
) => {
  const db = store.db;

  /** One persona message; a move without a language goes out in the conversation's own. */
  async function send(
    request: FastifyRequest,
    params: z.infer<typeof conversationParams>,
    content:
      | { kind: "text"; text: string; confirmInconsistency?: boolean }
      | { kind: "move"; moveId?: string; language?: string },
  ) {
    const { actor, operation, conversation } = await conversationAccess(
      db,
      request,
      params,
      "conversation.operate",
    );
    const resolved: PersonaContent =
      content.kind === "text"
        ? content
        : {
            kind: "move",
            moveId: content.moveId ?? breakOffMoveFor(SAFE_MOVES, operation.mode).id,
            language: (content.language ?? conversation.move_language) as MoveLanguage,
          };
    const result = await sendPersonaMessage(
      db,
      { analyzer: runtime.analyzer, evidence: runtime.evidence },
      { actor, operation, conversationId: conversation.id, content: resolved },
    );
    await runtime.bus.publish(result.liveEvents);
    const delivery = await waitAtMost(runtime.outbox.deliver(result.messageId), DELIVERY_WAIT_MS);
    const updated = await findConversation(db, conversation.id);
    return {
      messageId: result.messageId,
      delivery,
      conversation: presentConversation(updated!, clock.now()),
    };
  }

  app.post(
    "/api/operations/:operationId/conversations/:conversationId/messages",
    {
      schema: {
        summary:
          "Send persona words: text the operator typed, or a safe move from the library (S2)",
        tags: ["console"],
        params: conversationParams,
        body: sendBody,
        response: { 201: sentSchema },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const result = await send(
        request,
        request.params,
        body.text !== undefined
          ? {
              kind: "text",
              text: body.text,
              confirmInconsistency: body.confirmInconsistency === true,
            }
          : {
              kind: "move",
              moveId: body.moveId,
              ...(body.language ? { language: body.language } : {}),
            },
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
        response: { 201: sentSchema },
      },
    },
    async (request, reply) => {
      const result = await send(request, request.params, {
        kind: "move",
        ...(request.body.language ? { language: request.body.language } : {}),
      });
      return reply.code(201).send(result);
    },
  );
};

async function waitAtMost<T>(work: Promise<T>, ms: number): Promise<T | "pending"> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<"pending">((resolve) => {
    timer = setTimeout(() => resolve("pending"), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
