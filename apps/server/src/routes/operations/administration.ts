import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { personaSchema } from "@sweetie/core/api/administrationSchemas";
import { z } from "zod";
import type { AppDeps } from "../../appDeps";
import { closeOperation, leaveAllVenues } from "../../commands/closeOperation";
import { createPersona, listPersonas, updatePersona } from "../../commands/personas";
import type { ConsoleRuntime } from "../../conversations/consoleRuntime";
import type { Db } from "../../db/database";
import type { PersonaRow } from "../../db/tables/operations";
import { operationAccess } from "../../policies/operationAccess";
import { presentOperation } from "../../presenters/presentOperation";
import {
  closeBody,
  operationIdParams,
  operationSchema,
  personaBody,
  personaParams,
} from "./schema";

async function presentPersonas(
  db: Db,
  rows: PersonaRow[],
): Promise<z.infer<typeof personaSchema>[]> {
  const ids = rows.map((row) => row.id);
  const used = ids.length
    ? await db
        .selectFrom("conversations")
        .select("persona_id")
        .distinct()
        .where("persona_id", "in", ids)
        .execute()
    : [];
  const inUse = new Set(used.map((row) => row.persona_id));
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    age: row.age,
    gender: row.gender,
    location: row.location,
    displayNames: row.display_names,
    createdAt: row.created_at.toISOString(),
    inUse: inUse.has(row.id),
  }));
}

/** Closing an operation, and its personas. Every change is audited. */
export const operationAdministrationRoutes: FastifyPluginAsyncZod<
  AppDeps & { runtime: ConsoleRuntime }
> = async (app, { store, clock, runtime }) => {
  const db = store.db;

  app.post(
    "/api/operations/:operationId/close",
    {
      schema: {
        summary: "Close the operation: the persona leaves every venue, the evidence stays",
        tags: ["operations"],
        params: operationIdParams,
        body: closeBody,
        response: { 200: z.object({ operation: operationSchema }) },
      },
    },
    async (request) => {
      const { actor, operation } = await operationAccess(
        db,
        request,
        request.params.operationId,
        "operation.close",
      );
      const closed = await db
        .transaction()
        .execute((trx) =>
          closeOperation(trx, actor, { operation, reason: request.body.reason, now: clock.now() }),
        );
      await leaveAllVenues(runtime.hub, operation.id, runtime.keeper);
      return { operation: presentOperation(closed) };
    },
  );

  app.get(
    "/api/operations/:operationId/personas",
    {
      schema: {
        summary: "The operation's personas",
        tags: ["operations"],
        params: operationIdParams,
        response: { 200: z.object({ personas: z.array(personaSchema) }) },
      },
    },
    async (request) => {
      const { operation } = await operationAccess(
        db,
        request,
        request.params.operationId,
        "operation.read",
      );
      return { personas: await presentPersonas(db, await listPersonas(db, operation.id)) };
    },
  );

  app.post(
    "/api/operations/:operationId/personas",
    {
      schema: {
        summary: "Declare a persona (its age must be the authorization's)",
        tags: ["operations"],
        params: operationIdParams,
        body: personaBody,
        response: { 201: z.object({ persona: personaSchema }) },
      },
    },
    async (request, reply) => {
      const { actor, operation } = await operationAccess(
        db,
        request,
        request.params.operationId,
        "persona.manage",
      );
      const persona = await db
        .transaction()
        .execute((trx) => createPersona(trx, actor, operation, request.body));
      const [presented] = await presentPersonas(db, [persona]);
      return reply.code(201).send({ persona: presented! });
    },
  );

  app.put(
    "/api/operations/:operationId/personas/:personaId",
    {
      schema: {
        summary: "Edit a persona no counterpart has talked to yet",
        tags: ["operations"],
        params: personaParams,
        body: personaBody,
        response: { 200: z.object({ persona: personaSchema }) },
      },
    },
    async (request) => {
      const { actor, operation } = await operationAccess(
        db,
        request,
        request.params.operationId,
        "persona.manage",
      );
      const persona = await db
        .transaction()
        .execute((trx) =>
          updatePersona(trx, actor, operation, request.params.personaId, request.body),
        );
      const [presented] = await presentPersonas(db, [persona]);
      return { persona: presented! };
    },
  );
};
