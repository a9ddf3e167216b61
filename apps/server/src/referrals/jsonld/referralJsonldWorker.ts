import { createHash } from "node:crypto";
import { parentPort, workerData } from "node:worker_threads";
import { transcriptText, type ConversationDigest } from "../conversationDigest";
import { batchText, JSONLD_TAIL, referralJsonldBatches } from "./referralJsonld";
import type { PackageFileFacts, ReferralJsonldInput } from "./referralJsonldInput";

// The thread that writes referral.jsonld's nodes (referralJsonldThread.ts starts it and bundles
// this file for it): the header comes as workerData, then one message per subject in input
// order with that subject's digests, then one that ends the document. Each is answered with
// the text it adds. Only the current subject's digests are held here.

/** What the thread needs besides the digests, which come a subject at a time. */
export type ReferralJsonldHeader = Omit<ReferralJsonldInput, "digests" | "transcripts">;

export type JsonldRequest = { digests: readonly ConversationDigest[] } | { end: true };
/**
 * Text, not bytes: a transferred buffer is freed only when the receiving heap collects it, and
 * the build's heap collects rarely (measured: 40 MB more RSS with bytes), while a string is
 * copied into it and its garbage counts towards the next collection.
 */
export type JsonldReply = { text: string } | { error: string };

/** A conversation's transcript.txt (the package's default rendering) by path, size and hash. */
export function transcriptFacts(digest: ConversationDigest): PackageFileFacts {
  const bytes = new TextEncoder().encode(transcriptText(digest));
  return {
    path: digest.entriesPath.replace(/entries\.jsonl$/, "transcript.txt"),
    mediaType: "text/plain",
    sizeBytes: bytes.length,
    sha256: createHash("sha256").update(bytes).digest("hex"),
  };
}

function serve(port: NonNullable<typeof parentPort>, header: ReferralJsonldHeader): void {
  const digests = new Map<string, readonly ConversationDigest[]>();
  const transcripts = new Map<string, PackageFileFacts>();
  const batches = referralJsonldBatches({ ...header, digests, transcripts });
  let subject = 0;
  let first = true;
  const nextText = () => {
    const batch = batches.next();
    if (batch.done) throw new Error("referral.jsonld: more subjects than the header lists");
    const text = batchText(batch.value, first);
    if (batch.value.length > 0) first = false;
    return text;
  };
  port.on("message", (request: JsonldRequest) => {
    let reply: JsonldReply;
    try {
      let text: string;
      if ("digests" in request) {
        const current = header.subjects[subject++];
        if (!current) throw new Error("referral.jsonld: more subjects than the header lists");
        digests.set(current.id, request.digests);
        for (const digest of request.digests) transcripts.set(digest.id, transcriptFacts(digest));
        text = nextText();
        digests.delete(current.id);
        for (const digest of request.digests) transcripts.delete(digest.id);
      } else {
        if (subject !== header.subjects.length) {
          throw new Error("referral.jsonld: the document ended before its last subject");
        }
        text = nextText() + JSONLD_TAIL;
      }
      reply = { text };
    } catch (error) {
      reply = { error: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage(reply);
  });
}

if (parentPort) serve(parentPort, workerData as ReferralJsonldHeader);
