import { auditPageSchema } from "@sweetie/core/api/supervisionSchemas";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppDeps } from "../../appDeps";
import { recordAudit } from "../../audit/recordAudit";
import { exportAudit, listAudit, type AuditFilter } from "../../db/repositories/auditRepository";
import { operationAccess } from "../../policies/operationAccess";
import { auditCsv } from "../../reports/auditCsv";

const EXPORT_LIMIT = 50_000;

const params = z.object({ operationId: z.uuid() });

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((value) => (value ? value : undefined));
const optionalTime = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined))
  .pipe(z.iso.datetime({ offset: true, message: "Enter a date and time." }).optional());

const filterQuery = z.strictObject({
  actor: optionalText(100),
  action: optionalText(100),
  targetType: optionalText(50),
  targetId: optionalText(200),
  from: optionalTime,
  to: optionalTime,
});

const pageQuery = filterQuery.extend({
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

function toFilter(query: z.infer<typeof filterQuery>): AuditFilter {
  return {
    actor: query.actor,
    action: query.action,
    targetType: query.targetType,
    targetId: query.targetId,
    from: query.from ? new Date(query.from) : undefined,
    to: query.to ? new Date(query.to) : undefined,
  };
}

/** What was asked for, as the audit record of the read keeps it. */
const askedFor = (query: z.infer<typeof filterQuery>) =>
  Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined));

/** The audit viewer: who did what, when, filtered and paged; every read is audited in turn (S4). */
export const auditRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, { store }) => {
  const db = store.db;

  app.get(
    "/api/operations/:operationId/audit",
    {
      schema: {
        summary:
          "The operation's audit log, newest first, filtered and paged (the read is audited)",
        tags: ["audit"],
        params,
        querystring: pageQuery,
        response: { 200: auditPageSchema },
      },
    },
    async (request) => {
      const { actor, operation } = await operationAccess(
        db,
        request,
        request.params.operationId,
        "audit.read",
      );
      const { before, limit, ...filter } = request.query;
      const page = await listAudit(db, operation.id, toFilter(filter), { before, limit });
      await recordAudit(db, actor, {
        action: "audit.read",
        operationId: operation.id,
        details: { filter: askedFor(filter), before: before ?? null, shown: page.entries.length },
      });
      return page;
    },
  );

  app.get(
    "/api/operations/:operationId/audit/export",
    {
      schema: {
        summary: `The filtered audit log as CSV, newest first, at most ${EXPORT_LIMIT} rows (the export is audited)`,
        tags: ["audit"],
        params,
        querystring: filterQuery,
        response: { 200: z.string().describe("text/csv") },
      },
    },
    async (request, reply) => {
      const { actor, operation } = await operationAccess(
        db,
        request,
        request.params.operationId,
        "audit.read",
      );
      const entries = await exportAudit(db, operation.id, toFilter(request.query), EXPORT_LIMIT);
      await recordAudit(db, actor, {
        action: "audit.export",
        operationId: operation.id,
        details: { filter: askedFor(request.query), rows: entries.length },
      });
      const day = new Date().toISOString().slice(0, 10);
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="audit-${day}.csv"`)
        .header("cache-control", "no-store")
        .send(auditCsv(entries));
    },
  );
};
