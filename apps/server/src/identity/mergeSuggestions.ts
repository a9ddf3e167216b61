import { suggestMerges, type IdentifierKind } from "@sweetie/core/identity/index";
import type { DbOrTrx } from "../db/database";

/**
 * Merge suggestions for a subject: other standing subjects of the operation that share a
 * normalized identifier with it (each followed to the subject it was merged into), minus pairs
 * an analyst said are not the same person, each with its label and the shared values. Never
 * merges anything.
 */
export async function mergeSuggestionsFor(
  db: DbOrTrx,
  input: {
    operationId: string;
    subjectId: string;
    memberIds: readonly string[];
    identifiers: readonly { kind: IdentifierKind; normalized: string }[];
    notSame: readonly (readonly [string, string])[];
  },
) {
  const { operationId, memberIds } = input;
  const observations = input.identifiers;
  const subject = { id: input.subjectId };
  // Merge suggestions: other standing subjects of the operation sharing an identifier.
  const others = await db
    .selectFrom("observations as o")
    .innerJoin("subjects as s", "s.id", "o.subject_id")
    .select(["o.subject_id", "o.kind", "o.normalized", "s.label", "s.merged_into"])
    .where("o.operation_id", "=", operationId)
    .where("o.subject_id", "not in", memberIds)
    .where((eb) =>
      eb.or(
        observations.length
          ? observations.map((o) =>
              eb.and([eb("o.kind", "=", o.kind), eb("o.normalized", "=", o.normalized)]),
            )
          : [eb.val(false)],
      ),
    )
    .execute();
  const rootOf = async (id: string) => {
    let current = id;
    for (let hops = 0; hops < 20; hops++) {
      const row = await db
        .selectFrom("subjects")
        .select("merged_into")
        .where("id", "=", current)
        .executeTakeFirst();
      if (!row?.merged_into) return current;
      current = row.merged_into;
    }
    return current;
  };
  const otherIdentifiers = new Map<string, { kind: IdentifierKind; normalized: string }[]>();
  const labels = new Map<string, string>();
  for (const row of others) {
    const root = await rootOf(row.subject_id);
    if (root === subject.id) continue;
    labels.set(root, labels.get(root) ?? row.label);
    otherIdentifiers.set(root, [
      ...(otherIdentifiers.get(root) ?? []),
      { kind: row.kind as IdentifierKind, normalized: row.normalized },
    ]);
  }
  const suggestions = suggestMerges(
    [
      { subjectId: subject.id, identifiers: observations },
      ...[...otherIdentifiers].map(([id, identifiers]) => ({ subjectId: id, identifiers })),
    ],
    input.notSame,
  ).filter((s) => s.subjectIds.includes(subject.id));
  return suggestions.map((s) => {
    const other = s.subjectIds[0] === subject.id ? s.subjectIds[1] : s.subjectIds[0];
    return { subjectId: other, label: labels.get(other) ?? "", shared: s.shared };
  });
}
