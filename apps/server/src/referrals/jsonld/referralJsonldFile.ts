import type { ClosingFile, FileChunks, PackageContext } from "../packageFiles";
import { referralJsonldOnThread } from "./referralJsonldThread";

/** The tool the graph names as the instrument of every action. */
export const SWEETIE_TOOL = { name: "Sweetie", version: "0.1.0" } as const;

/**
 * referral.jsonld from what the package holds, as chunks the ZIP pulls one at a time, written
 * on a thread of its own (referralJsonldThread.ts). Each conversation's transcript.txt is the
 * package's default rendering; its bytes are rebuilt there to state its size and SHA-256.
 */
export function referralJsonld(context: PackageContext): FileChunks {
  const { input, head, digests } = context;
  const chunks = referralJsonldOnThread(
    {
      packageId: input.packageId,
      now: input.now,
      country: input.country,
      agency: input.agency,
      operation: input.operation,
      subjects: input.subjects,
      head: { size: head.head.size, root: head.head.root },
      tool: SWEETIE_TOOL,
    },
    digests,
  );
  return { chunks };
}

export const referralJsonldFile: ClosingFile = {
  path: "referral.jsonld",
  role: "jsonld",
  build: referralJsonld,
};
