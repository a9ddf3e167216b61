import {
  claimCitationInputSchema,
  claimSchema,
  createClaimBodySchema,
  credibilitySchema,
  reliabilitySchema,
} from "@sweetie/core/api/identitySchemas";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { citeSources, createClaim, gradeClaim, signOffClaim } from "../../identity/claimCommands";
import { claimsOfSubjects } from "../../identity/identityRepository";
import { RETRACTABLE_KINDS, retract } from "../../identity/retraction";
import { awaitsSignOff } from "../../identity/subjectSummary";
import { operationAccess } from "../../policies/operationAccess";
import { operationParams } from "../conversations/schema";
import type { IdentityRouteDeps } from "./deps";
import { subjectParams } from "./subjects";

const claimParams = operationParams.extend({ claimId: z.uuid() });
const created = { 201: z.object({ id: z.string() }) };

/** Claims: recorded and graded by analysts, signed off by a supervisor who is not the author. */
export const claimRoutes: FastifyPluginAsyncZod<IdentityRouteDeps> = async (
  app,
  { store, identity },
) => {
  const db = store.db;

  app.post(
    "/api/operations/:operationId/subjects/:subjectId/claims",
    {
      schema: {
        summary: "Record a claim about a subject, with its grading and the sources it cites",
        tags: ["identification"],
        params: subjectParams,
        body: createClaimBodySchema,
        response: created,
      },
    },
    async (request, reply) => {
      const { actor, operation } = await operationAccess(
        db,
        request,
        request.params.operationId,
        "identity.record",
      );
      const claim = await db.transaction().execute((trx) =>
        createClaim(trx, identity, {
          actor,
          operationId: operation.id,
          subjectId: request.params.subjectId,
          ...request.body,
        }),
      );
      return reply.code(201).send(claim);
    },
  );

  app.post(
    "/api/operations/:operationId/claims/:claimId/citations",
    {
      schema: {
        summary: "Cite more sources for a claim",
        tags: ["identification"],
        params: claimParams,
        body: z.object({ citations: z.array(claimCitationInputSchema).min(1).max(50) }),
        response: { 201: z.object({ ids: z.array(z.string()) }) },
      },
    },
    async (request, reply) => {
      const { actor, operation } = await operationAccess(
        db,
        request,
        request.params.operationId,
        "identity.record",
      );
      const result = await db.transaction().execute((trx) =>
        citeSources(trx, identity, {
          actor,
          operationId: operation.id,
          claimId: request.params.claimId,
          citations: request.body.citations,
        }),
      );
      return reply.code(201).send(result);
    },
  );

  app.post(
    "/api/operations/:operationId/claims/:claimId/gradings",
    {
      schema: {
        summary: "Grade a claim again (source reliability A–F, information credibility 1–6)",
        tags: ["identification"],
        params: claimParams,
        body: z.object({
          reliability: reliabilitySchema,
          credibility: credibilitySchema,
          reason: z.string().trim().min(1, "Say why the grading changes.").max(2000),
        }),
        response: created,
      },
    },
    async (request, reply) => {
      const { actor, operation } = await operationAccess(
        db,
        request,
        request.params.operationId,
        "identity.record",
      );
      const result = await db.transaction().execute((trx) =>
        gradeClaim(trx, identity, {
          actor,
          operationId: operation.id,
          claimId: request.params.claimId,
          ...request.body,
        }),
      );
      return reply.code(201).send(result);
    },
  );

  app.post(
    "/api/operations/:operationId/claims/:claimId/sign-offs",
    {
      schema: {
        summary: "Sign off a claim (a supervisor who is not its author)",
        tags: ["identification"],
        params: claimParams,
        body: z.object({ note: z.string().trim().max(2000).default("") }),
        response: { 201: z.object({ id: z.string(), established: z.boolean() }) },
      },
    },
    async (request, reply) => {
      const { actor, operation } = await operationAccess(
        db,
        request,
        request.params.operationId,
        "identity.signOff",
      );
      const result = await db.transaction().execute((trx) =>
        signOffClaim(trx, identity, {
          actor,
          operationId: operation.id,
          claimId: request.params.claimId,
          note: request.body.note,
        }),
      );
      return reply.code(201).send(result);
    },
  );

  app.post(
    "/api/operations/:operationId/retractions",
    {
      schema: {
        summary:
          "Retract a claim, citation, sign-off, finding or image-comparison opinion, with the reason (a new ledger entry; the original stays)",
        tags: ["identification"],
        params: operationParams,
        body: z.object({
          target: z.enum(RETRACTABLE_KINDS),
          targetId: z.uuid(),
          reason: z.string().trim().min(1, "Say why it is retracted.").max(2000),
        }),
        response: created,
      },
    },
    async (request, reply) => {
      // Retracting a sign-off is a reviewer's act; the rest (an image-comparison opinion too) is
      // theirs who may record it.
      const { actor, operation } = await operationAccess(
        db,
        request,
        request.params.operationId,
        request.body.target === "signOff" ? "identity.signOff" : "identity.record",
      );
      const result = await db
        .transaction()
        .execute((trx) =>
          retract(trx, identity, { actor, operationId: operation.id, ...request.body }),
        );
      return reply.code(201).send(result);
    },
  );

  app.get(
    "/api/operations/:operationId/claims/awaiting-sign-off",
    {
      schema: {
        summary: "Claims that wait for a reviewer's sign-off",
        tags: ["identification"],
        params: operationParams,
        response: {
          200: z.object({
            claims: z.array(
              claimSchema.extend({ subjectLabel: z.string(), authorName: z.string() }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const { operation } = await operationAccess(
        db,
        request,
        request.params.operationId,
        "identity.signOff",
      );
      const subjects = await db
        .selectFrom("subjects")
        .select(["id", "label"])
        .where("operation_id", "=", operation.id)
        .where("merged_into", "is", null)
        .execute();
      const claims = (
        await claimsOfSubjects(
          db,
          subjects.map((s) => s.id),
        )
      ).filter(awaitsSignOff);
      const authors = claims.length
        ? await db
            .selectFrom("users")
            .select(["id", "display_name"])
            .where(
              "id",
              "in",
              claims.map((c) => c.authorId),
            )
            .execute()
        : [];
      return {
        claims: claims.map((claim) => ({
          ...claim,
          subjectLabel: subjects.find((s) => s.id === claim.subjectId)?.label ?? "",
          authorName: authors.find((a) => a.id === claim.authorId)?.display_name ?? "",
        })),
      };
    },
  );
};
