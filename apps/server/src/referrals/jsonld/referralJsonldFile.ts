import { createHash } from "node:crypto";
import { transcriptText } from "../conversationDigest";
import type { ClosingFile, PackageContext } from "../packageAssembler";
import { buildReferralJsonld } from "./referralJsonld";
import type { PackageFileFacts } from "./referralJsonldInput";

/** The tool the graph names as the instrument of every action. */
export const SWEETIE_TOOL = { name: "Sweetie", version: "0.1.0" } as const;

/**
 * The JSON-LD input from what the package holds. Each conversation's transcript.txt is the
 * package's default rendering; its bytes are rebuilt here to state its size and SHA-256.
 */
export function referralJsonldBytes(context: PackageContext): Uint8Array {
  const { input, head, digests } = context;
  const transcripts = new Map<string, PackageFileFacts>();
  for (const digest of [...digests.values()].flat()) {
    const bytes = new TextEncoder().encode(transcriptText(digest));
    transcripts.set(digest.id, {
      path: digest.entriesPath.replace(/entries\.jsonl$/, "transcript.txt"),
      mediaType: "text/plain",
      sizeBytes: bytes.length,
      sha256: createHash("sha256").update(bytes).digest("hex"),
    });
  }
  const document = buildReferralJsonld({
    packageId: input.packageId,
    now: input.now,
    country: input.country,
    agency: input.agency,
    operation: input.operation,
    subjects: input.subjects,
    digests,
    transcripts,
    head: { size: head.head.size, root: head.head.root },
    tool: SWEETIE_TOOL,
  });
  return new TextEncoder().encode(`${JSON.stringify(document, null, 1)}\n`);
}

export const referralJsonldFile: ClosingFile = {
  path: "referral.jsonld",
  role: "jsonld",
  compress: true,
  build: referralJsonldBytes,
};
