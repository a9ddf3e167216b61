import { countryCodeSchema, referralOutcomeSchema } from "@sweetie/core/api/referralSchemas";
import { z } from "zod";
import type { AppDeps } from "../../appDeps";
import type { BlobStore } from "../../blobs/blobStore";
import type { EvidenceSink } from "../../conversations/evidence";
import type { LedgerSigner } from "../../ledger/headAnchor";
import { operationParams } from "../conversations/schema";

export { operationParams };

/** What the referral routes need besides the app's ports: the head signer and the blob store. */
export interface ReferralPorts {
  evidence: EvidenceSink;
  blobs: BlobStore;
  /** The process's ledger signer (shared with the head scheduler). */
  signer(): Promise<LedgerSigner>;
}
export type ReferralRouteDeps = AppDeps & { referrals: ReferralPorts };

export const referralParams = operationParams.extend({ referralId: z.uuid() });
export const headParams = operationParams.extend({
  size: z.coerce.number().int().positive("Give the head's size (its number of entries)."),
});

const subjectIds = z
  .array(z.uuid("Choose subjects from the list."))
  .min(1, "Choose at least one subject.")
  .max(5000, "A package holds at most 5,000 subjects: split it in two referrals.");

export const draftBody = z.object({
  country: countryCodeSchema,
  agencyId: z.uuid("Choose a registered agency.").nullable().default(null),
  subjectIds,
});

export const changeBody = z.object({
  agencyId: z.uuid("Choose a registered agency.").nullable(),
  subjectIds,
});

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/u, "Give the date as YYYY-MM-DD.")
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), "Give a real date.");
const note = z.string().trim().max(4000).default("");

export const sentBody = z.object({ occurredOn: day, note });
export const acknowledgedBody = z.object({
  occurredOn: day,
  agencyReference: z
    .string()
    .trim()
    .min(1, "Give the agency's reference for this referral (their case or file number).")
    .max(200),
  note,
});
export const outcomeBody = z.object({ occurredOn: day, outcome: referralOutcomeSchema, note });

export const candidatesParams = operationParams.extend({ country: countryCodeSchema });

export const cosignatureBody = z.object({
  agencyId: z.uuid("Choose the agency that cosigned."),
  cosignature: z
    .string()
    .min(10, "Paste what the agency's verifier printed.")
    .max(20_000, "Paste only the cosignature, not the whole report."),
});
