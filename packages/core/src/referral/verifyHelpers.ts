import type { SignedTreeHead } from "../ledger/treeHead";
import type { FindingEntry } from "./entriesProof";
import type { ManifestFile } from "./manifest";

// Small helpers of the package verifier.

const decoder = new TextDecoder();

/** Files hashed at once while the entries are proved (bounded, so memory stays small). */
export const DIGESTS_IN_FLIGHT = 8;

/** Runs at most `n` of the given tasks at a time, in the order they were handed over. */
export function concurrency(n: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return <T>(task: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const start = () => {
        running += 1;
        task()
          .then(resolve, reject)
          .finally(() => {
            running -= 1;
            waiting.shift()?.();
          });
      };
      if (running < n) start();
      else waiting.push(start);
    });
}

export function safePath(path: string): boolean {
  return (
    !path.startsWith("/") &&
    !path.includes("\\") &&
    !path.split("/").some((p) => p === ".." || p === "")
  );
}

export function parseJson<T>(
  bytes: Uint8Array,
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
): T | null {
  try {
    const parsed = schema.safeParse(JSON.parse(decoder.decode(bytes)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function sameHead(a: SignedTreeHead, b: SignedTreeHead): boolean {
  return (
    a.signature === b.signature &&
    a.publicKey === b.publicKey &&
    a.head.operation === b.head.operation &&
    a.head.size === b.head.size &&
    a.head.root === b.head.root &&
    a.head.time === b.head.time
  );
}

const KIND_WORDS: Record<string, [string, string]> = {
  claim_citation: ["claim citation", "claim citations"],
  claim_grading: ["grading", "gradings"],
  claim_signoff: ["sign-off", "sign-offs"],
  country_confirmation: ["country decision", "country decisions"],
  image_comparison: ["image comparison", "image comparisons"],
  subject_merge: ["merge decision", "merge decisions"],
  subject_conversation: ["subject link", "subject links"],
  conversation_review: ["review decision", "review decisions"],
};

/** "12 messages, 1 capture": what an entries file holds, by kind, in log order of first use. */
export function kindsInWords(kinds: ReadonlyMap<string, number>): string {
  return [...kinds]
    .map(([kind, n]) => {
      const [one, many] = KIND_WORDS[kind] ?? [
        kind.replaceAll("_", " "),
        `${kind.replaceAll("_", " ")}s`,
      ];
      return `${n} ${n === 1 ? one : many}`;
    })
    .join(", ");
}

/** A finding's file against the proved entry its manifest line names (the SHA-256 it recorded). */
export function findingCheck(
  file: ManifestFile,
  entries: ReadonlyMap<number, FindingEntry>,
): { ok: boolean; detail: string } {
  const index = file.leafIndices?.[0];
  const entry = index === undefined ? undefined : entries.get(index);
  if (!entry)
    return { ok: false, detail: "no proved finding entry in the package records this file" };
  const same =
    entry.fileSha256 === file.sha256 &&
    entry.fileBytesSha256 === file.sha256 &&
    entry.fileSizeBytes === file.size;
  return same
    ? { ok: true, detail: `the file is the one finding entry ${index} recorded` }
    : { ok: false, detail: "the file differs from the one the finding's ledger entry recorded" };
}
