import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppDeps } from "../../appDeps";
import {
  addMember,
  createOperation,
  removeMember,
  setOperationSecurity,
} from "../../commands/operations";
import { listOperationsFor, listTeam } from "../../db/repositories/operationsRepository";
import { authorizeSystem } from "../../policies/authorize";
import { operationAccess } from "../../policies/operationAccess";
import { requireAuth } from "../../plugins/sessions";
import {
  presentOperation,
  presentOperationSummary,
  presentTeamMember,
} from "../../presenters/presentOperation";
import {
  addMemberBody,
  createOperationBody,
  memberParams,
  operationIdParams,
  operationSchema,
  operationSummarySchema,
  roleSchema,
  securityBody,
  teamMemberSchema,
} from "./schema";

export const operationRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, { store, clock }) => {
  const db = store.db;

  app.get(
    "/api/operations",
    {
      schema: {
        summary: "Operations you belong to",
        tags: ["operations"],
        response: { 200: z.object({ operations: z.array(operationSummarySchema) }) },
      },
    },
    async (request) => {
      const { actor } = requireAuth(request);
      const rows = await listOperationsFor(db, actor.userId, actor.isAdmin);
      const now = clock.now();
      return { operations: rows.map((row) => presentOperationSummary(row, row.role, now)) };
    },
  );

  app.post(
    "/api/operations",
    {
      schema: {
        summary: "Open an operation with its authorization record (system administrators)",
        tags: ["operations"],
        body: createOperationBody,
        response: { 201: z.object({ operation: operationSchema }) },
      },
    },
    async (request, reply) => {
      const { actor } = requireAuth(request);
      authorizeSystem(actor, "operation.create");
      const operation = await db
        .transaction()
        .execute((trx) => createOperation(trx, actor, request.body));
      return reply.code(201).send({ operation: presentOperation(operation) });
    },
  );

  app.get(
    "/api/operations/:operationId",
    {
      schema: {
        summary: "An operation, its authorization record and team",
        tags: ["operations"],
        params: operationIdParams,
        response: {
          200: z.object({
            operation: operationSchema,
            role: roleSchema.nullable(),
            team: z.array(teamMemberSchema),
          }),
        },
      },
    },
    async (request) => {
      const { operation, role } = await operationAccess(
        db,
        request,
        request.params.operationId,
        "operation.read",
      );
      const team = await listTeam(db, operation.id);
      return { operation: presentOperation(operation), role, team: team.map(presentTeamMember) };
    },
  );

  app.post(
    "/api/operations/:operationId/members",
    {
      schema: {
        summary: "Add a person to the team, or change their role",
        tags: ["operations"],
        params: operationIdParams,
        body: addMemberBody,
        response: { 201: z.object({ member: teamMemberSchema }) },
      },
    },
    async (request, reply) => {
      const { actor, operation } = await operationAccess(
        db,
        request,
        request.params.operationId,
        "operation.manageTeam",
      );
      const member = await db
        .transaction()
        .execute((trx) => addMember(trx, actor, operation.id, request.body));
      return reply.code(201).send({ member: presentTeamMember(member) });
    },
  );

  app.delete(
    "/api/operations/:operationId/members/:userId",
    {
      schema: {
        summary: "Remove a person from the team",
        tags: ["operations"],
        params: memberParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const { actor, operation } = await operationAccess(
        db,
        request,
        request.params.operationId,
        "operation.manageTeam",
      );
      await db
        .transaction()
        .execute((trx) => removeMember(trx, actor, operation.id, request.params.userId));
      return reply.code(204).send(null);
    },
  );

  app.patch(
    "/api/operations/:operationId/security",
    {
      schema: {
        summary: "Require two-factor sign-in for the team",
        tags: ["operations"],
        params: operationIdParams,
        body: securityBody,
        response: { 200: z.object({ operation: operationSchema }) },
      },
    },
    async (request) => {
      const { actor, operation } = await operationAccess(
        db,
        request,
        request.params.operationId,
        "operation.manageSecurity",
      );
      const updated = await db
        .transaction()
        .execute((trx) => setOperationSecurity(trx, actor, operation.id, request.body.requireTotp));
      return { operation: presentOperation(updated) };
    },
  );
};
