import { agencyInputSchema, agencySchema } from "@sweetie/core/api/referralSchemas";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppDeps } from "../../appDeps";
import { requireAuth } from "../../plugins/sessions";
import { authorizeSystem } from "../../policies/authorize";
import {
  createAgency,
  listAgencies,
  presentAgency,
  updateAgency,
} from "../../referrals/agencyRepository";

const agencyParams = z.object({ agencyId: z.uuid() });

/** The registry of receiving agencies (system administrators); every change is audited. */
export const agencyRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, { store }) => {
  const db = store.db;
  const admin = (request: Parameters<typeof requireAuth>[0]) => {
    const { actor } = requireAuth(request);
    authorizeSystem(actor, "agency.manage");
    return actor;
  };

  app.get(
    "/api/agencies",
    {
      schema: {
        summary: "Every registered receiving agency (system administrators)",
        tags: ["agencies"],
        response: { 200: z.object({ agencies: z.array(agencySchema) }) },
      },
    },
    async (request) => {
      admin(request);
      return { agencies: (await listAgencies(db)).map(presentAgency) };
    },
  );

  app.post(
    "/api/agencies",
    {
      schema: {
        summary: "Register a receiving agency, optionally with its Ed25519 witness key",
        tags: ["agencies"],
        body: agencyInputSchema,
        response: { 201: z.object({ agency: agencySchema }) },
      },
    },
    async (request, reply) => {
      const actor = admin(request);
      const row = await db.transaction().execute((trx) => createAgency(trx, actor, request.body));
      return reply.code(201).send({ agency: presentAgency(row) });
    },
  );

  app.put(
    "/api/agencies/:agencyId",
    {
      schema: {
        summary: "Change a registered agency (its contact, unit or key)",
        tags: ["agencies"],
        params: agencyParams,
        body: agencyInputSchema,
        response: { 200: z.object({ agency: agencySchema }) },
      },
    },
    async (request) => {
      const actor = admin(request);
      const row = await db
        .transaction()
        .execute((trx) => updateAgency(trx, actor, request.params.agencyId, request.body));
      return { agency: presentAgency(row) };
    },
  );
};
