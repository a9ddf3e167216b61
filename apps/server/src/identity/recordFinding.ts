import type { IdentifierKind } from "@sweetie/core/identity/index";
import { sql } from "kysely";
import { recordAudit } from "../audit/recordAudit";
import type { StagedBlob } from "../blobs/blobStore";
import type { Db } from "../db/database";
import { AppError } from "../errors";
import type { SourceRow } from "../ledger/evidenceSources";
import { evidenceColumns } from "../ledger/identityEvidenceSources";
import type { Actor } from "../policies/authorize";
import { checkFindingFile } from "./findingFile";
import type { IdentityPorts } from "./identityPorts";
import { recordImageHashes } from "./imageHashes";
import { recordObservations } from "./recordObservations";
import { requireSubject } from "./requireSubject";

export interface FindingInput {
  actor: Actor;
  operationId: string;
  subjectId: string;
  title: string;
  sourceUrl: string | null;
  seenAt: Date;
  note: string;
  derivedFrom: string | null;
  /** Identifiers the finding shows, recorded as observations citing it. */
  identifiers: readonly { kind: IdentifierKind; value: string; platform?: string | null }[];
  file: { fileName: string; staged: StagedBlob } | null;
}

/**
 * Records what an analyst found elsewhere: its source, when it was seen, a note, and the file
 * they captured (type checked by its bytes; stored in the blob store under its SHA-256). The
 * finding and the identifiers it shows are ledger entries; the entry commits to the file's hash.
 */
export async function recordFinding(
  db: Db,
  ports: IdentityPorts,
  input: FindingInput,
): Promise<{ id: string; fileSha256: string | null; mediaType: string | null }> {
  let mediaType: string | null = null;
  if (input.file) {
    const { staged, fileName } = input.file;
    const check = checkFindingFile({ fileName, ...staged });
    if (!check.ok) {
      await staged.discard();
      throw new AppError("finding_file_rejected", {
        detail: `${check.reason} Nothing was stored.`,
        errors: [{ field: "file", message: check.reason }],
      });
    }
    mediaType = check.mediaType;
    // The file is named by its hash before the row that cites it is written (the blob store is
    // not part of the transaction; on the embedded store it shares its one connection). A file
    // whose finding then fails is unreferenced and harmless.
    await staged.commit();
  }
  const finding = await db.transaction().execute(async (trx) => {
    await requireSubject(trx, input.operationId, input.subjectId);
    if (input.derivedFrom) {
      const parent = await trx
        .selectFrom("findings")
        .select("id")
        .where("id", "=", input.derivedFrom)
        .where("operation_id", "=", input.operationId)
        .executeTakeFirst();
      if (!parent) {
        throw new AppError("validation_failed", {
          detail: "The finding this one was found through does not exist in this operation.",
          errors: [{ field: "derivedFrom", message: "unknown finding" }],
        });
      }
    }
    const staged = input.file?.staged;
    const { rows } = await sql<SourceRow>`
      insert into findings (operation_id, subject_id, source_url, title, seen_at, note,
        file_sha256, file_size_bytes, file_media_type, file_name, derived_from, recorded_by)
      values (${input.operationId}, ${input.subjectId}, ${input.sourceUrl}, ${input.title},
        ${input.seenAt}, ${input.note}, ${staged?.sha256 ?? null}, ${staged?.sizeBytes ?? null},
        ${mediaType}, ${input.file?.fileName ?? null}, ${input.derivedFrom}, ${input.actor.userId})
      returning ${sql.raw(evidenceColumns("findings"))}`.execute(trx);
    // The bytes just stored are these: the entry commits to their hash (verify re-hashes them).
    const row = { ...rows[0]!, file_bytes_sha256: staged?.sha256 ?? null };
    await ports.evidence.append(trx, [
      {
        kind: "finding",
        operationId: input.operationId,
        source: { table: "findings", id: row.id },
        row,
      },
    ]);
    await recordObservations(
      trx,
      ports,
      input.operationId,
      input.identifiers.map((identifier) => ({
        subjectId: input.subjectId,
        kind: identifier.kind,
        value: identifier.value,
        platform: identifier.platform ?? null,
        findingId: row.id,
        recordedBy: input.actor.userId,
      })),
    );
    await recordAudit(trx, input.actor, {
      action: "finding.recorded",
      operationId: input.operationId,
      targetType: "finding",
      targetId: row.id,
      details: { subjectId: input.subjectId, fileSha256: staged?.sha256 ?? null },
    });
    return { id: row.id, fileSha256: staged?.sha256 ?? null, mediaType };
  });
  if (finding.fileSha256 && (mediaType === "image/png" || mediaType === "image/jpeg")) {
    await recordImageHashes(db, ports.blobs, finding.fileSha256);
  }
  return finding;
}
