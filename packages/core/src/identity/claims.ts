// Claims: "this subject uses account X", each resting on cited sources. A claim is established
// only with two independent sources and a sign-off by a reviewer who is not its author.

export const CLAIM_PREDICATES = [
  "uses_account",
  "uses_email",
  "uses_phone",
  "is_named",
  "lives_in",
  "works_at",
  "appears_in_image",
  "is_aged",
] as const;
export type ClaimPredicate = (typeof CLAIM_PREDICATES)[number];

export const CLAIM_PREDICATE_WORDS: Record<ClaimPredicate, string> = {
  uses_account: "uses the account",
  uses_email: "uses the email address",
  uses_phone: "uses the phone number",
  is_named: "is named",
  lives_in: "lives in",
  works_at: "works at",
  appears_in_image: "appears in the image",
  is_aged: "is aged",
};

/** A cited source, as the independence rule sees it. */
export type CitedSource =
  | {
      type: "finding";
      id: string;
      /** SHA-256 of the finding's captured file, if it has one. */
      fileSha256: string | null;
      /** The finding this one was found through (derived from), if any. */
      derivedFrom: string | null;
    }
  | { type: "observation"; id: string; messageId: string | null; conversationId: string | null };

/**
 * Groups cited sources into independent origins. Two sources are one origin when they are the
 * same finding or observation, carry the same captured file, one was derived from the other
 * (directly or through a chain), or they are what the subject said in the same conversation.
 * `findings` gives the derivation links of findings that are not cited themselves.
 */
export function independentOrigins(
  sources: readonly CitedSource[],
  derivation: ReadonlyMap<string, string | null> = new Map(),
): string[][] {
  const parent = new Map<string, string>();
  const find = (key: string): string => {
    let root = key;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root)!;
    parent.set(key, root);
    return root;
  };
  const union = (a: string, b: string) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra, rb);
  };
  const links = new Map(derivation);
  for (const source of sources) {
    if (source.type === "finding" && !links.has(source.id))
      links.set(source.id, source.derivedFrom);
  }
  const keys: string[] = [];
  for (const source of sources) {
    const key = `${source.type}:${source.id}`;
    keys.push(key);
    find(key);
    if (source.type === "finding") {
      if (source.fileSha256) union(key, `file:${source.fileSha256}`);
      // Walk the derivation chain to its root: everything found through one finding is one origin.
      const seen = new Set<string>([source.id]);
      let current = links.get(source.id) ?? null;
      while (current && !seen.has(current)) {
        seen.add(current);
        union(key, `finding:${current}`);
        current = links.get(current) ?? null;
      }
    } else if (source.conversationId) {
      union(key, `conversation:${source.conversationId}`);
    } else if (source.messageId) {
      union(key, `message:${source.messageId}`);
    }
  }
  const groups = new Map<string, string[]>();
  for (const key of new Set(keys)) {
    const root = find(key);
    groups.set(root, [...(groups.get(root) ?? []), key]);
  }
  return [...groups.values()];
}

export interface ClaimFacts {
  authorId: string;
  retracted: boolean;
  /** Active (not retracted) citations. */
  sources: readonly CitedSource[];
  derivation?: ReadonlyMap<string, string | null>;
  /** Active sign-offs, with when they were given. */
  signOffs: readonly { reviewerId: string; at: string }[];
  /** When the claim's cited sources last changed (a citation added or retracted). */
  sourcesChangedAt: string;
}

export type ClaimStatus =
  | { established: true; independentSources: number; signedOffBy: string }
  | { established: false; independentSources: number; missing: string[] };

/** Whether a claim is established, and if not, what it still needs, in the reviewer's words. */
export function claimStatus(facts: ClaimFacts): ClaimStatus {
  const independentSources = independentOrigins(facts.sources, facts.derivation).length;
  const missing: string[] = [];
  if (facts.retracted) missing.push("The claim was retracted.");
  if (independentSources < 2) {
    missing.push(
      independentSources === 0
        ? "It cites no source yet: cite two independent findings or observations."
        : "It rests on one source only: cite a second, independent one (another capture, not found through the first).",
    );
  }
  // A sign-off counts for the sources as they stood when it was given, and only from someone
  // other than the author.
  const valid = facts.signOffs.filter(
    (s) => s.reviewerId !== facts.authorId && s.at >= facts.sourcesChangedAt,
  );
  if (valid.length === 0) {
    missing.push(
      facts.signOffs.some((s) => s.reviewerId !== facts.authorId)
        ? "Its sources changed after the sign-off: a reviewer must sign it off again."
        : "A reviewer who is not its author must sign it off.",
    );
  }
  if (missing.length > 0) return { established: false, independentSources, missing };
  return {
    established: true,
    independentSources,
    signedOffBy: valid[valid.length - 1]!.reviewerId,
  };
}
