import { compareImages, type IdentifierKind } from "@sweetie/core/identity/index";
import { opinionSentence } from "@sweetie/core/api/comparisonSchemas";
import type { Finding, Observation, SubjectDetail } from "@sweetie/core/api/identitySchemas";
import type { DbOrTrx } from "../db/database";
import { AppError } from "../errors";
import { comparisonsOfSubject } from "./comparisonRepository";
import { attributeSubjectCountry } from "./countryAttributionService";
import { DISPLAYABLE_TYPES } from "./findingFile";
import { claimsOfSubjects } from "./identityRepository";
import { mergeSuggestionsFor } from "./mergeSuggestions";
import { subjectMembers } from "./subjectGroups";
import { summarize } from "./subjectSummary";

const iso = (d: Date) => d.toISOString();

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

  const mergeSuggestions = await mergeSuggestionsFor(db, {
    operationId,
    subjectId: subject.id,
    memberIds,
    identifiers: observations,
    notSame: notSame.map((n) => [n.subject_id, n.other_subject_id] as const),
  });

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
      text: `Pictures compared: ${opinionSentence(c.left.label, c.right.label, c.opinion, c.recordedByName)}${c.retraction ? " (retracted since)" : ""}`,
    })),
    ...comparisons.flatMap((c) =>
      c.retraction
        ? [
            {
              at: c.retraction.retractedAt,
              kind: "image_comparison_retraction",
              text: `Opinion on the pictures retracted by ${c.retraction.retractedByName}: ${c.retraction.reason}`,
            },
          ]
        : [],
    ),
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
    mergeSuggestions,
    country,
    comparisons,
  };
}
