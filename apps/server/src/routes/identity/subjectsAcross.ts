import { subjectAcrossOperationsSchema } from "@sweetie/core/api/identitySchemas";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { syncOperationObservations } from "../../identity/chatObservations";
import { listSubjectsIn } from "../../identity/subjectListRepository";
import { AppError } from "../../errors";
import { operationsAllowing } from "../../policies/operationAccess";
import type { IdentityRouteDeps } from "./deps";
import { subjectFilterOf, subjectFilterQuerySchema } from "./subjectFilterQuery";

/** The subjects of every operation whose workspace the signed-in person may read, as one list. */
export const subjectsAcrossRoutes: FastifyPluginAsyncZod<IdentityRouteDeps> = async (
  app,
  { store, identity },
) => {
  const db = store.db;
  app.get(
    "/api/subjects",
    {
      schema: {
        summary: "Subjects across the operations you work on, what needs work first",
        description:
          "Only operations in which you may read the identification workspace (supervisor, analyst or legal reviewer, with the sign-in the operation requires) are included; nothing of any other operation is shown.",
        tags: ["identification"],
        querystring: z
          .object({ operationId: z.uuid("Choose an operation from the list.").optional() })
          .extend(subjectFilterQuerySchema.shape),
        response: {
          200: z.object({
            operations: z.array(z.object({ id: z.string(), name: z.string() })),
            subjects: z.array(subjectAcrossOperationsSchema),
          }),
        },
      },
    },
    async (request) => {
      const operations = await operationsAllowing(db, request, "identity.read");
      const { operationId, ...filter } = request.query;
      const chosen = operationId ? operations.filter((o) => o.id === operationId) : operations;
      if (operationId && chosen.length === 0) {
        throw new AppError("not_found", {
          detail: "No operation with this id is available to you. Choose one from the list.",
        });
      }
      for (const operation of chosen) await syncOperationObservations(db, identity, operation.id);
      const names = new Map(operations.map((o) => [o.id, o.name]));
      const subjects = await listSubjectsIn(
        db,
        chosen.map((o) => o.id),
        subjectFilterOf(filter),
      );
      return {
        operations: operations.map((o) => ({ id: o.id, name: o.name })),
        subjects: subjects.map((s) => ({ ...s, operationName: names.get(s.operationId) ?? "" })),
      };
    },
  );
};
