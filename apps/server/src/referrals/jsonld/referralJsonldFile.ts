import { createHash } from "node:crypto";
import { transcriptText } from "../conversationDigest";
import type { ClosingFile, FileChunks, PackageContext } from "../packageAssembler";
import { referralJsonldChunks } from "./referralJsonld";
import type { PackageFileFacts } from "./referralJsonldInput";

/** The tool the graph names as the instrument of every action. */
export const SWEETIE_TOOL = { name: "Sweetie", version: "0.1.0" } as const;

/**
 * referral.jsonld from what the package holds, as text chunks the ZIP pulls one at a time.
 * Each conversation's transcript.txt is the package's default rendering; its bytes are
 * rebuilt here to state its size and SHA-256.
 */
export function referralJsonld(context: PackageContext): FileChunks {
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
  const chunks = referralJsonldChunks({
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
  return { chunks };
}

export const referralJsonldFile: ClosingFile = {
  path: "referral.jsonld",
  role: "jsonld",
  build: referralJsonld,
};
