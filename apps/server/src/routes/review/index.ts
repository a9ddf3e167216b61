import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { reviewConversation } from "../../commands/reviewConversation";
import { listReviewQueue } from "../../db/repositories/reviewsRepository";
import { presentConversation } from "../../presenters/presentConversation";
import { operationAccess } from "../../policies/operationAccess";
import type { ConsoleRouteDeps } from "../conversations/index";
import { conversationParams, conversationSchema, operationParams } from "../conversations/schema";

const reviewBody = z.object({
  decision: z.enum(["confirm", "reject"]),
  reason: z
    .string()
    .trim()
    .min(3, "Give the reason for the decision: what in the transcript supports it.")
    .max(2000),
  subjectId: z.uuid().optional(),
});

/** The review queue: proposed conversations wait for a supervisor who did not run them. */
export const reviewRoutes: FastifyPluginAsyncZod<ConsoleRouteDeps> = async (
  app,
  { store, clock, runtime },
) => {
  const db = store.db;

  app.get(
    "/api/operations/:operationId/review-queue",
    {
      schema: {
        summary: "Proposed conversations awaiting a second person's decision",
        tags: ["review"],
        params: operationParams,
        response: {
          200: z.object({
            conversations: z.array(conversationSchema.extend({ youHandled: z.boolean() })),
          }),
        },
      },
    },
    async (request) => {
      const { actor, operation } = await operationAccess(
        db,
        request,
        request.params.operationId,
        "conversation.review",
      );
      const rows = await listReviewQueue(db, operation.id, actor.userId);
      const now = clock.now();
      return {
        conversations: rows.map((row) => ({
          ...presentConversation(row, now),
          youHandled: row.operator_id === actor.userId || row.sent_by_me,
        })),
      };
    },
  );

  app.post(
    "/api/operations/:operationId/conversations/:conversationId/review",
    {
      schema: {
        summary: "Confirm or reject a proposed conversation, with a reason",
        tags: ["review"],
        params: conversationParams,
        body: reviewBody,
        response: {
          200: z.object({
            status: z.enum(["confirmed", "rejected"]),
            subjectId: z.string().nullable(),
          }),
        },
      },
    },
    async (request) => {
      const { actor, operation } = await operationAccess(
        db,
        request,
        request.params.operationId,
        "conversation.review",
      );
      const result = await db.transaction().execute((trx) =>
        reviewConversation(
          trx,
          {
            evidence: runtime.evidence,
            ...(runtime.deconflictionSecret
              ? { deconflictionSecret: runtime.deconflictionSecret }
              : {}),
          },
          {
            actor,
            operationId: operation.id,
            conversationId: request.params.conversationId,
            ...request.body,
          },
        ),
      );
      await runtime.bus.publish([
        {
          kind: "review",
          operationId: operation.id,
          conversationIds: [request.params.conversationId],
        },
      ]);
      return result;
    },
  );
};
