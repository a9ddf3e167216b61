import type { SignedTreeHead } from "@sweetie/core/ledger/index";
import type { FileRole } from "@sweetie/core/referral/index";
import type { BlobStore } from "../blobs/blobStore";
import type { LedgerSigner } from "../ledger/headAnchor";
import type { ConversationDigest } from "./conversationDigest";
import type { ConversationEvidence } from "./packageEvidence";
import type { ReferralOperation, ReferralSubject } from "./referralSource";
import type { IdentificationScope } from "./subjectIdentification";

// What a package is built from and of: its input, the closing files (report, JSON-LD, verifier
// page) and the files beside each conversation's evidence, and the build's progress. The
// assembler (packageAssembler.ts) streams them into the ZIP.

export interface PackageInput {
  kind: "referral" | "disclosure";
  packageId: string;
  operation: ReferralOperation;
  subjects: readonly ReferralSubject[];
  country: string | null;
  agency: string | null;
  signer: LedgerSigner;
  now: Date;
  /** Where the deployment keeps evidence files (captures' bytes); the database's by default. */
  blobs?: BlobStore;
  /**
   * Which of each subject's identification entries to carry: a referral's default is the
   * established claims and what they rest on; a disclosure's is none (one conversation), and
   * "all" for a subject's disclosure (every claim, retracted ones included).
   */
  identification?: IdentificationScope | "none";
}

/** What the closing files (report, JSON-LD, verifier page) are made from. */
export interface PackageContext {
  input: PackageInput;
  head: SignedTreeHead;
  /** Per subject, its conversations' digests. */
  digests: Map<string, ConversationDigest[]>;
}

/** A file's content produced a piece at a time, as the ZIP asks for it (text is UTF-8). */
export interface FileChunks {
  chunks: Iterable<Uint8Array | string> | AsyncIterable<Uint8Array | string>;
}

/** Files added after the evidence (report.pdf, referral.jsonld, verify.html). */
export interface ClosingFile {
  path: string;
  role: "report" | "jsonld" | "verifier" | "transcript";
  build(context: PackageContext): Promise<Uint8Array | FileChunks> | Uint8Array | FileChunks;
  /**
   * Optional: starts the file before the evidence is read, to work on each subject as soon as
   * its conversations are digested (in input order); its finish() then replaces build().
   */
  start?(input: PackageInput, head: SignedTreeHead): StartedClosingFile;
}

export interface StartedClosingFile {
  subjectReady(subject: ReferralSubject, digests: readonly ConversationDigest[]): void;
  finish(context: PackageContext): Promise<Uint8Array>;
  /** Stops the work when the package fails before finish(). */
  abort(): Promise<void>;
}

/** A file written beside a conversation's entries (its transcript, or what replaces it). */
export interface ConversationFile {
  path: string;
  role: FileRole;
  bytes: Uint8Array;
}

/**
 * Optional: the files each conversation gets beside its entries, proofs and captures, instead
 * of the readable transcript.txt (a disclosure writes its full transcript this way).
 */
export type ConversationFiles = (
  conversation: ConversationEvidence,
  digest: ConversationDigest,
  base: string,
) => ConversationFile[];

export interface PackageProgress {
  conversationsDone: number;
  conversations: number;
  stage: "evidence" | "closing" | "done";
}
