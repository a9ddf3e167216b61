import {
  comparisonSchema,
  comparisonSideSchema,
  comparisonExposureSchema,
  openComparisonBodySchema,
  recordComparisonBodySchema,
  revealComparisonSideBodySchema,
} from "@sweetie/core/api/comparisonSchemas";
import type { ExposureStatus } from "@sweetie/core/welfare/exposure";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { recordAudit } from "../../audit/recordAudit";
import {
  assertRevealed,
  loadExposure,
  revealOrRecordRefusal,
  revealedTargets,
  type RevealWindow,
} from "../../commands/exposure";
import type { DbOrTrx } from "../../db/database";
import { AppError } from "../../errors";
import { sendInertBytes } from "../inertBytes";
import {
  comparisonImage,
  findingInOperation,
  type ComparisonImage,
} from "../../identity/comparisonRepository";
import { recordImageComparison } from "../../identity/recordImageComparison";
import { requireSubject } from "../../identity/requireSubject";
import { authorize } from "../../policies/authorize";
import { operationAccess } from "../../policies/operationAccess";
import { operationParams } from "../conversations/schema";
import type { IdentityRouteDeps } from "./deps";
import { subjectParams } from "./subjects";

const withRemaining = (exposure: ExposureStatus) => ({
  ...exposure,
  remaining: exposure.allowance === null ? null : Math.max(0, exposure.allowance - exposure.used),
});

async function presentSide(db: DbOrTrx, window: RevealWindow, image: ComparisonImage) {
  const revealed = await revealedTargets(db, window, image.kind, [image.id]);
  return {
    kind: image.kind,
    id: image.id,
    sha256: image.sha256,
    mediaType: image.mediaType,
    label: image.label,
    createdAt: image.createdAt.toISOString(),
    revealed: revealed.has(image.id),
  };
}

/**
 * Side-by-side comparison of two pictures of a subject (issue 11, build 7). Both open blurred;
 * each side is revealed through the audited, budgeted reveal (S8); the analyst's opinion is a
 * ledger entry. Nothing here recognises faces (S3).
 */
