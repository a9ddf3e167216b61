import {
  CLAIM_PREDICATE_WORDS,
  claimStatus,
  gradingInWords,
  type CitedSource,
  type ClaimPredicate,
  type ClaimStatus,
  type Credibility,
  type Reliability,
} from "@sweetie/core/identity/index";
import type { DbOrTrx } from "../db/database";
import { ledgerEntryIds } from "./ledgerEntryIds";
import { subjectMembers } from "./subjectGroups";
import { utcMicrosOfDate } from "../ledger/evidenceSources";

export interface CitationView {
  id: string;
  ledgerEntryId: string | null;
  citedBy: string;
  createdAt: string;
  retracted: boolean;
  source:
    | {
        type: "finding";
        findingId: string;
        ledgerEntryId: string | null;
        title: string;
        sourceUrl: string | null;
        seenAt: string;
        fileSha256: string | null;
        fileMediaType: string | null;
        fileSizeBytes: number | null;
        derivedFrom: string | null;
      }
    | {
        type: "observation";
        observationId: string;
        ledgerEntryId: string | null;
        kind: string;
        value: string;
        messageId: string | null;
        conversationId: string | null;
        span: { start: number; end: number } | null;
        eventId: string | null;
        findingId: string | null;
      };
}

export interface ClaimView {
  id: string;
  /** The subject asked for (merged subjects' claims come with their root). */
  subjectId: string;
  /** The subject the claim was recorded on (differs after a merge). */
  recordedOnSubjectId: string;
  predicate: ClaimPredicate;
  /** "uses the account", for a sentence: "<subject> uses the account <value>". */
  predicateWords: string;
  value: string;
  normalized: string;
  authorId: string;
  createdAt: string;
  ledgerEntryId: string | null;
  retracted: boolean;
  grading: {
    reliability: Reliability;
    credibility: Credibility;
    words: string;
    reason: string;
    gradedBy: string;
    ledgerEntryId: string | null;
  } | null;
  citations: CitationView[];
  signOffs: {
    id: string;
    reviewerId: string;
    note: string;
    createdAt: string;
    ledgerEntryId: string | null;
    retracted: boolean;
  }[];
  status: ClaimStatus;
}

const iso = (date: Date) => utcMicrosOfDate(date);

/**
 * Every claim of these subjects (and of the subjects merged into them), with its grading,
 * citations and their sources, sign-offs, whether it was retracted, whether it is established
 * and the ledger entry id of each piece: what the subject page, the review queue and the
 * referral builder show.
 */
