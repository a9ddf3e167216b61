import { referralDetailSchema } from "@sweetie/core/api/referralSchemas";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { recordAudit } from "../../audit/recordAudit";
import { AppError } from "../../errors";
import { can } from "../../policies/authorize";
import { operationAccess } from "../../policies/operationAccess";
import { trackReferral, type TrackedStep } from "../../referrals/referralLifecycle";
import { releaseWithPackage } from "../../referrals/releaseWithPackage";
import {
  packageFileName,
  referralDetail,
  requireReferral,
} from "../../referrals/referralRepository";
import {
  acknowledgedBody,
  outcomeBody,
  referralParams,
  sentBody,
  type ReferralRouteDeps,
} from "./schema";

const answer = { 200: z.object({ referral: referralDetailSchema }) };

/** Release (four-eyes), download, and what happened after: sent, acknowledged, outcome. */
export const lifecycleRoutes: FastifyPluginAsyncZod<ReferralRouteDeps> = async (
  app,
  { store, clock, referrals },
) => {
  const db = store.db;

  app.post(
    "/api/operations/:operationId/referrals/:referralId/release",
    {
      schema: {
        summary:
          "Release a draft: builds its package once, kept by its SHA-256 (a supervisor who did not build it)",
        tags: ["referrals"],
        params: referralParams,
        response: answer,
      },
    },
    async (request) => {
      const { actor, operation, role } = await operationAccess(
        db,
        request,
        request.params.operationId,
        "referral.release",
      );
      await releaseWithPackage(
        db,
        { ...referrals, signer: await referrals.signer() },
        {
          actor,
          operationId: operation.id,
          referralId: request.params.referralId,
          now: clock.now(),
        },
      );
      const released = await requireReferral(db, operation.id, request.params.referralId);
      return {
        referral: await referralDetail(db, released, actor, can(actor, "referral.release", role)),
      };
    },
  );

  app.get(
    "/api/operations/:operationId/referrals/:referralId/package",
    {
      schema: {
        summary:
          "Download the released package (ZIP) to hand to the registered agency (the download is audited)",
        tags: ["referrals"],
        params: referralParams,
      },
    },
    async (request, reply) => {
      const { actor, operation } = await operationAccess(
        db,
        request,
        request.params.operationId,
        "referral.track",
      );
      const row = await requireReferral(db, operation.id, request.params.referralId);
      if (!row.package_sha256) {
        throw new AppError("referral_step_not_allowed", {
          detail:
            "This referral has not been released, so it has no package yet. A supervisor who did not build it releases it first.",
        });
      }
      const stream = await referrals.blobs.open(row.package_sha256);
      if (!stream) {
        throw new AppError("internal", {
          detail:
            "The released package is missing from the evidence store. Tell your administrator: the store may need restoring from a backup.",
        });
      }
      await recordAudit(db, actor, {
        action: "referral.download",
        operationId: operation.id,
        targetType: "referral",
        targetId: row.id,
        details: { packageSha256: row.package_sha256 },
      });
      const { Readable } = await import("node:stream");
      return reply
        .type("application/zip")
        .header("content-disposition", `attachment; filename="${packageFileName(row)}"`)
        .header("cache-control", "no-store")
        .send(Readable.from(stream));
    },
  );

  /** Records one tracked step as the caller, then answers the referral as it now stands. */
  const track = async (
    request: FastifyRequest,
    params: z.infer<typeof referralParams>,
    step: TrackedStep,
  ) => {
    const { actor, operation, role } = await operationAccess(
      db,
      request,
      params.operationId,
      "referral.track",
    );
    await db.transaction().execute((trx) =>
      trackReferral(trx, referrals, {
        actor,
        operationId: operation.id,
        referralId: params.referralId,
        ...step,
      }),
    );
    const row = await requireReferral(db, operation.id, params.referralId);
    return {
      referral: await referralDetail(db, row, actor, can(actor, "referral.release", role)),
    };
  };
  const schema = <B extends z.ZodType>(summary: string, body: B) => ({
    schema: { summary, tags: ["referrals"], params: referralParams, body, response: answer },
  });

  app.post(
    "/api/operations/:operationId/referrals/:referralId/sent",
    schema("Record that the released package was sent to the registered agency", sentBody),
    (request) => track(request, request.params, { step: "sent", ...request.body }),
  );
  app.post(
    "/api/operations/:operationId/referrals/:referralId/acknowledged",
    schema("Record the agency's acknowledgement with its reference", acknowledgedBody),
    (request) => track(request, request.params, { step: "acknowledged", ...request.body }),
  );
  app.post(
    "/api/operations/:operationId/referrals/:referralId/outcome",
    schema("Record an outcome (arrest, charged, convicted, no action, unknown)", outcomeBody),
    (request) => track(request, request.params, { step: "outcome", ...request.body }),
  );
};
