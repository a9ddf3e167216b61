import type { ConversationDigest } from "../conversationDigest";
import type { ReferralOperation, ReferralSubject } from "../referralSource";

/** A file of the package the JSON-LD describes by name, size and SHA-256. */
export interface PackageFileFacts {
  path: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
}

/** What referral.jsonld is built from: what the package already holds, nothing more. */
export interface ReferralJsonldInput {
  packageId: string;
  now: Date;
  country: string | null;
  agency: string | null;
  operation: ReferralOperation;
  subjects: readonly ReferralSubject[];
  /** Per subject id, its conversations' digests (as the report reads them). */
  digests: ReadonlyMap<string, readonly ConversationDigest[]>;
  /** Per conversation id, its readable transcript in the package. */
  transcripts: ReadonlyMap<string, PackageFileFacts>;
  /** The signed tree head every entry is proved against. */
  head: { size: number; root: string };
  tool: { name: string; version: string };
}
