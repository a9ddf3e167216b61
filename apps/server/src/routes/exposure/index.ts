import { appendEvidence } from "../../ledger/evidenceAppender";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { recordAudit } from "../../audit/recordAudit";
import { loadExposure, revealOrRecordRefusal } from "../../commands/exposure";
import { findMembership } from "../../db/repositories/operationsRepository";
import { AppError } from "../../errors";
import { operationAccess } from "../../policies/operationAccess";
import type { ConsoleRouteDeps } from "../conversations/index";
import { operationParams } from "../conversations/schema";

const exposureSchema = z.object({
  used: z.number(),
  budget: z.number().nullable(),
  allowance: z.number().nullable(),
  level: z.enum(["unbudgeted", "ok", "warning", "exceeded"]),
  mayReveal: z.boolean(),
});
const memberParams = operationParams.extend({ userId: z.uuid() });

/** Operator welfare (S8): reveals are logged choices counted against a daily budget. */
export const exposureRoutes: FastifyPluginAsyncZod<ConsoleRouteDeps> = async (
  app,
  { store, clock },
) => {
  const db = store.db;

  app.get(
    "/api/operations/:operationId/exposure",
    {
      schema: {
        summary: "Your exposure today: reveals made, budget and what is left",
        tags: ["welfare"],
        params: operationParams,
        response: { 200: z.object({ exposure: exposureSchema }) },
      },
    },
    async (request) => {
      const { actor, operation } = await operationAccess(
        db,
        request,
        request.params.operationId,
        "conversation.read",
      );
      return { exposure: await loadExposure(db, operation.id, actor.userId, clock.now()) };
    },
  );

  app.post(
    "/api/operations/:operationId/reveals",
    {
      schema: {
        summary:
          "Reveal a masked message or a blurred capture (audited, counted against today's budget)",
        tags: ["welfare"],
        params: operationParams,
        body: z.object({ targetType: z.enum(["message", "capture"]), targetId: z.uuid() }),
        response: { 200: z.object({ exposure: exposureSchema }) },
      },
    },
    async (request) => {
      const { actor, operation } = await operationAccess(
        db,
        request,
        request.params.operationId,
        "evidence.reveal",
      );
      const table = request.body.targetType === "message" ? "messages" : "captures";
      const target = await db
        .selectFrom(table)
        .select("id")
        .where("id", "=", request.body.targetId)
        .where("operation_id", "=", operation.id)
        .executeTakeFirst();
      if (!target)
        throw new AppError("not_found", {
          detail: "Nothing to reveal with this id in this operation.",
        });
      return {
        exposure: await revealOrRecordRefusal(db, {
          actor,
          operationId: operation.id,
          ...request.body,
          now: clock.now(),
        }),
      };
    },
  );

  app.put(
    "/api/operations/:operationId/exposure-budgets/:userId",
    {
      schema: {
        summary: "Set a team member's daily exposure budget (supervisors)",
        tags: ["welfare"],
        params: memberParams,
        body: z.object({ dailyReveals: z.number().int().min(1).max(10_000) }),
        response: { 200: z.object({ userId: z.string(), dailyReveals: z.number() }) },
      },
    },
    async (request) => {
      const { actor, operation } = await operationAccess(
        db,
        request,
        request.params.operationId,
        "exposure.manage",
      );
      if (!(await findMembership(db, operation.id, request.params.userId))) {
        throw new AppError("not_found", { detail: "That person is not on this operation's team." });
      }
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto("exposure_budgets")
          .values({
            operation_id: operation.id,
            user_id: request.params.userId,
            daily_reveals: request.body.dailyReveals,
            set_by: actor.userId,
          })
          .onConflict((oc) =>
            oc.columns(["operation_id", "user_id"]).doUpdateSet({
              daily_reveals: request.body.dailyReveals,
              set_by: actor.userId,
              updated_at: clock.now(),
            }),
          )
          .execute();
        await recordAudit(trx, actor, {
          action: "exposure.budget_set",
          operationId: operation.id,
          targetType: "user",
          targetId: request.params.userId,
          details: { dailyReveals: request.body.dailyReveals },
        });
      });
      return { userId: request.params.userId, dailyReveals: request.body.dailyReveals };
    },
  );

  app.post(
    "/api/operations/:operationId/exposure-overrides",
    {
      schema: {
        summary:
          "Grant extra reveals for today past a person's budget (supervisors, with a reason)",
        tags: ["welfare"],
        params: operationParams,
        body: z.object({
          userId: z.uuid(),
          extraReveals: z.number().int().min(1).max(1_000),
          reason: z.string().trim().min(3, "Give the reason for the override.").max(1000),
        }),
        response: { 201: z.object({ exposure: exposureSchema }) },
      },
    },
    async (request, reply) => {
      const { actor, operation } = await operationAccess(
        db,
        request,
        request.params.operationId,
        "exposure.manage",
      );
      if (request.body.userId === actor.userId) {
        throw new AppError("forbidden", {
          detail: "Another supervisor must grant you an override.",
        });
      }
      if (!(await findMembership(db, operation.id, request.body.userId))) {
        throw new AppError("not_found", {
          detail: "That person is not on this operation's team; overrides are for team members.",
          errors: [{ field: "userId", message: "Not a member of this operation." }],
        });
      }
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        const override = await trx
          .insertInto("exposure_overrides")
          .values({
            operation_id: operation.id,
            user_id: request.body.userId,
            day: now.toISOString().slice(0, 10),
            extra_reveals: request.body.extraReveals,
            granted_by: actor.userId,
            reason: request.body.reason,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        await appendEvidence(trx, {
          kind: "exposure_override",
          operationId: operation.id,
          source: { table: "exposure_overrides", id: override.id },
        });
        await recordAudit(trx, actor, {
          action: "exposure.override_granted",
          operationId: operation.id,
          targetType: "user",
          targetId: request.body.userId,
          details: { extraReveals: request.body.extraReveals, reason: request.body.reason },
        });
      });
      return reply
        .code(201)
        .send({ exposure: await loadExposure(db, operation.id, request.body.userId, now) });
    },
  );
};
