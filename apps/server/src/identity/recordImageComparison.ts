import type { ComparisonImageRef, ComparisonOpinion } from "@sweetie/core/api/comparisonSchemas";
import { sql } from "kysely";
import { recordAudit } from "../audit/recordAudit";
import type { Db } from "../db/database";
import { AppError } from "../errors";
import type { SourceRow } from "../ledger/evidenceSources";
import { evidenceColumns } from "../ledger/identityEvidenceSources";
import type { Actor } from "../policies/authorize";
import { comparisonImage } from "./comparisonRepository";
import type { IdentityPorts } from "./identityPorts";
import { requireSubject } from "./requireSubject";

export interface ImageComparisonInput {
  actor: Actor;
  operationId: string;
  subjectId: string;
  left: ComparisonImageRef;
  right: ComparisonImageRef;
  opinion: ComparisonOpinion;
  reason: string;
}

/**
 * Records an analyst's opinion whether two pictures of a subject show the same person (issue
 * 11, build 7), with their reason. The entry names both pictures and commits to their SHA-256
 * as recorded for them. The platform compares nothing itself (S3): no face recognition.
 */
export async function recordImageComparison(
  db: Db,
  ports: Pick<IdentityPorts, "evidence">,
  input: ImageComparisonInput,
): Promise<{ id: string }> {
  return db.transaction().execute(async (trx) => {
    const subject = await requireSubject(trx, input.operationId, input.subjectId);
    const left = await comparisonImage(trx, input.operationId, subject.id, input.left);
    const right = await comparisonImage(trx, input.operationId, subject.id, input.right);
    if (left.id === right.id) {
      throw new AppError("validation_failed", {
        detail: "Choose two different pictures to compare.",
        errors: [{ field: "right", message: "the same picture as the left one" }],
      });
    }
    const { rows } = await sql<SourceRow>`
      insert into image_comparisons (operation_id, subject_id, left_kind, left_id, left_sha256,
        right_kind, right_id, right_sha256, opinion, reason, recorded_by)
      values (${input.operationId}, ${subject.id}, ${left.kind}, ${left.id}, ${left.sha256},
        ${right.kind}, ${right.id}, ${right.sha256}, ${input.opinion}, ${input.reason},
        ${input.actor.userId})
      returning ${sql.raw(evidenceColumns("image_comparisons"))}`.execute(trx);
    const row = rows[0]!;
    await ports.evidence.append(trx, [
      {
        kind: "image_comparison",
        operationId: input.operationId,
        source: { table: "image_comparisons", id: row.id },
        row,
      },
    ]);
    await recordAudit(trx, input.actor, {
      action: "image_comparison.recorded",
      operationId: input.operationId,
      targetType: "subject",
      targetId: subject.id,
      details: {
        comparisonId: row.id,
        opinion: input.opinion,
        left: { kind: left.kind, id: left.id, sha256: left.sha256 },
        right: { kind: right.kind, id: right.id, sha256: right.sha256 },
      },
    });
    return { id: row.id };
  });
}
