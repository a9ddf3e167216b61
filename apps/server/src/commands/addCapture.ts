import { createHash } from "node:crypto";
import { sql } from "kysely";
import { recordAudit } from "../audit/recordAudit";
import type { CaptureBytesStore } from "../blobs/captureBytes";
import { recordImageHashes } from "../identity/imageHashes";
import { checkCapture, MAX_CAPTURE_BYTES } from "../conversations/captureFile";
import type { EvidenceSink } from "../conversations/evidence";
import type { Db } from "../db/database";
import { AppError } from "../errors";
import { CAPTURE_EVIDENCE_COLUMNS } from "../ledger/evidenceSourceTables";
import type { SourceRow } from "../ledger/evidenceSources";
import type { Actor } from "../policies/authorize";

/**
 * Stores a capture of the counterpart's webcam as evidence: type-checked by its bytes,
 * size-limited, hashed with SHA-256, recorded with who took it, and appended to the ledger.
 */
export async function addCapture(
  db: Db,
  ports: { evidence: EvidenceSink; captures: CaptureBytesStore },
  input: {
    actor: Actor;
    operationId: string;
    conversationId: string;
    fileName: string;
    mediaType: string;
    bytes: Uint8Array;
  },
): Promise<{ id: string; sha256: string; sizeBytes: number; mediaType: string }> {
  const check = checkCapture(input.bytes, input.mediaType);
  if (!check.ok)
    throw new AppError("capture_rejected", { detail: `${check.reason} Nothing was stored.` });
  const sha256 = createHash("sha256").update(input.bytes).digest("hex");
  // The file is in the blob store before any row names it (content-addressed: storing it again
  // keeps the one already there; a transaction that then fails leaves a file nothing names).
  const staged = await ports.captures.stage(input.bytes, MAX_CAPTURE_BYTES);
  await staged.commit();
  const capture = await db.transaction().execute(async (trx) => {
    const conversation = await trx
      .selectFrom("conversations")
      .select(["id", "purged_at"])
      .where("id", "=", input.conversationId)
      .where("operation_id", "=", input.operationId)
      .executeTakeFirst();
    if (!conversation || conversation.purged_at) {
      throw new AppError("not_found", {
        detail: "No conversation with this id in this operation.",
      });
    }
    const { rows: inserted } = await sql<SourceRow>`
      insert into captures
        (operation_id, conversation_id, media_type, file_name, size_bytes, sha256, captured_by)
      values (${input.operationId}, ${conversation.id}, ${check.mediaType}, ${input.fileName},
              ${input.bytes.length}, ${sha256}, ${input.actor.userId})
      returning ${sql.raw(CAPTURE_EVIDENCE_COLUMNS)}
    `.execute(trx);
    // The bytes just written are these: the entry commits to their hash (verify re-hashes them).
    const capture = { ...inserted[0]!, bytes_sha256: sha256 };
    const event = await trx
      .insertInto("events")
      .values({
        operation_id: input.operationId,
        conversation_id: conversation.id,
        kind: "capture.taken",
        payload: JSON.stringify({
          capture: capture.id,
          sha256,
          sizeBytes: input.bytes.length,
          mediaType: check.mediaType,
          fileName: input.fileName,
        }),
        actor_id: input.actor.userId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await ports.evidence.append(trx, [
      {
        kind: "capture",
        operationId: input.operationId,
        source: { table: "captures", id: capture.id },
        row: capture,
      },
      { kind: "event", operationId: input.operationId, source: { table: "events", id: event.id } },
    ]);
    await recordAudit(trx, input.actor, {
      action: "capture.added",
      operationId: input.operationId,
      targetType: "capture",
      targetId: capture.id,
      details: { sha256, sizeBytes: input.bytes.length },
    });
    return { id: capture.id, sha256, sizeBytes: input.bytes.length, mediaType: check.mediaType };
  });
  // Its perceptual hashes (direct and mirrored), so the workspace can suggest "same image"
  // between captures and findings' images. Decision support only: never face recognition (S3).
  if (capture.mediaType.startsWith("image/")) {
    await recordImageHashes(db, ports.captures.blobs, sha256, input.bytes);
  }
  return capture;
}
