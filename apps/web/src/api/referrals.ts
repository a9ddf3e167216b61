import {
  agencySchema,
  referralCandidateSchema,
  referralDetailSchema,
  referralPreviewSchema,
  referralSummarySchema,
  signedHeadSchema,
  type AgencyInput,
} from "@sweetie/core/api/referralSchemas";
import type { ReferralOutcome } from "@sweetie/core/referral/lifecycle";
import { z } from "zod";
import { requestJson } from "./client";

export type {
  Agency,
  AgencyInput,
  CosignatureView,
  ReferralCandidate,
  ReferralDetail,
  ReferralPreview,
  ReferralStepView,
  ReferralSummary,
  SignedHeadView,
} from "@sweetie/core/api/referralSchemas";

const agencyAnswer = z.object({ agency: agencySchema });
const referralAnswer = z.object({ referral: referralDetailSchema });

const base = (operationId: string) => `/api/operations/${encodeURIComponent(operationId)}`;
const referralPath = (operationId: string, referralId: string) =>
  `${base(operationId)}/referrals/${encodeURIComponent(referralId)}`;

// The agency registry (system administrators).

export const fetchAgencies = async () =>
  (await requestJson("/api/agencies", z.object({ agencies: z.array(agencySchema) }))).agencies;

export const createAgency = (input: AgencyInput) =>
  requestJson("/api/agencies", agencyAnswer, { method: "POST", body: input });

export const updateAgency = (agencyId: string, input: AgencyInput) =>
  requestJson(`/api/agencies/${encodeURIComponent(agencyId)}`, agencyAnswer, {
    method: "PUT",
    body: input,
  });

// The referral builder and lifecycle.

export const fetchReferrals = async (operationId: string) =>
  (
    await requestJson(
      `${base(operationId)}/referrals`,
      z.object({ referrals: z.array(referralSummarySchema) }),
    )
  ).referrals;

export const fetchCandidates = (operationId: string, country: string) =>
  requestJson(
    `${base(operationId)}/referrals/candidates/${encodeURIComponent(country)}`,
    z.object({
      country: z.string(),
      subjects: z.array(referralCandidateSchema),
      agencies: z.array(agencySchema),
    }),
  );

export interface ReferralSelection {
  agencyId: string | null;
  subjectIds: string[];
}

export const draftReferral = (
  operationId: string,
  input: ReferralSelection & { country: string },
) => requestJson(`${base(operationId)}/referrals`, referralAnswer, { method: "POST", body: input });

export const changeDraft = (operationId: string, referralId: string, input: ReferralSelection) =>
  requestJson(referralPath(operationId, referralId), referralAnswer, {
    method: "PUT",
    body: input,
  });

export const fetchReferral = (operationId: string, referralId: string) =>
  requestJson(referralPath(operationId, referralId), referralAnswer);

export const fetchPreview = (operationId: string, referralId: string) =>
  requestJson(
    `${referralPath(operationId, referralId)}/preview`,
    z.object({ preview: referralPreviewSchema, ready: z.boolean() }),
  );

export const releaseReferral = (operationId: string, referralId: string) =>
  requestJson(`${referralPath(operationId, referralId)}/release`, referralAnswer, {
    method: "POST",
  });

export const packageUrl = (operationId: string, referralId: string) =>
  `${referralPath(operationId, referralId)}/package`;

export type TrackedStep =
  | { step: "sent"; occurredOn: string; note: string }
  | { step: "acknowledged"; occurredOn: string; agencyReference: string; note: string }
  | { step: "outcome"; occurredOn: string; outcome: ReferralOutcome; note: string };

export const trackReferral = (operationId: string, referralId: string, input: TrackedStep) => {
  const { step, ...body } = input;
  return requestJson(`${referralPath(operationId, referralId)}/${step}`, referralAnswer, {
    method: "POST",
    body,
  });
};

// Signed heads and the agencies' cosignatures.

export const fetchHeads = (operationId: string) =>
  requestJson(
    `${base(operationId)}/heads`,
    z.object({ heads: z.array(signedHeadSchema), witnesses: z.array(agencySchema) }),
  );

export const recordCosignature = (
  operationId: string,
  headSize: number,
  input: { agencyId: string; cosignature: string },
) =>
  requestJson(`${base(operationId)}/heads/${headSize}/cosignatures`, z.object({ id: z.string() }), {
    method: "POST",
    body: input,
  });
