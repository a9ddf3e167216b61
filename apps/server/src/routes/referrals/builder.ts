import {
  agencySchema,
  referralCandidateSchema,
  referralDetailSchema,
  referralPreviewSchema,
  referralSummarySchema,
} from "@sweetie/core/api/referralSchemas";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { recordAudit } from "../../audit/recordAudit";
import { can } from "../../policies/authorize";
import { operationAccess } from "../../policies/operationAccess";
import { listAgencies, presentAgency } from "../../referrals/agencyRepository";
import { changeDraft, draftReferral } from "../../referrals/referralLifecycle";
import { previewReferral, referralCandidates } from "../../referrals/referralPreview";
import { listReferrals, referralDetail, requireReferral } from "../../referrals/referralRepository";
import {
  candidatesParams,
  changeBody,
  draftBody,
  operationParams,
  referralParams,
  type ReferralRouteDeps,
} from "./schema";

/** The referral builder: candidates per country, drafts, their preview. */
export const builderRoutes: FastifyPluginAsyncZod<ReferralRouteDeps> = async (
  app,
  { store, referrals },
) => {
  const db = store.db;

  app.get(
    "/api/operations/:operationId/referrals",
    {
      schema: {
        summary: "The operation's referrals, newest first",
        tags: ["referrals"],
        params: operationParams,
        response: { 200: z.object({ referrals: z.array(referralSummarySchema) }) },
      },
    },
    async (request) => {
      const { operation } = await operationAccess(
        db,
        request,
        request.params.operationId,
        "referral.read",
      );
      return { referrals: await listReferrals(db, operation.id) };
    },
  );

  app.get(
    "/api/operations/:operationId/referrals/candidates/:country",
    {
      schema: {
        summary:
          "The subjects attributed to a country, established or not (and why not), and its registered agencies",
        tags: ["referrals"],
        params: candidatesParams,
        response: {
          200: z.object({
            country: z.string(),
            subjects: z.array(referralCandidateSchema),
            agencies: z.array(agencySchema),
          }),
        },
      },
    },
    async (request) => {
      const { operation } = await operationAccess(
        db,
        request,
        request.params.operationId,
        "referral.read",
      );
      const { country } = request.params;
      const [subjects, agencies] = await Promise.all([
        referralCandidates(db, operation.id, country),
        listAgencies(db, country),
      ]);
      return { country, subjects, agencies: agencies.map(presentAgency) };
    },
  );

  app.post(
    "/api/operations/:operationId/referrals",
    {
      schema: {
        summary: "Start a referral: a draft of the chosen subjects of one country",
        tags: ["referrals"],
        params: operationParams,
        body: draftBody,
        response: { 201: z.object({ referral: referralDetailSchema }) },
      },
    },
    async (request, reply) => {
      const { actor, operation, role } = await operationAccess(
        db,
        request,
        request.params.operationId,
        "referral.build",
      );
      const row = await db.transaction().execute((trx) =>
        draftReferral(trx, referrals, {
          actor,
          operationId: operation.id,
          country: request.body.country,
          agencyId: request.body.agencyId,
          subjectIds: request.body.subjectIds,
        }),
      );
      const referral = await referralDetail(db, row, actor, can(actor, "referral.release", role));
      return reply.code(201).send({ referral });
    },
  );

  app.get(
    "/api/operations/:operationId/referrals/:referralId",
    {
      schema: {
        summary: "A referral: its status, package, history and what you may do next",
        tags: ["referrals"],
        params: referralParams,
        response: { 200: z.object({ referral: referralDetailSchema }) },
      },
    },
    async (request) => {
      const { actor, operation, role } = await operationAccess(
        db,
        request,
        request.params.operationId,
        "referral.read",
      );
      const row = await requireReferral(db, operation.id, request.params.referralId);
      return {
        referral: await referralDetail(db, row, actor, can(actor, "referral.release", role)),
      };
    },
  );

  app.put(
    "/api/operations/:operationId/referrals/:referralId",
    {
      schema: {
        summary: "Change a draft's agency or subjects",
        tags: ["referrals"],
        params: referralParams,
        body: changeBody,
        response: { 200: z.object({ referral: referralDetailSchema }) },
      },
    },
    async (request) => {
      const { actor, operation, role } = await operationAccess(
        db,
        request,
        request.params.operationId,
        "referral.build",
      );
      await db.transaction().execute((trx) =>
        changeDraft(trx, referrals, {
          actor,
          operationId: operation.id,
          referralId: request.params.referralId,
          agencyId: request.body.agencyId,
          subjectIds: request.body.subjectIds,
        }),
      );
      const row = await requireReferral(db, operation.id, request.params.referralId);
      return {
        referral: await referralDetail(db, row, actor, can(actor, "referral.release", role)),
      };
    },
  );

  app.get(
    "/api/operations/:operationId/referrals/:referralId/preview",
    {
      schema: {
        summary:
          "What the package will contain: subjects with their established claims and sources, conversations, files; what to fix first (the read is audited)",
        tags: ["referrals"],
        params: referralParams,
        response: { 200: z.object({ preview: referralPreviewSchema, ready: z.boolean() }) },
      },
    },
    async (request) => {
      const { actor, operation } = await operationAccess(
        db,
        request,
        request.params.operationId,
        "referral.read",
      );
      const row = await requireReferral(db, operation.id, request.params.referralId);
      const { blocking, ...preview } = await previewReferral(db, operation.id, {
        country: row.country,
        agencyId: row.agency_id,
        subjectIds: row.subject_ids,
      });
      await recordAudit(db, actor, {
        action: "referral.preview",
        operationId: operation.id,
        targetType: "referral",
        targetId: row.id,
      });
      return { preview, ready: blocking.length === 0 };
    },
  );
};
