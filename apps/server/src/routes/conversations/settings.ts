import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { chooseMoveLanguage, markRead } from "../../commands/conversationSettings";
import type { ConversationRow } from "../../db/tables/conversations";
import { presentConversation } from "../../presenters/presentConversation";
import type { ConsoleRouteDeps } from "./index";
import { conversationAccess } from "./requireConversation";
import { conversationParams, conversationSchema, languageBody } from "./schema";

/** An operator's settings on one conversation: read up to now, the language of its moves. */
export const conversationSettingRoutes: FastifyPluginAsyncZod<ConsoleRouteDeps> = async (
  app,
  { store, clock, runtime },
) => {
  const db = store.db;
  /** Every console watching the operation redraws the conversation. */
  async function announce(updated: ConversationRow) {
    await runtime.bus.publish([
      { kind: "conversations", operationId: updated.operation_id, conversationIds: [updated.id] },
    ]);
    return { conversation: presentConversation(updated, clock.now()) };
  }

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
      const { actor, conversation } = await conversationAccess(
        db,
        request,
        request.params,
        "conversation.operate",
      );
      return announce(await markRead(db, actor, conversation));
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
      const { actor, conversation } = await conversationAccess(
        db,
        request,
        request.params,
        "conversation.operate",
      );
      return announce(await chooseMoveLanguage(db, actor, conversation, request.body.language));
    },
  );
};
