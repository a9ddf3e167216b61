import { agencySchema, signedHeadSchema } from "@sweetie/core/api/referralSchemas";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { operationAccess } from "../../policies/operationAccess";
import { listAgencies, presentAgency } from "../../referrals/agencyRepository";
import { recordCosignature, signedHeadsWithCosignatures } from "../../referrals/cosignatures";
import { cosignatureBody, headParams, operationParams, type ReferralRouteDeps } from "./schema";

/** The operation's signed tree heads and the agencies' cosignatures of them. */
export const headRoutes: FastifyPluginAsyncZod<ReferralRouteDeps> = async (app, { store }) => {
  const db = store.db;

  app.get(
    "/api/operations/:operationId/heads",
    {
      schema: {
        summary: "The operation's signed heads, newest first, with the agencies' cosignatures",
        tags: ["referrals"],
        params: operationParams,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) }),
        response: {
          200: z.object({
            heads: z.array(signedHeadSchema),
            /** Agencies with a registered key: those whose cosignature can be recorded. */
            witnesses: z.array(agencySchema),
          }),
        },
      },
    },
    async (request) => {
      const { operation } = await operationAccess(
        db,
        request,
        request.params.operationId,
        "heads.read",
      );
      const [heads, agencies] = await Promise.all([
        signedHeadsWithCosignatures(db, operation.id, request.query.limit),
        listAgencies(db),
      ]);
      return {
        heads,
        witnesses: agencies.filter((a) => a.public_key).map(presentAgency),
      };
    },
  );

  app.post(
    "/api/operations/:operationId/heads/:size/cosignatures",
    {
      schema: {
        summary:
          "Record an agency's cosignature of a signed head (checked against the agency's registered key)",
        tags: ["referrals"],
        params: headParams,
        body: cosignatureBody,
        response: { 201: z.object({ id: z.string() }) },
      },
    },
    async (request, reply) => {
      const { actor, operation } = await operationAccess(
        db,
        request,
        request.params.operationId,
        "heads.cosign",
      );
      const recorded = await db.transaction().execute((trx) =>
        recordCosignature(trx, actor, {
          operationId: operation.id,
          headSize: request.params.size,
          agencyId: request.body.agencyId,
          text: request.body.cosignature,
        }),
      );
      return reply.code(201).send(recorded);
    },
  );
};
