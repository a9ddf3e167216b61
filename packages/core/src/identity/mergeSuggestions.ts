import { DISTINGUISHING_KINDS, type IdentifierKind } from "./entities";

export interface SubjectIdentifiers {
  subjectId: string;
  identifiers: readonly { kind: IdentifierKind; normalized: string }[];
}

export interface MergeSuggestion {
  /** The two subjects, in a stable order (smaller id first). */
  subjectIds: [string, string];
  /** The shared normalized identifiers: the reasons shown to the analyst. */
  shared: { kind: IdentifierKind; normalized: string }[];
}

const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/**
 * Subjects that share a distinguishing identifier (email, phone, account, URL, image, network
 * origin), with what they share. Pairs an analyst said are not the same person are left out.
 * Never merges: the analyst decides.
 */
export function suggestMerges(
  subjects: readonly SubjectIdentifiers[],
  notSamePairs: readonly (readonly [string, string])[] = [],
): MergeSuggestion[] {
  const excluded = new Set(notSamePairs.map(([a, b]) => pairKey(a, b)));
  const holders = new Map<string, Set<string>>();
  for (const subject of subjects) {
    for (const identifier of subject.identifiers) {
      if (!DISTINGUISHING_KINDS.has(identifier.kind)) continue;
      const key = `${identifier.kind}\u0000${identifier.normalized}`;
      const set = holders.get(key) ?? new Set<string>();
      set.add(subject.subjectId);
      holders.set(key, set);
    }
  }
  const suggestions = new Map<string, MergeSuggestion>();
  for (const [key, set] of holders) {
    const ids = [...set].sort();
    const [kind, normalized] = key.split("\u0000") as [IdentifierKind, string];
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        const pair = pairKey(ids[i]!, ids[j]!);
        if (excluded.has(pair)) continue;
        const suggestion = suggestions.get(pair) ?? { subjectIds: [ids[i]!, ids[j]!], shared: [] };
        suggestion.shared.push({ kind, normalized });
        suggestions.set(pair, suggestion);
      }
    }
  }
  return [...suggestions.values()].sort((a, b) => b.shared.length - a.shared.length);
}
