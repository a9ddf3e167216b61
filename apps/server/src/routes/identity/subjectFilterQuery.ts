import { identityConfidenceSchema } from "@sweetie/core/api/identitySchemas";
import { z } from "zod";
import type { SubjectFilter } from "../../identity/subjectListRepository";

/**
 * The subject list's filter as a querystring, one schema for one operation's list and for the
 * list across operations: both validate, type and document it the same way.
 */
export const subjectFilterQuerySchema = z.object({
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/u, "Give a two-letter country code.")
    .optional(),
  status: z.enum(["established", "open"]).optional(),
  needsSignOff: z.enum(["true", "false"]).optional(),
  confidence: identityConfidenceSchema.optional(),
});
export type SubjectFilterQuery = z.infer<typeof subjectFilterQuerySchema>;

/** The validated querystring as the subject list repository takes it. */
export const subjectFilterOf = (query: SubjectFilterQuery): SubjectFilter => ({
  country: query.country,
  status: query.status,
  needsSignOff: query.needsSignOff === "true",
  confidence: query.confidence,
});