export async function claimsOfSubjects(
  db: DbOrTrx,
  subjectIds: readonly string[],
): Promise<ClaimView[]> {
  const members = await subjectMembers(db, subjectIds);
  const rootOf = new Map<string, string>();
  for (const [root, ids] of members)
    for (const id of ids) if (!rootOf.has(id)) rootOf.set(id, root);
  const allSubjects = [...rootOf.keys()];
  if (allSubjects.length === 0) return [];
  const claims = await db
    .selectFrom("claims")
    .selectAll()
    .where("subject_id", "in", allSubjects)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  if (claims.length === 0) return [];
  const claimIds = claims.map((c) => c.id);
  const [citations, gradings, signOffs] = await Promise.all([
    db
      .selectFrom("claim_citations as cc")
      .leftJoin("findings as f", "f.id", "cc.finding_id")
      .leftJoin("observations as o", "o.id", "cc.observation_id")
      .leftJoin("messages as m", "m.id", "o.message_id")
      .select([
        "cc.id",
        "cc.claim_id",
        "cc.finding_id",
        "cc.observation_id",
        "cc.cited_by",
        "cc.created_at",
        "f.title",
        "f.source_url",
        "f.seen_at",
        "f.file_sha256",
        "f.file_media_type",
        "f.file_size_bytes",
        "f.derived_from",
        "o.kind",
        "o.value",
        "o.message_id",
        "o.span_start",
        "o.span_end",
        "o.event_id",
        "o.finding_id as observation_finding_id",
        "m.conversation_id",
      ])
      .where("cc.claim_id", "in", claimIds)
      .orderBy("cc.created_at")
      .execute(),
    db
      .selectFrom("claim_gradings")
      .selectAll()
      .where("claim_id", "in", claimIds)
      .orderBy("created_at")
      .orderBy("id")
      .execute(),
    db
      .selectFrom("claim_signoffs")
      .selectAll()
      .where("claim_id", "in", claimIds)
      .orderBy("created_at")
      .execute(),
  ]);
  const targets = [...claimIds, ...citations.map((c) => c.id), ...signOffs.map((s) => s.id)];
  const retractedAt = new Map(
    (
      await db
        .selectFrom("retractions")
        .select(["target_id", "created_at"])
        .where("target_id", "in", [
          ...targets,
          ...citations.flatMap((c) => (c.finding_id ? [c.finding_id] : [])),
        ])
        .execute()
    ).map((r) => [r.target_id, iso(r.created_at)]),
  );
  const retracted = { has: (id: string) => retractedAt.has(id) };
  // Findings found through other findings: the chain decides independence.
  const derivation = new Map<string, string | null>();
  let frontier = citations.flatMap((c) => (c.derived_from ? [c.derived_from] : []));
  while (frontier.length > 0) {
    const rows = await db
      .selectFrom("findings")
      .select(["id", "derived_from"])
      .where("id", "in", frontier)
      .execute();
    frontier = [];
    for (const row of rows) {
      if (derivation.has(row.id)) continue;
      derivation.set(row.id, row.derived_from);
      if (row.derived_from && !derivation.has(row.derived_from)) frontier.push(row.derived_from);
    }
  }
  const [
    claimEntries,
    citationEntries,
    gradingEntries,
    signOffEntries,
    findingEntries,
    observationEntries,
  ] = await Promise.all([
    ledgerEntryIds(db, "claims", claimIds),
    ledgerEntryIds(
      db,
      "claim_citations",
      citations.map((c) => c.id),
    ),
    ledgerEntryIds(
      db,
      "claim_gradings",
      gradings.map((g) => g.id),
    ),
    ledgerEntryIds(
      db,
      "claim_signoffs",
      signOffs.map((s) => s.id),
    ),
    ledgerEntryIds(
      db,
      "findings",
      citations.flatMap((c) => (c.finding_id ? [c.finding_id] : [])),
    ),
    ledgerEntryIds(
      db,
      "observations",
      citations.flatMap((c) => (c.observation_id ? [c.observation_id] : [])),
    ),
  ]);

  return claims.map((claim) => {
    const own = citations.filter((c) => c.claim_id === claim.id);
    const views: CitationView[] = own.map((c) => ({
      id: c.id,
      ledgerEntryId: citationEntries.get(c.id) ?? null,
      citedBy: c.cited_by,
      createdAt: iso(c.created_at),
      retracted: retracted.has(c.id) || (c.finding_id !== null && retracted.has(c.finding_id)),
      source: c.finding_id
        ? {
            type: "finding",
            findingId: c.finding_id,
            ledgerEntryId: findingEntries.get(c.finding_id) ?? null,
            title: c.title ?? "",
            sourceUrl: c.source_url,
            seenAt: c.seen_at ? iso(c.seen_at) : "",
            fileSha256: c.file_sha256,
            fileMediaType: c.file_media_type,
            fileSizeBytes: c.file_size_bytes === null ? null : Number(c.file_size_bytes),
            derivedFrom: c.derived_from,
          }
        : {
            type: "observation",
            observationId: c.observation_id!,
            ledgerEntryId: observationEntries.get(c.observation_id!) ?? null,
            kind: c.kind ?? "",
            value: c.value ?? "",
            messageId: c.message_id,
            conversationId: c.conversation_id,
            span:
              c.span_start !== null && c.span_end !== null
                ? { start: c.span_start, end: c.span_end }
                : null,
            eventId: c.event_id,
            findingId: c.observation_finding_id,
          },
    }));
    const active = views.filter((v) => !v.retracted);
    const sources: CitedSource[] = active.map((v) =>
      v.source.type === "finding"
        ? {
            type: "finding",
            id: v.source.findingId,
            fileSha256: v.source.fileSha256,
            derivedFrom: v.source.derivedFrom,
          }
        : {
            type: "observation",
            id: v.source.observationId,
            messageId: v.source.messageId,
            conversationId: v.source.conversationId,
          },
    );
    // The sources changed when a citation was added, or it or its finding was retracted.
    const changedAt = [
      iso(claim.created_at),
      ...own.flatMap((c) => [
        iso(c.created_at),
        retractedAt.get(c.id) ?? "",
        (c.finding_id && retractedAt.get(c.finding_id)) || "",
      ]),
    ]
      .sort()
      .at(-1)!;
    const signOffViews = signOffs
      .filter((s) => s.claim_id === claim.id)
      .map((s) => ({
        id: s.id,
        reviewerId: s.reviewer_id,
        note: s.note,
        createdAt: iso(s.created_at),
        ledgerEntryId: signOffEntries.get(s.id) ?? null,
        retracted: retracted.has(s.id),
      }));
    const grading = gradings.filter((g) => g.claim_id === claim.id).at(-1);
    const isRetracted = retracted.has(claim.id);
    return {
      id: claim.id,
      subjectId: rootOf.get(claim.subject_id) ?? claim.subject_id,
      recordedOnSubjectId: claim.subject_id,
      predicate: claim.predicate as ClaimPredicate,
      predicateWords: CLAIM_PREDICATE_WORDS[claim.predicate as ClaimPredicate] ?? claim.predicate,
      value: claim.value,
      normalized: claim.normalized,
      authorId: claim.author_id,
      createdAt: iso(claim.created_at),
      ledgerEntryId: claimEntries.get(claim.id) ?? null,
      retracted: isRetracted,
      grading: grading
        ? {
            reliability: grading.reliability as Reliability,
            credibility: grading.credibility as Credibility,
            words: gradingInWords(
              grading.reliability as Reliability,
              grading.credibility as Credibility,
            ),
            reason: grading.reason,
            gradedBy: grading.graded_by,
            ledgerEntryId: gradingEntries.get(grading.id) ?? null,
          }
        : null,
      citations: views,
      signOffs: signOffViews,
      status: claimStatus({
        authorId: claim.author_id,
        retracted: isRetracted,
        sources,
        derivation,
        signOffs: signOffViews
          .filter((s) => !s.retracted)
          .map((s) => ({ reviewerId: s.reviewerId, at: s.createdAt })),
        sourcesChangedAt: changedAt,
      }),
    };
  });
}
