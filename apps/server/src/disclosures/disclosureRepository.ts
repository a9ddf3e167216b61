import type { DbOrTrx } from "../db/database";
import type { DisclosureRow, DisclosureScope } from "../db/tables/disclosures";
import { AppError } from "../errors";
import { identityReferralSource } from "../referrals/identityReferralSource";
import { recordReferralSource, type ReferralSubject } from "../referrals/referralSource";

// Disclosure exports in the database: what a scope (a conversation, a subject) discloses, and
// the export rows the jobs and routes read and change.

/** A build that has not moved for this long is shown as stopped (the server was restarted). */
export const STALLED_AFTER_MS = 10 * 60_000;

/**
 * The package's subjects for a scope: a subject with all its conversations (merged subjects'
 * included), or one conversation under the subject it is linked to (or its counterpart, when
 * none). 404 when the target is not in the operation; 409 when nothing of it is in the ledger.
 */
export async function disclosureSubjects(
  db: DbOrTrx,
  operationId: string,
  scope: DisclosureScope,
  targetId: string,
): Promise<ReferralSubject[]> {
  if (scope === "subject") {
    const exists = await db
      .selectFrom("subjects")
      .select("id")
      .where("id", "=", targetId)
      .where("operation_id", "=", operationId)
      .executeTakeFirst();
    if (!exists)
      throw new AppError("not_found", { detail: "No subject with this id is in this operation." });
    let subjects = await identityReferralSource.subjects(db, operationId, {
      subjectIds: [targetId],
    });
    if (subjects.length === 0) {
      subjects = await recordReferralSource.subjects(db, operationId, { subjectIds: [targetId] });
    }
    if (subjects.every((s) => s.conversationIds.length === 0)) {
      throw new AppError("disclosure_nothing_to_export", {
        detail: "This subject has no conversation yet, so there is nothing to disclose.",
      });
    }
    return subjects;
  }
  const conversation = await db
    .selectFrom("conversations")
    .select(["id", "counterpart_handle", "purged_at"])
    .where("id", "=", targetId)
    .where("operation_id", "=", operationId)
    .executeTakeFirst();
  if (!conversation) {
    throw new AppError("not_found", {
      detail: "No conversation with this id is in this operation.",
    });
  }
  if (conversation.purged_at) {
    throw new AppError("disclosure_nothing_to_export", {
      detail:
        "This conversation's record was purged under the retention rules: only its tombstone is left.",
    });
  }
  const link = await db
    .selectFrom("subject_conversations")
    .innerJoin("subjects", "subjects.id", "subject_conversations.subject_id")
    .select(["subjects.id", "subjects.label", "subjects.country"])
    .where("subject_conversations.conversation_id", "=", targetId)
    .orderBy("subject_conversations.created_at")
    .executeTakeFirst();
  return [
    {
      id: link?.id ?? targetId,
      label: link?.label ?? `Counterpart "${conversation.counterpart_handle}" (no subject yet)`,
      country: link?.country ?? null,
      established: false,
      notEstablishedBecause: null,
      identifiers: [],
      conversationIds: [targetId],
    },
  ];
}

export async function requireDisclosure(
  db: DbOrTrx,
  operationId: string,
  disclosureId: string,
): Promise<DisclosureRow> {
  const row = await db
    .selectFrom("disclosures")
    .selectAll()
    .where("id", "=", disclosureId)
    .where("operation_id", "=", operationId)
    .executeTakeFirst();
  if (!row) throw new AppError("disclosure_not_found");
  return row;
}

/** The exports of one conversation or subject (or of the operation), newest first. */
export async function disclosuresOf(db: DbOrTrx, operationId: string, targetId?: string) {
  return db
    .selectFrom("disclosures")
    .selectAll()
    .where("operation_id", "=", operationId)
    .$if(targetId !== undefined, (q) => q.where("target_id", "=", targetId!))
    .orderBy("created_at", "desc")
    .limit(20)
    .execute();
}

/** The package's download name: what it is and when, no counterpart's words in it. */
export function disclosureFileName(row: DisclosureRow): string {
  const day = row.created_at.toISOString().slice(0, 10);
  return `disclosure-${row.scope}-${row.target_id.slice(0, 8)}-${day}.zip`;
}
