import { dashboardSchema } from "@sweetie/core/api/supervisionSchemas";
import { explainFlag } from "@sweetie/core/protocol/flagExplanations";
import { S6_FLAGS, STAGES } from "@sweetie/core/protocol/index";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppDeps } from "../../appDeps";
import { loadExposure } from "../../commands/exposure";
import {
  approachesPerDay,
  conversationCounts,
  operatorWorkload,
  subjectsByCountry,
} from "../../db/repositories/dashboardRepository";
import { operationAccess } from "../../policies/operationAccess";

const DAYS = 30;
const DAY_MS = 86_400_000;

const STAGE_LABELS: Record<string, string> = {
  approached: "Approached",
  age_stated: "Age stated",
  solicited: "Solicited",
  payment: "Payment discussed",
};

/** Every UTC day from `first` to `last`, so the chart shows quiet days as zero, not as gaps. */
function everyDay(first: Date, last: Date, counts: Map<string, number>) {
  const days: { day: string; count: number }[] = [];
  for (let at = first.getTime(); at <= last.getTime(); at += DAY_MS) {
    const day = new Date(at).toISOString().slice(0, 10);
    days.push({ day, count: counts.get(day) ?? 0 });
  }
  return days;
}

/** The supervision dashboard: how the operation is going, and how the team is holding up. */
export const dashboardRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, { store, clock }) => {
  const db = store.db;

  app.get(
    "/api/operations/:operationId/dashboard",
    {
      schema: {
        summary:
          "Approaches per day, the stage funnel, review and safeguard counts, subjects by country, and each operator's workload and exposure",
        tags: ["supervision"],
        params: z.object({ operationId: z.uuid() }),
        response: { 200: dashboardSchema },
      },
    },
    async (request) => {
      const { operation } = await operationAccess(
        db,
        request,
        request.params.operationId,
        "dashboard.read",
      );
      const now = clock.now();
      const today = new Date(now.toISOString().slice(0, 10));
      const first = new Date(today.getTime() - (DAYS - 1) * DAY_MS);
      const [perDay, counts, subjects, workload] = await Promise.all([
        approachesPerDay(db, operation.id, first),
        conversationCounts(db, operation.id),
        subjectsByCountry(db, operation.id),
        operatorWorkload(db, operation.id, today),
      ]);
      // Reached a stage = sits at it or at a later one.
      const funnel = STAGES.map((stage, index) => ({
        stage,
        label: STAGE_LABELS[stage] ?? stage,
        count: STAGES.slice(index).reduce(
          (sum, later) => sum + (counts.byStage.get(later) ?? 0),
          0,
        ),
      }));
      const operators = await Promise.all(
        workload.map(async (person) => ({
          ...person,
          exposure: await loadExposure(db, operation.id, person.userId, now),
        })),
      );
      return {
        generatedAt: now.toISOString(),
        approachesPerDay: everyDay(first, today, new Map(perDay.map((d) => [d.day, d.count]))),
        funnel,
        proposed: counts.proposed,
        awaitingReview: counts.awaitingReview,
        confirmed: counts.confirmed,
        rejected: counts.rejected,
        flags: S6_FLAGS.map((flag) => ({
          flag,
          ...explainFlag(flag),
          count: counts.byFlag.get(flag) ?? 0,
        })),
        subjectsByCountry: subjects.byCountry,
        subjectsWithoutCountry: subjects.withoutCountry,
        operators,
      };
    },
  );
};
