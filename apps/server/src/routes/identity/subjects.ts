import {
  countryAttributionSchema,
  deconflictionNoticeSchema,
  subjectDetailSchema,
  subjectGraphSchema,
  subjectSummarySchema,
} from "@sweetie/core/api/identitySchemas";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { recordAudit } from "../../audit/recordAudit";
import { syncOperationObservations } from "../../identity/chatObservations";
import { attributeSubjectCountry } from "../../identity/countryAttributionService";
import { deconflictionNotices, subjectGraph } from "../../identity/graphAndNotices";
import { confirmCountry, decideMerge } from "../../identity/subjectDecisions";
import { listSubjects } from "../../identity/subjectListRepository";
import { subjectDetail } from "../../identity/workspaceRepository";
import { requireSubject } from "../../identity/requireSubject";
import { operationAccess } from "../../policies/operationAccess";
import { operationParams } from "../conversations/schema";
import type { IdentityRouteDeps } from "./deps";
import { subjectFilterOf, subjectFilterQuerySchema } from "./subjectFilterQuery";

export const subjectParams = operationParams.extend({ subjectId: z.uuid() });

/** The subjects workspace: list, subject page, graph, country, merges, deconfliction. */
export const subjectRoutes: FastifyPluginAsyncZod<IdentityRouteDeps> = async (
  app,
  { store, identity },
) => {
  const db = store.db;

  // What the chat disclosed becomes observations before any view of the subjects shows them.
  const syncOperation = (operationId: string) =>
    syncOperationObservations(db, identity, operationId);

  app.get(
    "/api/operations/:operationId/subjects",
    {
      schema: {
        summary: "The operation's subjects, what needs work first",
        tags: ["identification"],
        params: operationParams,
        querystring: subjectFilterQuerySchema,
        response: { 200: z.object({ subjects: z.array(subjectSummarySchema) }) },
      },
    },
    async (request) => {
      const { operation } = await operationAccess(
        db,
        request,
        request.params.operationId,
        "identity.read",
      );
      await syncOperation(operation.id);
      return { subjects: await listSubjects(db, operation.id, subjectFilterOf(request.query)) };
    },
  );

  app.get(
    "/api/operations/:operationId/subjects/:subjectId",
    {
      schema: {
        summary:
          "A subject: identifiers with provenance, claims, findings, captures, conversations",
        tags: ["identification"],
        params: subjectParams,
        response: { 200: subjectDetailSchema },
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
      await syncOperation(operation.id);
      const detail = await subjectDetail(db, operation.id, subject.id);
      await recordAudit(db, actor, {
        action: "subject.read",
        operationId: operation.id,
        targetType: "subject",
        targetId: subject.id,
      });
      return detail;
    },
  );

  app.get(
    "/api/operations/:operationId/subjects/:subjectId/graph",
    {
      schema: {
        summary: "A subject's graph: subject, identifiers, conversations",
        tags: ["identification"],
        params: subjectParams,
        response: { 200: subjectGraphSchema },
      },
    },
    async (request) => {
      const { operation } = await operationAccess(
        db,
        request,
        request.params.operationId,
        "identity.read",
      );
      const subject = await requireSubject(db, operation.id, request.params.subjectId);
      return subjectGraph(await subjectDetail(db, operation.id, subject.id));
    },
  );

  app.get(
    "/api/operations/:operationId/subjects/:subjectId/country",
    {
      schema: {
        summary: "A subject's country clues, each with its weight and reason; conflicts shown",
        tags: ["identification"],
        params: subjectParams,
        response: { 200: countryAttributionSchema },
      },
    },
    async (request) => {
      const { operation } = await operationAccess(
        db,
        request,
        request.params.operationId,
        "identity.read",
      );
      const subject = await requireSubject(db, operation.id, request.params.subjectId);
      return attributeSubjectCountry(db, subject.id);
    },
  );

  app.post(
    "/api/operations/:operationId/subjects/:subjectId/country",
    {
      schema: {
        summary: "Confirm a subject's country (the clues shown are kept with the confirmation)",
        tags: ["identification"],
        params: subjectParams,
        body: z.object({
          country: z.string().regex(/^[A-Za-z]{2}$/u, "Choose a country."),
          note: z.string().trim().max(2000).default(""),
        }),
        response: { 201: z.object({ id: z.string(), country: z.string() }) },
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
        confirmCountry(trx, identity, {
          actor,
          operationId: operation.id,
          subjectId: request.params.subjectId,
          country: request.body.country,
          note: request.body.note,
        }),
      );
      return reply.code(201).send({ id: result.id, country: request.body.country.toUpperCase() });
    },
  );

  app.post(
    "/api/operations/:operationId/subjects/:subjectId/merges",
    {
      schema: {
        summary:
          "Merge another subject into this one, undo a merge, or record they are not the same person",
        tags: ["identification"],
        params: subjectParams,
        body: z.object({
          otherSubjectId: z.uuid(),
          decision: z.enum(["merge", "unmerge", "not_same"]),
          reason: z.string().trim().min(1, "Say why.").max(2000),
        }),
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
      const result = await db.transaction().execute((trx) =>
        decideMerge(trx, identity, {
          actor,
          operationId: operation.id,
          subjectId: request.params.subjectId,
          ...request.body,
        }),
      );
      return reply.code(201).send(result);
    },
  );

  app.get(
    "/api/operations/:operationId/deconfliction",
    {
      schema: {
        summary:
          "Deconfliction notices: a subject of this operation is also held by another one; whom to call",
        tags: ["identification"],
        params: operationParams,
        response: { 200: z.object({ notices: z.array(deconflictionNoticeSchema) }) },
      },
    },
    async (request) => {
      const { actor, operation } = await operationAccess(
        db,
        request,
        request.params.operationId,
        "deconfliction.read",
      );
      const notices = await deconflictionNotices(db, operation.id);
      await recordAudit(db, actor, { action: "deconfliction.read", operationId: operation.id });
      return { notices };
    },
  );
};
