import {
  claimSchema,
  countryAttributionSchema,
  deconflictionNoticeSchema,
  subjectDetailSchema,
  subjectGraphSchema,
  subjectSummarySchema,
} from "@sweetie/core/api/identitySchemas";
import { z } from "zod";
import { requestJson } from "./client";

export type {
  Claim,
  DeconflictionNotice,
  Finding,
  Observation,
  SubjectDetail,
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
}

export const fetchSubjects = (operationId: string, filter: SubjectFilter) => {
  const query = new URLSearchParams();
  if (filter.country) query.set("country", filter.country);
  if (filter.status) query.set("status", filter.status);
  if (filter.needsSignOff) query.set("needsSignOff", "true");
  const suffix = query.size > 0 ? `?${query.toString()}` : "";
  return requestJson(
    `${base(operationId)}/subjects${suffix}`,
    z.object({ subjects: z.array(subjectSummarySchema) }),
  );
};

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

export const findingFileUrl = (operationId: string, findingId: string) =>
  `${base(operationId)}/findings/${encodeURIComponent(findingId)}/file`;
