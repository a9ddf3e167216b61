import type { DbOrTrx } from "../db/database";
import { claimsOfSubjects, type ClaimView } from "./claimsRepository";
import { ledgerEntryIds } from "./ledgerEntryIds";
import { subjectMembers } from "./subjectGroups";
import { utcMicrosOfDate } from "../ledger/evidenceSources";

export { claimsOfSubjects, type ClaimView, type CitationView } from "./claimsRepository";

/** Whether a subject's identity is established, and if not, why not (in the reviewer's words). */
export type SubjectStatus =
  { established: true; reasons: [] } | { established: false; reasons: string[] };

export interface ReferralSubject {
  id: string;
  label: string;
  /** ISO 3166-1 alpha-2 an analyst confirmed, or null. */
  country: string | null;
  /** The latest country confirmation (its ledger entry and the reasons shown then). */
  countryConfirmation: {
    id: string;
    country: string;
    reasons: unknown;
    confirmedBy: string;
    createdAt: string;
    ledgerEntryId: string | null;
  } | null;
  /** This subject and every subject merged into it. */
  memberSubjectIds: string[];
  conversationIds: string[];
  status: SubjectStatus;
  /** The established claims only, with their cited sources. */
  establishedClaims: ClaimView[];
}

/** A subject's status from its claims and country. */
export function subjectStatus(country: string | null, claims: readonly ClaimView[]): SubjectStatus {
  const reasons: string[] = [];
  if (!claims.some((c) => c.status.established)) {
    reasons.push(
      claims.some((c) => !c.retracted)
        ? "No claim is established yet: each needs two independent sources and a reviewer's sign-off."
        : "No claim has been recorded yet.",
    );
  }
  if (!country) reasons.push("No country has been confirmed.");
  return reasons.length === 0
    ? { established: true, reasons: [] }
    : { established: false, reasons };
}

/**
 * The operation's subjects for a referral (optionally those of one country): each subject that
 * stands on its own (merged subjects come inside the one they were merged into), its country,
 * whether it is established and why not, and its established claims with their cited sources
 * (findings and observations with their ledger entry ids and file hashes).
 */
export async function subjectsForReferral(
  db: DbOrTrx,
  operationId: string,
  country?: string,
): Promise<ReferralSubject[]> {
  const subjects = await db
    .selectFrom("subjects")
    .select(["id", "label", "country"])
    .where("operation_id", "=", operationId)
    .where("merged_into", "is", null)
    .$if(country !== undefined, (q) => q.where("country", "=", country!.toUpperCase()))
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  if (subjects.length === 0) return [];
  const ids = subjects.map((s) => s.id);
  const members = await subjectMembers(db, ids);
  const everyMember = [...members.values()].flat();
  const [claims, links, confirmations] = await Promise.all([
    claimsOfSubjects(db, ids),
    db
      .selectFrom("subject_conversations")
      .select(["subject_id", "conversation_id"])
      .where("subject_id", "in", everyMember)
      .orderBy("created_at")
      .execute(),
    db
      .selectFrom("country_confirmations")
      .selectAll()
      .where("subject_id", "in", everyMember)
      .orderBy("created_at")
      .orderBy("id")
      .execute(),
  ]);
  const confirmationEntries = await ledgerEntryIds(
    db,
    "country_confirmations",
    confirmations.map((c) => c.id),
  );
  return subjects.map((subject) => {
    const memberIds = members.get(subject.id) ?? [subject.id];
    const own = claims.filter((c) => c.subjectId === subject.id);
    const confirmation = confirmations.filter((c) => c.subject_id === subject.id).at(-1);
    return {
      id: subject.id,
      label: subject.label,
      country: subject.country,
      countryConfirmation: confirmation
        ? {
            id: confirmation.id,
            country: confirmation.country,
            reasons: confirmation.reasons,
            confirmedBy: confirmation.confirmed_by,
            createdAt: utcMicrosOfDate(confirmation.created_at),
            ledgerEntryId: confirmationEntries.get(confirmation.id) ?? null,
          }
        : null,
      memberSubjectIds: memberIds,
      conversationIds: [
        ...new Set(
          links.filter((l) => memberIds.includes(l.subject_id)).map((l) => l.conversation_id),
        ),
      ],
      status: subjectStatus(subject.country, own),
      establishedClaims: own.filter((c) => c.status.established),
    };
  });
}
