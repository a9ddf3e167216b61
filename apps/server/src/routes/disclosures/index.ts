import { Readable } from "node:stream";
import {
  disclosureAnswerSchema,
  disclosureListQuerySchema,
  disclosureListSchema,
  disclosureRequestSchema,
} from "@sweetie/core/api/disclosureSchemas";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { recordAudit } from "../../audit/recordAudit";
import type { DisclosureBuilds } from "../../disclosures/disclosureJobs";
import {
  disclosureFileName,
  disclosuresOf,
  requireDisclosure,
} from "../../disclosures/disclosureRepository";
import { presentDisclosures } from "../../disclosures/presentDisclosure";
import { AppError } from "../../errors";
import { operationAccess } from "../../policies/operationAccess";
import type { ReferralRouteDeps } from "../referrals/schema";
import { operationParams } from "../conversations/schema";

const disclosureParams = operationParams.extend({ disclosureId: z.uuid() });

/**
 * Disclosure exports for the defence (legal reviewers and supervisors): POST starts a build,
 * GETs read its progress and download the package. GETs never build or sign anything.
 */
export const disclosureRoutes: FastifyPluginAsyncZod<
  ReferralRouteDeps & { builds: DisclosureBuilds }
> = async (app, { store, clock, referrals, builds }) => {
  const db = store.db;
  // Every disclosure route is for those who may export (legal reviewers and supervisors).
  const exportAccess = (request: FastifyRequest, operationId: string) =>
    operationAccess(db, request, operationId, "disclosure.export");
  const present = (rows: Parameters<typeof presentDisclosures>[1]) =>
    presentDisclosures(db, rows, clock.now());

  app.post(
    "/api/operations/:operationId/disclosures",
    {
      schema: {
        summary:
          "Export a conversation or a subject for disclosure: starts building the package (full, unredacted record, with proofs) and answers at once",
        tags: ["disclosures"],
        params: operationParams,
        body: disclosureRequestSchema,
        response: { 202: disclosureAnswerSchema },
      },
    },
    async (request, reply) => {
      const { actor, operation } = await exportAccess(request, request.params.operationId);
      const row = await builds.start({
        actor,
        operationId: operation.id,
        scope: request.body.scope,
        targetId: request.body.targetId,
      });
      const [disclosure] = await present([row]);
      return reply.code(202).send({ disclosure: disclosure! });
    },
  );

  app.get(
    "/api/operations/:operationId/disclosures",
    {
      schema: {
        summary: "The disclosure exports of a conversation or a subject, newest first",
        tags: ["disclosures"],
        params: operationParams,
        querystring: disclosureListQuerySchema,
        response: { 200: disclosureListSchema },
      },
    },
    async (request) => {
      const { operation } = await exportAccess(request, request.params.operationId);
      const rows = await disclosuresOf(db, operation.id, request.query.targetId);
      return { disclosures: await present(rows) };
    },
  );

  app.get(
    "/api/operations/:operationId/disclosures/:disclosureId",
    {
      schema: {
        summary: "One disclosure export: how far its build got, or its package once ready",
        tags: ["disclosures"],
        params: disclosureParams,
        response: { 200: disclosureAnswerSchema },
      },
    },
    async (request) => {
      const { operation } = await exportAccess(request, request.params.operationId);
      const row = await requireDisclosure(db, operation.id, request.params.disclosureId);
      const [disclosure] = await present([row]);
      return { disclosure: disclosure! };
    },
  );

  app.get(
    "/api/operations/:operationId/disclosures/:disclosureId/package",
    {
      schema: {
        summary: "Download a built disclosure package (ZIP; every download is audited)",
        tags: ["disclosures"],
        params: disclosureParams,
      },
    },
    async (request, reply) => {
      const { actor, operation } = await exportAccess(request, request.params.operationId);
      const row = await requireDisclosure(db, operation.id, request.params.disclosureId);
      if (row.status !== "ready" || !row.package_sha256) throw new AppError("disclosure_not_ready");
      const stream = await referrals.blobs.open(row.package_sha256);
      if (!stream) {
        throw new AppError("internal", {
          detail:
            "The disclosure package is missing from the evidence store. Start the export again; if it happens again, tell your administrator.",
        });
      }
      await recordAudit(db, actor, {
        action: "disclosure.download",
        operationId: operation.id,
        targetType: row.scope,
        targetId: row.target_id,
        details: { disclosureId: row.id, packageSha256: row.package_sha256 },
      });
      return reply
        .type("application/zip")
        .header("content-disposition", `attachment; filename="${disclosureFileName(row)}"`)
        .header("cache-control", "no-store")
        .send(Readable.from(stream));
    },
  );
};
