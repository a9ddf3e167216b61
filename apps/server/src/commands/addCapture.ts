import { createHash } from "node:crypto";
import { recordAudit } from "../audit/recordAudit";
import { checkCapture } from "../conversations/captureFile";
import type { EvidenceSink } from "../conversations/evidence";
import type { Db } from "../db/database";
import { AppError } from "../errors";
import type { Actor } from "../policies/authorize";

/**
 * Stores a capture of the counterpart's webcam as evidence: type-checked by its bytes,
 * size-limited, hashed with SHA-256, recorded with who took it, and appended to the ledger.
 */
export async function addCapture(
  db: Db,
  ports: { evidence: EvidenceSink },
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
  return db.transaction().execute(async (trx) => {
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
    const capture = await trx
      .insertInto("captures")
      .values({
        operation_id: input.operationId,
        conversation_id: conversation.id,
        media_type: check.mediaType,
        file_name: input.fileName,
        size_bytes: input.bytes.length,
        sha256,
        bytes: input.bytes,
        captured_by: input.actor.userId,
      })
      .returning(["id", "created_at"])
      .executeTakeFirstOrThrow();
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
        source: { table: "events", id: event.id },
      },
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
}
