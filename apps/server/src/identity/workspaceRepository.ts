import { compareImages, suggestMerges, type IdentifierKind } from "@sweetie/core/identity/index";
import { opinionSentence } from "@sweetie/core/api/comparisonSchemas";
import type {
  Finding,
  Observation,
  SubjectDetail,
  SubjectSummary,
} from "@sweetie/core/api/identitySchemas";
import type { DbOrTrx } from "../db/database";
import { AppError } from "../errors";
import { comparisonsOfSubject } from "./comparisonRepository";
import { attributeSubjectCountry } from "./countryAttributionService";
import { DISPLAYABLE_TYPES } from "./findingFile";
import { claimsOfSubjects, subjectStatus, type ClaimView } from "./identityRepository";
import { subjectMembers } from "./subjectGroups";

const iso = (d: Date) => d.toISOString();

export interface SubjectFilter {
  country?: string | undefined;
  status?: "established" | "open" | undefined;
  /** Only subjects with claims awaiting sign-off. */
  needsSignOff?: boolean | undefined;
}

function summarize(
  subject: { id: string; label: string; country: string | null; created_at: Date },
  claims: readonly ClaimView[],
  counts: { identifiers: number; findings: number; conversations: number; members: number },
  confidence: number | null,
): SubjectSummary {
  const active = claims.filter((c) => !c.retracted);
  return {
    id: subject.id,
    label: subject.label,
    country: subject.country,
    status: subjectStatus(subject.country, claims),
    establishedClaims: active.filter((c) => c.status.established).length,
    claims: active.length,
    awaitingSignOff: active.filter(awaitsSignOff).length,
    identifiers: counts.identifiers,
    findings: counts.findings,
    conversations: counts.conversations,
    confidence,
    mergedSubjects: counts.members - 1,
    createdAt: iso(subject.created_at),
  };
}

/** A claim a reviewer can act on: not established, not retracted, no valid sign-off yet. */
export function awaitsSignOff(claim: ClaimView): boolean {
  if (claim.retracted || claim.status.established) return false;
  return claim.status.missing.some((m) => /sign it off/u.test(m));
}

const count = (rows: readonly { subject_id: string }[], ids: readonly string[]) =>
  rows.filter((r) => ids.includes(r.subject_id)).length;

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
  const subjects = await db
    .selectFrom("subjects")
    .select(["id", "label", "country", "created_at"])
    .where("operation_id", "=", operationId)
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
    return summarize(
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
  });
  return summaries
    .filter(
      (s) =>
        filter.status === undefined || (filter.status === "established") === s.status.established,
    )
    .filter((s) => !filter.needsSignOff || s.awaitingSignOff > 0)
    .sort(
      (a, b) =>
        b.awaitingSignOff - a.awaitingSignOff ||
        Number(a.status.established) - Number(b.status.established) ||
        b.createdAt.localeCompare(a.createdAt),
    );
}

