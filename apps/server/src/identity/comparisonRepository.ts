import type { ComparisonImageRef, ImageComparison } from "@sweetie/core/api/comparisonSchemas";
import type { DbOrTrx } from "../db/database";
import { AppError } from "../errors";
import { DISPLAYABLE_TYPES } from "./findingFile";
import { subjectMembers } from "./subjectGroups";

// Queries of the side-by-side image comparison: which pictures of a subject may be compared,
// and the opinions recorded on them.

/** Webcam captures shown as still pictures (clips are not compared side by side). */
const COMPARABLE_CAPTURE_TYPES = ["image/png", "image/jpeg", "image/webp"];

export interface ComparisonImage extends ComparisonImageRef {
  sha256: string;
  mediaType: string;
  label: string;
  createdAt: Date;
}

const captureLabel = (handle: string, at: Date) =>
  `Webcam capture from the conversation with ${handle}, ${at.toISOString().slice(0, 16).replace("T", " ")} UTC`;

/**
 * One picture of the subject (or of a subject merged into it): a still webcam capture of one of
 * its conversations, or a finding's PNG or JPEG. Anything else is not_found, with what to do.
 */
export async function comparisonImage(
  db: DbOrTrx,
  operationId: string,
  subjectId: string,
  ref: ComparisonImageRef,
): Promise<ComparisonImage> {
  const members = (await subjectMembers(db, [subjectId])).get(subjectId) ?? [subjectId];
  if (ref.kind === "capture") {
    const row = await db
      .selectFrom("captures as c")
      .innerJoin("subject_conversations as sc", "sc.conversation_id", "c.conversation_id")
      .innerJoin("conversations as v", "v.id", "c.conversation_id")
      .select(["c.id", "c.sha256", "c.media_type", "c.created_at", "v.counterpart_handle"])
      .where("c.id", "=", ref.id)
      .where("c.operation_id", "=", operationId)
      .where("sc.subject_id", "in", members)
      .where("c.purged_at", "is", null)
      .where("c.media_type", "in", COMPARABLE_CAPTURE_TYPES)
      .executeTakeFirst();
    if (!row) throw notComparable("capture");
    return {
      kind: "capture",
      id: row.id,
      sha256: row.sha256,
      mediaType: row.media_type,
      label: captureLabel(row.counterpart_handle, row.created_at),
      createdAt: row.created_at,
    };
  }
  const row = await db
    .selectFrom("findings")
    .select(["id", "title", "file_sha256", "file_media_type", "created_at"])
    .where("id", "=", ref.id)
    .where("operation_id", "=", operationId)
    .where("subject_id", "in", members)
    .executeTakeFirst();
  if (!row?.file_sha256 || !row.file_media_type || !DISPLAYABLE_TYPES.has(row.file_media_type))
    throw notComparable("finding");
  return {
    kind: "finding",
    id: row.id,
    sha256: row.file_sha256,
    mediaType: row.file_media_type,
    label: `Finding “${row.title}”`,
    createdAt: row.created_at,
  };
}

const notComparable = (kind: "capture" | "finding") =>
  new AppError("not_found", {
    detail:
      kind === "capture"
        ? "No still webcam capture with this id in this subject's conversations. Choose a picture listed on the subject's page."
        : "No finding with a PNG or JPEG picture under this id on this subject. Choose a picture listed on the subject's page.",
  });

/**
 * The opinions recorded on a subject and the subjects merged into it, oldest first, each with
 * its retraction (who, when, why) when it was retracted.
 */
export async function comparisonsOfSubject(
  db: DbOrTrx,
  memberIds: readonly string[],
): Promise<ImageComparison[]> {
  if (memberIds.length === 0) return [];
  const rows = await db
    .selectFrom("image_comparisons as ic")
    .innerJoin("users as u", "u.id", "ic.recorded_by")
    .leftJoin("retractions as r", (join) =>
      join.onRef("r.target_id", "=", "ic.id").on("r.target_table", "=", "image_comparisons"),
    )
    .leftJoin("users as ru", "ru.id", "r.retracted_by")
    .selectAll("ic")
    .select([
      "u.display_name",
      "r.reason as retraction_reason",
      "r.retracted_by",
      "ru.display_name as retracted_by_name",
      "r.created_at as retracted_at",
    ])
    .where("ic.subject_id", "in", [...memberIds])
    .orderBy("ic.created_at")
    .execute();
  const findingIds = rows.flatMap((r) =>
    [
      r.left_kind === "finding" ? r.left_id : null,
      r.right_kind === "finding" ? r.right_id : null,
    ].filter((id): id is string => id !== null),
  );
  const titles = new Map(
    findingIds.length
      ? (
          await db
            .selectFrom("findings")
            .select(["id", "title"])
            .where("id", "in", findingIds)
            .execute()
        ).map((f) => [f.id, f.title])
      : [],
  );
  const side = (kind: "capture" | "finding", id: string, sha256: string) => ({
    kind,
    id,
    sha256,
    label: kind === "finding" ? `the finding “${titles.get(id) ?? "?"}”` : "a webcam capture",
  });
  return rows.map((r) => ({
    id: r.id,
    subjectId: r.subject_id,
    left: side(r.left_kind, r.left_id, r.left_sha256),
    right: side(r.right_kind, r.right_id, r.right_sha256),
    opinion: r.opinion,
    reason: r.reason,
    recordedBy: r.recorded_by,
    recordedByName: r.display_name,
    createdAt: r.created_at.toISOString(),
    retraction:
      r.retracted_by && r.retracted_at
        ? {
            reason: r.retraction_reason ?? "",
            retractedBy: r.retracted_by,
            retractedByName: r.retracted_by_name ?? "",
            retractedAt: r.retracted_at.toISOString(),
          }
        : null,
  }));
}

/** A finding of the operation with its file's hash and type, or undefined (another operation's too). */
export function findingInOperation(db: DbOrTrx, operationId: string, findingId: string) {
  return db
    .selectFrom("findings")
    .select(["id", "subject_id", "file_sha256", "file_media_type"])
    .where("id", "=", findingId)
    .where("operation_id", "=", operationId)
    .executeTakeFirst();
}