export const comparisonRoutes: FastifyPluginAsyncZod<IdentityRouteDeps> = async (
  app,
  { store, identity, clock, config },
) => {
  const db = store.db;
  const windowOf = (operationId: string, userId: string): RevealWindow => ({
    operationId,
    userId,
    now: clock.now(),
    windowMinutes: config.SWEETIE_REVEAL_MINUTES,
  });

  app.post(
    "/api/operations/:operationId/subjects/:subjectId/comparison",
    {
      schema: {
        summary:
          "Open a side-by-side comparison of two pictures of the subject (webcam captures or finding images): both blurred until you reveal each (the opening is audited)",
        tags: ["identification"],
        params: subjectParams,
        body: openComparisonBodySchema,
        response: { 200: comparisonSchema },
      },
    },
    async (request) => {
      const { actor, operation } = await operationAccess(
        db,
        request,
        request.params.operationId,
        "identity.read",
      );
      const subject = await requireSubject(db, operation.id, request.params.subjectId);
      const left = await comparisonImage(db, operation.id, subject.id, request.body.left);
      const right = await comparisonImage(db, operation.id, subject.id, request.body.right);
      const window = windowOf(operation.id, actor.userId);
      await recordAudit(db, actor, {
        action: "image_comparison.opened",
        operationId: operation.id,
        targetType: "subject",
        targetId: subject.id,
        details: {
          left: { kind: left.kind, id: left.id, sha256: left.sha256 },
          right: { kind: right.kind, id: right.id, sha256: right.sha256 },
        },
      });
      return {
        left: await presentSide(db, window, left),
        right: await presentSide(db, window, right),
        exposure: withRemaining(await loadExposure(db, operation.id, actor.userId, window.now)),
      };
    },
  );

  app.post(
    "/api/operations/:operationId/subjects/:subjectId/comparison/reveals",
    {
      schema: {
        summary:
          "Reveal one side of a comparison (audited, counted against today's exposure budget; refused past it)",
        tags: ["identification"],
        params: subjectParams,
        body: revealComparisonSideBodySchema,
        response: {
          200: z.object({ side: comparisonSideSchema, exposure: comparisonExposureSchema }),
        },
      },
    },
    async (request) => {
      const { actor, operation, role } = await operationAccess(
        db,
        request,
        request.params.operationId,
        "identity.read",
      );
      authorize(actor, "evidence.reveal", role);
      const subject = await requireSubject(db, operation.id, request.params.subjectId);
      const image = await comparisonImage(db, operation.id, subject.id, request.body);
      const exposure = await revealOrRecordRefusal(db, {
        actor,
        operationId: operation.id,
        targetType: image.kind,
        targetId: image.id,
        now: clock.now(),
      });
      return {
        side: await presentSide(db, windowOf(operation.id, actor.userId), image),
        exposure: withRemaining(exposure),
      };
    },
  );

  app.get(
    "/api/operations/:operationId/findings/:findingId/image",
    {
      schema: {
        summary:
          "A finding's picture, once you revealed it within the reveal window and while today's exposure budget allows (every read is audited)",
        tags: ["identification"],
        params: operationParams.extend({ findingId: z.uuid() }),
      },
    },
    async (request, reply) => {
      const { actor, operation } = await operationAccess(
        db,
        request,
        request.params.operationId,
        "identity.read",
      );
      const finding = await findingInOperation(db, operation.id, request.params.findingId);
      if (!finding)
        throw new AppError("not_found", { detail: "No finding with a picture under this id." });
      const image = await comparisonImage(db, operation.id, finding.subject_id, {
        kind: "finding",
        id: finding.id,
      });
      // S8 on the server: the bytes leave only after a reveal, and not past the budget.
      await assertRevealed(db, windowOf(operation.id, actor.userId), "finding", image.id);
      const stream = await identity.blobs.open(image.sha256);
      if (!stream) throw new AppError("not_found", { detail: "This picture is no longer stored." });
      await recordAudit(db, actor, {
        action: "finding.file.read",
        operationId: operation.id,
        targetType: "finding",
        targetId: image.id,
      });
      return sendInertBytes(reply, stream, { mediaType: image.mediaType, disposition: "inline" });
    },
  );

  app.post(
    "/api/operations/:operationId/subjects/:subjectId/image-comparisons",
    {
      schema: {
        summary:
          "Record your opinion whether two pictures of the subject show the same person, with a short reason (a ledger entry citing both pictures by SHA-256)",
        tags: ["identification"],
        params: subjectParams,
        body: recordComparisonBodySchema,
        response: { 201: z.object({ id: z.string() }) },
      },
    },
    async (request, reply) => {
      const { actor, operation } = await operationAccess(
        db,
        request,
        request.params.operationId,
        "identity.record",
      );
      // An opinion on two pictures needs both seen: each revealed by this person within the
      // reveal window (SWEETIE_REVEAL_MINUTES), through the audited, budgeted reveal.
      const window = windowOf(operation.id, actor.userId);
      const { left, right } = request.body;
      const seen = await Promise.all(
        [left, right].map(async (side) =>
          (await revealedTargets(db, window, side.kind, [side.id])).has(side.id),
        ),
      );
      if (!seen.every(Boolean)) {
        throw new AppError("reveal_required", {
          detail: `Reveal both pictures before you record an opinion on them. A reveal lasts ${config.SWEETIE_REVEAL_MINUTES} minutes; reveal again if it has run out.`,
        });
      }
      const recorded = await recordImageComparison(db, identity, {
        actor,
        operationId: operation.id,
        subjectId: request.params.subjectId,
        ...request.body,
      });
      return reply.code(201).send(recorded);
    },
  );
};