/** Everything the subject page shows, for a subject of the operation. */
export async function subjectDetail(
  db: DbOrTrx,
  operationId: string,
  subjectId: string,
): Promise<SubjectDetail> {
  const subject = await db
    .selectFrom("subjects")
    .select(["id", "label", "country", "created_at", "merged_into"])
    .where("id", "=", subjectId)
    .where("operation_id", "=", operationId)
    .executeTakeFirst();
  if (!subject)
    throw new AppError("not_found", { detail: "No subject with this id in this operation." });
  const memberIds = (await subjectMembers(db, [subject.id])).get(subject.id) ?? [subject.id];
  const [memberRows, observationRows, findingRows, claims, conversations, notSame] =
    await Promise.all([
      db.selectFrom("subjects").select(["id", "label"]).where("id", "in", memberIds).execute(),
      db
        .selectFrom("observations as o")
        .leftJoin("messages as m", "m.id", "o.message_id")
        .select([
          "o.id",
          "o.subject_id",
          "o.kind",
          "o.value",
          "o.normalized",
          "o.platform",
          "o.message_id",
          "o.span_start",
          "o.span_end",
          "o.rule",
          "o.event_id",
          "o.finding_id",
          "o.recorded_by",
          "o.created_at",
          "m.conversation_id",
          "m.seq",
        ])
        .where("o.subject_id", "in", memberIds)
        .orderBy("o.created_at")
        .execute(),
      db
        .selectFrom("findings as f")
        .innerJoin("users as u", "u.id", "f.recorded_by")
        .selectAll("f")
        .select("u.display_name")
        .where("f.subject_id", "in", memberIds)
        .orderBy("f.created_at")
        .execute(),
      claimsOfSubjects(db, [subject.id]),
      db
        .selectFrom("subject_conversations as sc")
        .innerJoin("conversations as c", "c.id", "sc.conversation_id")
        .select(["c.id", "c.counterpart_handle", "c.stage", "c.created_at", "c.last_message_at"])
        .where("sc.subject_id", "in", memberIds)
        .orderBy("c.created_at")
        .execute(),
      db
        .selectFrom("subject_merges")
        .select(["subject_id", "other_subject_id", "decision"])
        .where("operation_id", "=", operationId)
        .where("decision", "=", "not_same")
        .execute(),
    ]);
  const conversationIds = conversations.map((c) => c.id);
  const captures = conversationIds.length
    ? await db
        .selectFrom("captures")
        .select(["id", "conversation_id", "sha256", "media_type", "created_at"])
        .where("conversation_id", "in", conversationIds)
        .orderBy("created_at")
        .execute()
    : [];
  const retracted = new Set(
    findingRows.length
      ? (
          await db
            .selectFrom("retractions")
            .select("target_id")
            .where(
              "target_id",
              "in",
              findingRows.map((f) => f.id),
            )
            .execute()
        ).map((r) => r.target_id)
      : [],
  );

  // "Same image" suggestions: every stored image hash of this operation's findings and captures.
  const operationImages = await db
    .selectFrom("image_hashes as h")
    .leftJoin("findings as f", (join) =>
      join.onRef("f.file_sha256", "=", "h.sha256").on("f.operation_id", "=", operationId),
    )
    .leftJoin("captures as c", (join) =>
      join.onRef("c.sha256", "=", "h.sha256").on("c.operation_id", "=", operationId),
    )
    .select(["h.sha256", "h.phash", "h.phash_mirrored", "f.id as finding_id", "c.id as capture_id"])
    .where((eb) => eb.or([eb("f.id", "is not", null), eb("c.id", "is not", null)]))
    .execute();
  const hashOf = new Map(
    operationImages.map((i) => [i.sha256, { phash: i.phash, phashMirrored: i.phash_mirrored }]),
  );

  const findings: Finding[] = findingRows.map((f) => {
    const own = f.file_sha256 ? hashOf.get(f.file_sha256) : undefined;
    const similar: Finding["similarImages"] = [];
    if (own) {
      const seen = new Set<string>();
      for (const other of operationImages) {
        const id = other.finding_id ?? other.capture_id!;
        if (id === f.id || seen.has(id)) continue;
        const result = compareImages(own, {
          phash: other.phash,
          phashMirrored: other.phash_mirrored,
        });
        if (!result.sameImage) continue;
        seen.add(id);
        similar.push({
          kind: other.finding_id ? "finding" : "capture",
          id,
          distance: result.distance,
          mirrored: result.mirrored,
        });
      }
    }
    return {
      id: f.id,
      subjectId: f.subject_id,
      title: f.title,
      sourceUrl: f.source_url,
      seenAt: iso(f.seen_at),
      note: f.note,
      file:
        f.file_sha256 && f.file_media_type
          ? {
              sha256: f.file_sha256,
              sizeBytes: f.file_size_bytes ?? 0,
              mediaType: f.file_media_type,
              fileName: f.file_name ?? "",
              displayable: DISPLAYABLE_TYPES.has(f.file_media_type),
            }
          : null,
      derivedFrom: f.derived_from,
      recordedBy: f.recorded_by,
      recordedByName: f.display_name,
      createdAt: iso(f.created_at),
      retracted: retracted.has(f.id),
      similarImages: similar,
    };
  });

  const observations: Observation[] = observationRows.map((o) => ({
    id: o.id,
    subjectId: o.subject_id,
    kind: o.kind as IdentifierKind,
    value: o.value,
    normalized: o.normalized,
    platform: o.platform,
    provenance:
      o.kind === "network_origin" && (o.event_id || (o.message_id && o.span_start === null))
        ? {
            type: "network",
            messageId: o.message_id,
            conversationId: o.conversation_id,
            seq: o.seq,
            eventId: o.event_id,
          }
        : o.message_id
          ? {
              type: "message",
              messageId: o.message_id,
              conversationId: o.conversation_id,
              seq: o.seq,
              span: { start: o.span_start ?? 0, end: o.span_end ?? 0 },
              rule: o.rule,
            }
          : { type: "finding", findingId: o.finding_id ?? "", recordedBy: o.recorded_by },
    createdAt: iso(o.created_at),
  }));

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
    notSame.map((n) => [n.subject_id, n.other_subject_id] as const),
  ).filter((s) => s.subjectIds.includes(subject.id));

  const country = await attributeSubjectCountry(db, subject.id);
  const total = country.candidates.reduce((sum, c) => sum + c.score, 0);
  const summary = summarize(
    subject,
    claims,
    {
      identifiers: observations.length,
      findings: findings.length,
      conversations: conversations.length,
      members: memberIds.length,
    },
    total > 0 ? country.candidates[0]!.score / total : null,
  );

  const comparisons = await comparisonsOfSubject(db, memberIds);
  const timeline = [
    ...conversations.map((c) => ({
      at: iso(c.created_at),
      kind: "conversation",
      text: `Conversation with ${c.counterpart_handle} began`,
    })),
    ...findings.map((f) => ({
      at: f.createdAt,
      kind: "finding",
      text: `Finding recorded: ${f.title}`,
    })),
    ...claims.map((c) => ({
      at: c.createdAt,
      kind: "claim",
      text: `Claim recorded: ${c.predicateWords} ${c.value}`,
    })),
    ...comparisons.map((c) => ({
      at: c.createdAt,
      kind: "image_comparison",
      text: `Pictures compared: ${opinionSentence(c.left.label, c.right.label, c.opinion, c.recordedByName)}`,
    })),
    ...claims.flatMap((c) =>
      c.signOffs.map((s) => ({
        at: s.createdAt,
        kind: "sign_off",
        text: `Claim signed off: ${c.predicateWords} ${c.value}`,
      })),
    ),
  ].sort((a, b) => a.at.localeCompare(b.at));

  return {
    subject: { ...summary, mergedInto: subject.merged_into },
    members: memberRows.filter((m) => m.id !== subject.id),
    observations,
    findings,
    claims,
    conversations: conversations.map((c) => ({
      id: c.id,
      counterpartHandle: c.counterpart_handle,
      stage: c.stage,
      createdAt: iso(c.created_at),
      lastMessageAt: c.last_message_at ? iso(c.last_message_at) : null,
    })),
    captures: captures.map((c) => ({
      id: c.id,
      conversationId: c.conversation_id,
      sha256: c.sha256,
      mediaType: c.media_type,
      createdAt: iso(c.created_at),
    })),
    timeline,
    mergeSuggestions: suggestions.map((s) => {
      const other = s.subjectIds[0] === subject.id ? s.subjectIds[1] : s.subjectIds[0];
      return { subjectId: other, label: labels.get(other) ?? "", shared: s.shared };
    }),
    country,
    comparisons,
  };
}
