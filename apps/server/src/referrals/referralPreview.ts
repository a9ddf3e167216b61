import type { ReferralCandidate, ReferralPreview } from "@sweetie/core/api/referralSchemas";
import type { ReferralStatus } from "@sweetie/core/referral/lifecycle";
import { sql } from "kysely";
import type { DbOrTrx } from "../db/database";
import { subjectsForReferral, type ReferralSubject } from "../identity/identityRepository";
import { listAgencies, presentAgency } from "./agencyRepository";
import { citationWords } from "./identityReferralSource";

// What the builder shows: the subjects attributed to a country with their status, and what a
// package of the chosen ones will contain, before anything is built.

/** Subject ids already carried by other referrals of the operation, with their status. */
async function referralsOf(db: DbOrTrx, operationId: string, exceptReferralId?: string) {
  const rows = await db
    .selectFrom("referrals")
    .select(["id", "status", "subject_ids"])
    .where("operation_id", "=", operationId)
    .$if(exceptReferralId !== undefined, (q) => q.where("id", "<>", exceptReferralId!))
    .execute();
  const bySubject = new Map<string, { id: string; status: ReferralStatus }[]>();
  for (const row of rows) {
    for (const subjectId of row.subject_ids) {
      const list = bySubject.get(subjectId) ?? [];
      list.push({ id: row.id, status: row.status as ReferralStatus });
      bySubject.set(subjectId, list);
    }
  }
  return bySubject;
}

/** The operation's subjects attributed to `country`, established or not (and why not). */
export async function referralCandidates(
  db: DbOrTrx,
  operationId: string,
  country: string,
  exceptReferralId?: string,
): Promise<ReferralCandidate[]> {
  const [subjects, inReferrals] = await Promise.all([
    subjectsForReferral(db, operationId, country),
    referralsOf(db, operationId, exceptReferralId),
  ]);
  return subjects.map((s) => ({
    id: s.id,
    label: s.label,
    country: s.country,
    established: s.status.established,
    reasons: s.status.reasons,
    establishedClaims: s.establishedClaims.length,
    conversations: s.conversationIds.length,
    inReferrals: inReferrals.get(s.id) ?? [],
  }));
}

interface ConversationCounts {
  id: string;
  counterpart: string;
  messages: number;
  captures: number;
  entries: number;
}

async function conversationCounts(
  db: DbOrTrx,
  operationId: string,
  ids: readonly string[],
): Promise<Map<string, ConversationCounts>> {
  if (ids.length === 0) return new Map();
  const { rows } = await sql<ConversationCounts>`
    select c.id::text, c.counterpart_handle as counterpart,
      (select count(*)::int from messages m where m.conversation_id = c.id) as messages,
      (select count(*)::int from captures k where k.conversation_id = c.id) as captures,
      (select count(*)::int from ledger_entries le
        where le.operation_id = ${operationId} and le.purged_at is null and le.source_id in (
          select c.id::text
          union all select m.id::text from messages m where m.conversation_id = c.id
          union all select e.id::text from events e where e.conversation_id = c.id
          union all select k.id::text from captures k where k.conversation_id = c.id
          union all select r.id::text from conversation_reviews r where r.conversation_id = c.id
          union all select s.id::text from subject_conversations s where s.conversation_id = c.id
        )) as entries
      from conversations c
     where c.operation_id = ${operationId} and c.id = any(${[...ids]}::uuid[])`.execute(db);
  return new Map(rows.map((row) => [row.id, row]));
}

/** The files every package carries besides each conversation's evidence. */
export const PACKAGE_FILES: ReferralPreview["files"] = [
  { path: "report.pdf", what: "the readable report: cover, one section per subject, timeline" },
  { path: "verify.html", what: "a page that checks the whole package in a browser, offline" },
  { path: "evidence/…", what: "per conversation its ledger entries, transcript and captures" },
  { path: "proofs/…", what: "an inclusion proof for every entry, the signed head, consistency" },
  { path: "manifest.json", what: "every file with its SHA-256, signed (manifest.json.sig)" },
];

export interface PreviewSelection {
  country: string;
  agencyId: string | null;
  subjectIds: readonly string[];
}

/**
 * What a package of these subjects would contain and what stands in the way of releasing it
 * (warnings in words). `blocking` lists what must be fixed before release.
 */
export async function previewReferral(
  db: DbOrTrx,
  operationId: string,
  selection: PreviewSelection,
): Promise<ReferralPreview & { blocking: string[] }> {
  const all = await subjectsForReferral(db, operationId);
  const byId = new Map(all.map((s) => [s.id, s]));
  const chosen: ReferralSubject[] = [];
  const blocking: string[] = [];
  const warnings: string[] = [];
  for (const id of selection.subjectIds) {
    const subject = byId.get(id);
    if (!subject) {
      blocking.push(
        "A chosen subject no longer stands on its own (it was merged into another): choose again.",
      );
    } else if (subject.country !== selection.country) {
      blocking.push(
        `${subject.label} is now attributed to ${subject.country ?? "no country"}, not ${selection.country}: take it out or confirm its country again.`,
      );
    } else chosen.push(subject);
  }
  if (selection.subjectIds.length === 0) blocking.push("Choose at least one subject.");
  const agencies = await listAgencies(db, selection.country);
  const agency = agencies.find((a) => a.id === selection.agencyId) ?? null;
  if (!agency) {
    blocking.push(
      agencies.length === 0
        ? `No agency is registered for ${selection.country}. Ask a system administrator to register the receiving agency first.`
        : "Choose the registered agency that will receive the package.",
    );
  }
  for (const subject of chosen) {
    if (!subject.status.established)
      warnings.push(
        `${subject.label} is not established: ${subject.status.reasons.join(" ")} The report will say so.`,
      );
    if (subject.conversationIds.length === 0)
      warnings.push(`${subject.label} has no conversation: the package carries no chat for them.`);
  }
  const counts = await conversationCounts(
    db,
    operationId,
    chosen.flatMap((s) => s.conversationIds),
  );
  const subjects = chosen.map((s) => ({
    id: s.id,
    label: s.label,
    established: s.status.established,
    reasons: s.status.reasons,
    claims: s.establishedClaims.map((c) => ({
      words: c.predicateWords,
      value: c.value,
      ledgerEntryId: c.ledgerEntryId,
      sources: c.citations.filter((x) => !x.retracted).map(citationWords),
    })),
    conversations: s.conversationIds.flatMap((id) => {
      const c = counts.get(id);
      return c ? [c] : [];
    }),
  }));
  const conversations = subjects.flatMap((s) => s.conversations);
  return {
    country: selection.country,
    agency: agency ? presentAgency(agency) : null,
    subjects,
    totals: {
      subjects: subjects.length,
      conversations: conversations.length,
      messages: conversations.reduce((n, c) => n + c.messages, 0),
      captures: conversations.reduce((n, c) => n + c.captures, 0),
      ledgerEntries: conversations.reduce((n, c) => n + c.entries, 0),
    },
    files: PACKAGE_FILES,
    warnings: [...blocking, ...warnings],
    blocking,
  };
}
