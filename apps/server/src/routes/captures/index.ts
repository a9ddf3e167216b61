import { blobStoreFor } from "../../blobs/deploymentBlobStore";
import { captureBytesIn } from "../../blobs/captureBytes";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { recordAudit } from "../../audit/recordAudit";
import { addCapture } from "../../commands/addCapture";
import { assertCaptureRevealed, revealedTargets } from "../../commands/exposure";
import { CAPTURE_LIMIT_MESSAGE } from "@sweetie/core/api/limits";
import { MAX_CAPTURE_BYTES } from "../../conversations/captureFile";
import { AppError } from "../../errors";
import { operationAccess } from "../../policies/operationAccess";
import type { ConsoleRouteDeps } from "../conversations/index";
import { sendInertBytes } from "../inertBytes";
import { conversationParams, operationParams } from "../conversations/schema";

const captureSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  mediaType: z.string(),
  /** Untrusted (S7): shown as text only. */
  fileName: z.string(),
  sizeBytes: z.number(),
  sha256: z.string(),
  capturedBy: z.string(),
  createdAt: z.string(),
  purged: z.boolean(),
  /** You revealed it within the reveal window (and are within budget): its bytes are yours to load. */
  revealed: z.boolean(),
});

/** Webcam captures: stored as evidence, shown blurred, greyscale and muted until revealed (S8). */
export const captureRoutes: FastifyPluginAsyncZod<ConsoleRouteDeps> = async (
  app,
  { store, runtime, clock, config },
) => {
  const db = store.db;
  const captures = captureBytesIn(blobStoreFor(store, config));

  app.post(
    "/api/operations/:operationId/conversations/:conversationId/captures",
    {
      // Base64 of a 5 MiB file, with room for the JSON around it.
      bodyLimit: Math.ceil((MAX_CAPTURE_BYTES * 4) / 3) + 64 * 1024,
      config: { tooLargeDetail: CAPTURE_LIMIT_MESSAGE },
      schema: {
        summary:
          "Add a capture of the counterpart's webcam (PNG, JPEG, WebP, WebM or MP4, at most 5 MiB)",
        tags: ["captures"],
        params: conversationParams,
        body: z.object({
          fileName: z.string().trim().min(1).max(255),
          mediaType: z.string().max(100),
          dataBase64: z.base64(),
        }),
        response: {
          201: z.object({
            capture: z.object({
              id: z.string(),
              sha256: z.string(),
              sizeBytes: z.number(),
              mediaType: z.string(),
            }),
          }),
        },
      },
    },
    async (request, reply) => {
      const { actor, operation } = await operationAccess(
        db,
        request,
        request.params.operationId,
        "conversation.operate",
      );
      const capture = await addCapture(
        db,
        { evidence: runtime.evidence, captures },
        {
          actor,
          operationId: operation.id,
          conversationId: request.params.conversationId,
          fileName: request.body.fileName,
          mediaType: request.body.mediaType,
          bytes: Uint8Array.from(Buffer.from(request.body.dataBase64, "base64")),
        },
      );
      await runtime.bus.publish([
        {
          kind: "conversations",
          operationId: operation.id,
          conversationIds: [request.params.conversationId],
        },
      ]);
      return reply.code(201).send({ capture });
    },
  );

  app.get(
    "/api/operations/:operationId/conversations/:conversationId/captures",
    {
      schema: {
        summary: "A conversation's captures (metadata only)",
        tags: ["captures"],
        params: conversationParams,
        response: { 200: z.object({ captures: z.array(captureSchema) }) },
      },
    },
    async (request) => {
      const { actor, operation } = await operationAccess(
        db,
        request,
        request.params.operationId,
        "conversation.read",
      );
      const rows = await db
        .selectFrom("captures")
        .select([
          "id",
          "conversation_id",
          "media_type",
          "file_name",
          "size_bytes",
          "sha256",
          "captured_by",
          "created_at",
        ])
        .select((eb) => eb("purged_at", "is not", null).as("purged"))
        .where("operation_id", "=", operation.id)
        .where("conversation_id", "=", request.params.conversationId)
        .orderBy("created_at")
        .execute();
      const revealed = await revealedTargets(
        db,
        {
          operationId: operation.id,
          userId: actor.userId,
          now: clock.now(),
          windowMinutes: config.SWEETIE_REVEAL_MINUTES,
        },
        "capture",
        rows.map((row) => row.id),
      );
      return {
        captures: rows.map((row) => ({
          id: row.id,
          conversationId: row.conversation_id,
          mediaType: row.media_type,
          fileName: row.file_name,
          sizeBytes: row.size_bytes,
          sha256: row.sha256,
          capturedBy: row.captured_by,
          createdAt: row.created_at.toISOString(),
          purged: Boolean(row.purged),
          revealed: revealed.has(row.id),
        })),
      };
    },
  );

  app.get(
    "/api/operations/:operationId/captures/:captureId/content",
    {
      schema: {
        summary:
          "A capture's bytes, once you revealed it within the reveal window and while today's exposure budget allows (every read is audited)",
        tags: ["captures"],
        params: operationParams.extend({ captureId: z.uuid() }),
      },
    },
    async (request, reply) => {
      const { actor, operation } = await operationAccess(
        db,
        request,
        request.params.operationId,
        "evidence.reveal",
      );
      const capture = await db
        .selectFrom("captures")
        .select(["id", "media_type"])
        .where("id", "=", request.params.captureId)
        .where("operation_id", "=", operation.id)
        .executeTakeFirst();
      if (!capture) throw new AppError("not_found", { detail: "No capture with this id." });
      // S8 on the server: the bytes leave only after a reveal, and not past the budget.
      await assertCaptureRevealed(
        db,
        {
          operationId: operation.id,
          userId: actor.userId,
          now: clock.now(),
          windowMinutes: config.SWEETIE_REVEAL_MINUTES,
        },
        capture.id,
      );
      // Streamed from the blob store, never read whole into memory.
      const bytes = await captures.open(db, capture.id);
      if (!bytes) throw new AppError("not_found", { detail: "This capture was purged." });
      await recordAudit(db, actor, {
        action: "capture.read",
        operationId: operation.id,
        targetType: "capture",
        targetId: capture.id,
      });
      // Counterpart bytes (S7): the stored type only, never sniffed, sandboxed, not cached.
      return sendInertBytes(reply, bytes, { mediaType: capture.media_type, disposition: "inline" });
    },
  );
};
