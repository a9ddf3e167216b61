import { ed25519 } from "@noble/curves/ed25519.js";
import countries from "i18n-iso-countries";
import { z } from "zod";
import { REFERRAL_OUTCOMES, REFERRAL_STATUSES, REFERRAL_STEPS } from "../referral/lifecycle";

// Agencies, referrals and cosignatures: the API shapes shared by the server (validation,
// OpenAPI) and the console (parsing every answer).

/** True for an assigned ISO 3166-1 alpha-2 code (upper case). */
export function isCountryCode(value: string): boolean {
  return /^[A-Z]{2}$/u.test(value) && countries.isValid(value);
}

/** A country code as people type it ("nl", " NL "), checked against ISO 3166-1. */
export const countryCodeSchema = z
  .string()
  .trim()
  .transform((value) => value.toUpperCase())
  .refine(isCountryCode, {
    message: "Give the country's two-letter ISO code, for example NL for the Netherlands.",
  });

/**
 * Why an Ed25519 public key (64 hexadecimal characters) cannot be used, in words; null when it
 * can. Small-order points are refused: any signature would verify under them.
 */
export function publicKeyProblem(hex: string): string | null {
  if (!/^[0-9a-fA-F]{64}$/u.test(hex))
    return "An Ed25519 public key is 64 hexadecimal characters (0-9, a-f). Copy it again from the agency's key file.";
  try {
    const point = ed25519.Point.fromHex(hex.toLowerCase());
    if (point.isSmallOrder())
      return "This is not a usable public key (a weak point any signature would match). Ask the agency for its key again.";
  } catch {
    return "These 64 characters are not an Ed25519 public key. Ask the agency for its key again.";
  }
  return null;
}

export const agencyPublicKeySchema = z
  .string()
  .trim()
  .transform((value) => value.toLowerCase())
  .superRefine((value, context) => {
    const problem = publicKeyProblem(value);
    if (problem) context.addIssue({ code: "custom", message: problem });
  });

export const agencyInputSchema = z.object({
  country: countryCodeSchema,
  name: z.string().trim().min(2, "Give the agency's name.").max(200),
  unit: z.string().trim().max(200).default(""),
  contactChannel: z
    .string()
    .trim()
    .min(3, "Say how packages reach the agency (its secure email or exchange system).")
    .max(500),
  contactPerson: z.string().trim().min(2, "Name the person to contact.").max(200),
  /** Empty: no key registered (its cosignatures cannot be recorded until one is). */
  publicKey: z.union([z.literal(""), agencyPublicKeySchema]).default(""),
});
export type AgencyInput = z.input<typeof agencyInputSchema>;

export const agencySchema = z.object({
  id: z.string(),
  country: z.string(),
  name: z.string(),
  unit: z.string(),
  contactChannel: z.string(),
  contactPerson: z.string(),
  publicKey: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Agency = z.infer<typeof agencySchema>;

export const referralStatusSchema = z.enum(REFERRAL_STATUSES);
export const referralOutcomeSchema = z.enum(REFERRAL_OUTCOMES);

/** A subject as the builder shows it: attributed to the country, established or why not. */
export const referralCandidateSchema = z.object({
  id: z.string(),
  label: z.string(),
  country: z.string().nullable(),
  established: z.boolean(),
  /** Why not established, in words (empty when established). */
  reasons: z.array(z.string()),
  establishedClaims: z.number(),
  conversations: z.number(),
  /** Other referrals (not this one) that already carry this subject. */
  inReferrals: z.array(z.object({ id: z.string(), status: referralStatusSchema })),
});
export type ReferralCandidate = z.infer<typeof referralCandidateSchema>;

/** What a package will contain, before it is built. */
export const referralPreviewSchema = z.object({
  country: z.string(),
  agency: agencySchema.nullable(),
  subjects: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      established: z.boolean(),
      reasons: z.array(z.string()),
      claims: z.array(
        z.object({
          words: z.string(),
          value: z.string(),
          ledgerEntryId: z.string().nullable(),
          sources: z.array(z.string()),
        }),
      ),
      conversations: z.array(
        z.object({
          id: z.string(),
          counterpart: z.string(),
          messages: z.number(),
          captures: z.number(),
          entries: z.number(),
        }),
      ),
    }),
  ),
  totals: z.object({
    subjects: z.number(),
    conversations: z.number(),
    messages: z.number(),
    captures: z.number(),
    ledgerEntries: z.number(),
  }),
  /** The files every package carries besides the per-conversation evidence. */
  files: z.array(z.object({ path: z.string(), what: z.string() })),
  /** Things to fix or know before release, in words. */
  warnings: z.array(z.string()),
});
export type ReferralPreview = z.infer<typeof referralPreviewSchema>;

export const referralStepSchema = z.object({
  id: z.string(),
  step: z.enum(REFERRAL_STEPS),
  actor: z.object({ id: z.string().nullable(), name: z.string() }),
  /** The day it happened as the person recorded it (sent, acknowledged, outcome). */
  occurredOn: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  ledgerEntryId: z.string().nullable(),
  createdAt: z.string(),
});
export type ReferralStepView = z.infer<typeof referralStepSchema>;

export const referralSummarySchema = z.object({
  id: z.string(),
  country: z.string(),
  agency: agencySchema.nullable(),
  status: referralStatusSchema,
  outcome: referralOutcomeSchema.nullable(),
  subjects: z.number(),
  builtBy: z.object({ id: z.string(), name: z.string() }),
  releasedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  agencyReference: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ReferralSummary = z.infer<typeof referralSummarySchema>;

export const referralDetailSchema = referralSummarySchema.extend({
  subjectIds: z.array(z.string()),
  package: z
    .object({
      sha256: z.string(),
      sizeBytes: z.number(),
      headSize: z.number(),
      headRoot: z.string(),
      fileName: z.string(),
    })
    .nullable(),
  steps: z.array(referralStepSchema),
  /** What the person asking may do next (the server decides each request again). */
  canRelease: z.boolean(),
  /** Why the person asking may not release, in words (null when they may, or it is not a draft). */
  releaseBlockedBecause: z.string().nullable(),
});
export type ReferralDetail = z.infer<typeof referralDetailSchema>;

export const cosignatureSchema = z.object({
  id: z.string(),
  agency: z.object({ id: z.string(), name: z.string(), country: z.string() }),
  witnessName: z.string(),
  witnessPublicKey: z.string(),
  cosignedAt: z.string(),
  line: z.string(),
  recordedBy: z.string(),
  createdAt: z.string(),
});
export type CosignatureView = z.infer<typeof cosignatureSchema>;

export const signedHeadSchema = z.object({
  size: z.number(),
  root: z.string(),
  time: z.string(),
  publicKey: z.string(),
  cosignatures: z.array(cosignatureSchema),
});
export type SignedHeadView = z.infer<typeof signedHeadSchema>;
