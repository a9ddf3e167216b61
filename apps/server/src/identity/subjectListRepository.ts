import type { SubjectSummary } from "@sweetie/core/api/identitySchemas";
import type { IdentityConfidence } from "@sweetie/core/identity/identityConfidence";
import type { DbOrTrx } from "../db/database";
import { claimsOfSubjects } from "./identityRepository";
import { subjectMembers } from "./subjectGroups";
import { count, summarize } from "./subjectSummary";

export interface SubjectFilter {
  country?: string | undefined;
  status?: "established" | "open" | undefined;
  /** Only subjects with claims awaiting sign-off. */
  needsSignOff?: boolean | undefined;
  /** Only subjects whose identification has come this far (exactly this level). */
  confidence?: IdentityConfidence | undefined;
}

/**
 * The operation's subjects that stand on their own, with their status and what needs work,
 * filtered, and sorted by what needs work first (claims awaiting sign-off, then not
 * established, then the newest).
 */
export async function listSubjects(
  db: DbOrTrx,
  operationId: string,
  filter: SubjectFilter = {},
): Promise<SubjectSummary[]> {
  const subjects = await listSubjectsIn(db, [operationId], filter);
  return subjects.map(({ operationId: _operation, ...summary }) => summary);
}

/**
 * The same list over several operations (the caller has checked the person may read each), each
 * subject with the id of its operation, sorted as one list by what needs work first.
 */
export async function listSubjectsIn(
  db: DbOrTrx,
  operationIds: readonly string[],
  filter: SubjectFilter = {},
): Promise<(SubjectSummary & { operationId: string })[]> {
  if (operationIds.length === 0) return [];
  const subjects = await db
    .selectFrom("subjects")
    .select(["id", "label", "country", "created_at", "operation_id"])
    .where("operation_id", "in", operationIds)
    .where("merged_into", "is", null)
    .$if(filter.country !== undefined, (q) =>
      q.where("country", "=", filter.country!.toUpperCase()),
    )
    .orderBy("created_at", "desc")
    .execute();
  if (subjects.length === 0) return [];
  const members = await subjectMembers(
    db,
    subjects.map((s) => s.id),
  );
  const all = [...members.values()].flat();
  const [claims, observations, findings, links] = await Promise.all([
    claimsOfSubjects(
      db,
      subjects.map((s) => s.id),
    ),
    db.selectFrom("observations").select("subject_id").where("subject_id", "in", all).execute(),
    db.selectFrom("findings").select("subject_id").where("subject_id", "in", all).execute(),
    db
      .selectFrom("subject_conversations")
      .select("subject_id")
      .where("subject_id", "in", all)
      .execute(),
  ]);
  const summaries = subjects.map((subject) => {
    const ids = members.get(subject.id) ?? [subject.id];
    const summary = summarize(
      subject,
      claims.filter((c) => c.subjectId === subject.id),
      {
        identifiers: count(observations, ids),
        findings: count(findings, ids),
        conversations: count(links, ids),
        members: ids.length,
      },
      null,
    );
    return { ...summary, operationId: subject.operation_id };
  });
  return summaries
    .filter(
      (s) =>
        filter.status === undefined || (filter.status === "established") === s.status.established,
    )
    .filter((s) => !filter.needsSignOff || s.awaitingSignOff > 0)
    .filter((s) => filter.confidence === undefined || s.identityConfidence === filter.confidence)
    .sort(
      (a, b) =>
        b.awaitingSignOff - a.awaitingSignOff ||
        Number(a.status.established) - Number(b.status.established) ||
        b.createdAt.localeCompare(a.createdAt),
    );
}
