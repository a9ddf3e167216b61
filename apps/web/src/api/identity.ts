import {
  claimSchema,
  countryAttributionSchema,
  deconflictionNoticeSchema,
  subjectDetailSchema,
  subjectGraphSchema,
  subjectAcrossOperationsSchema,
  subjectSummarySchema,
} from "@sweetie/core/api/identitySchemas";
import type { IdentityConfidence } from "@sweetie/core/identity/identityConfidence";
import { z } from "zod";
import { requestJson } from "./client";

export type {
  Claim,
  DeconflictionNotice,
  Finding,
  Observation,
  SubjectDetail,
  SubjectAcrossOperations,
  SubjectGraph,
  SubjectSummary,
} from "@sweetie/core/api/identitySchemas";

const base = (operationId: string) => `/api/operations/${encodeURIComponent(operationId)}`;
const subjectPath = (operationId: string, subjectId: string) =>
  `${base(operationId)}/subjects/${encodeURIComponent(subjectId)}`;

export interface SubjectFilter {
  country: string;
  status: "" | "established" | "open";
  needsSignOff: boolean;
  confidence: "" | IdentityConfidence;
  /** Only in the list across operations: one of them, or "" for all. */
  operationId: string;
}

export const EMPTY_SUBJECT_FILTER: SubjectFilter = {
  country: "",
  status: "",
  needsSignOff: false,
  confidence: "",
  operationId: "",
};

function subjectQuery(filter: SubjectFilter): string {
  const query = new URLSearchParams();
  if (filter.country) query.set("country", filter.country);
  if (filter.status) query.set("status", filter.status);
  if (filter.needsSignOff) query.set("needsSignOff", "true");
  if (filter.confidence) query.set("confidence", filter.confidence);
  if (filter.operationId) query.set("operationId", filter.operationId);
  return query.size > 0 ? `?${query.toString()}` : "";
}

export const fetchSubjects = (operationId: string, filter: SubjectFilter) =>
  requestJson(
    `${base(operationId)}/subjects${subjectQuery({ ...filter, operationId: "" })}`,
    z.object({ subjects: z.array(subjectSummarySchema) }),
  );

/** The subjects of every operation whose workspace the person may read. */
export const fetchSubjectsAcross = (filter: SubjectFilter) =>
  requestJson(
    `/api/subjects${subjectQuery(filter)}`,
    z.object({
      operations: z.array(z.object({ id: z.string(), name: z.string() })),
      subjects: z.array(subjectAcrossOperationsSchema),
    }),
  );

export const fetchSubject = (operationId: string, subjectId: string) =>
  requestJson(subjectPath(operationId, subjectId), subjectDetailSchema);

export const fetchSubjectGraph = (operationId: string, subjectId: string) =>
  requestJson(`${subjectPath(operationId, subjectId)}/graph`, subjectGraphSchema);

export const fetchCountry = (operationId: string, subjectId: string) =>
  requestJson(`${subjectPath(operationId, subjectId)}/country`, countryAttributionSchema);

export const fetchAwaitingSignOff = (operationId: string) =>
  requestJson(
    `${base(operationId)}/claims/awaiting-sign-off`,
    z.object({
      claims: z.array(claimSchema.extend({ subjectLabel: z.string(), authorName: z.string() })),
    }),
  );

export const fetchDeconfliction = (operationId: string) =>
  requestJson(
    `${base(operationId)}/deconfliction`,
    z.object({ notices: z.array(deconflictionNoticeSchema) }),
  );

export const uploadFinding = (operationId: string, subjectId: string, form: FormData) =>
  requestJson(
    `${subjectPath(operationId, subjectId)}/findings`,
    z.object({
      id: z.string(),
      fileSha256: z.string().nullable(),
      mediaType: z.string().nullable(),
    }),
    { method: "POST", form },
  );

export interface ClaimInput {
  predicate: string;
  value: string;
  reliability: string;
  credibility: string;
  gradingReason: string;
  citations: ({ findingId: string } | { observationId: string })[];
}

export const createClaim = (operationId: string, subjectId: string, input: ClaimInput) =>
  requestJson(`${subjectPath(operationId, subjectId)}/claims`, z.object({ id: z.string() }), {
    method: "POST",
    body: input,
  });

export const signOffClaim = (operationId: string, claimId: string, note: string) =>
  requestJson(
    `${base(operationId)}/claims/${encodeURIComponent(claimId)}/sign-offs`,
    z.object({ id: z.string(), established: z.boolean() }),
    { method: "POST", body: { note } },
  );

export const confirmCountry = (
  operationId: string,
  subjectId: string,
  country: string,
  note: string,
) =>
  requestJson(
    `${subjectPath(operationId, subjectId)}/country`,
    z.object({ id: z.string(), country: z.string() }),
    {
      method: "POST",
      body: { country, note },
    },
  );

export const decideMerge = (
  operationId: string,
  subjectId: string,
  input: { otherSubjectId: string; decision: "merge" | "unmerge" | "not_same"; reason: string },
) =>
  requestJson(`${subjectPath(operationId, subjectId)}/merges`, z.object({ id: z.string() }), {
    method: "POST",
    body: input,
  });

/** What the workspace lets one retract (a claim, a citation, a sign-off, a finding, an opinion). */
export type RetractionTarget = "claim" | "citation" | "signOff" | "finding" | "imageComparison";

/** Retracts something recorded, with the reason: a new ledger entry; the original stays. */
export const retractEvidence = (
  operationId: string,
  input: { target: RetractionTarget; targetId: string; reason: string },
) =>
  requestJson(`${base(operationId)}/retractions`, z.object({ id: z.string() }), {
    method: "POST",
    body: input,
  });

export const findingFileUrl = (operationId: string, findingId: string) =>
  `${base(operationId)}/findings/${encodeURIComponent(findingId)}/file`;
