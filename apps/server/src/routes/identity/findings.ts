import fastifyMultipart from "@fastify/multipart";
import { findingFieldsSchema, identifierKindSchema } from "@sweetie/core/api/identitySchemas";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { recordAudit } from "../../audit/recordAudit";
import { BlobTooLarge, type StagedBlob } from "../../blobs/blobStore";
import { assertRevealed } from "../../commands/exposure";
import { AppError } from "../../errors";
import { findingInOperation } from "../../identity/comparisonRepository";
import { sendInertBytes } from "../inertBytes";
import { DISPLAYABLE_TYPES, MAX_FINDING_FILE_BYTES } from "../../identity/findingFile";
import { recordFinding } from "../../identity/recordFinding";
import { requireSubject } from "../../identity/requireSubject";
import { operationAccess } from "../../policies/operationAccess";
import { operationParams } from "../conversations/schema";
import type { IdentityRouteDeps } from "./deps";
import { subjectParams } from "./subjects";

const EXTENSIONS: Record<string, string> = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "application/pdf": "pdf",
  "text/html": "html",
  "multipart/related": "mhtml",
};

/** Findings: what an analyst found elsewhere, with the file they captured (multipart upload). */
export const findingRoutes: FastifyPluginAsyncZod<IdentityRouteDeps> = async (
  app,
  { store, identity, clock, config },
) => {
  const db = store.db;
  // Files stream to the blob store part by part: never held whole in memory.
  await app.register(fastifyMultipart, {
    limits: {
      fileSize: MAX_FINDING_FILE_BYTES + 1,
      files: 1,
      fields: 20,
      fieldSize: 8 * 1024,
      parts: 21,
    },
  });

  app.post(
    "/api/operations/:operationId/subjects/:subjectId/findings",
    {
      bodyLimit: MAX_FINDING_FILE_BYTES + 1024 * 1024,
      schema: {
        summary:
          "Record a finding (multipart/form-data: title, sourceUrl, seenAt, note, derivedFrom, identifierKind/Value/Platform, and a file: PNG, JPEG, PDF, HTML or MHTML of at most 50 MiB)",
        tags: ["identification"],
        params: subjectParams,
        consumes: ["multipart/form-data"],
        response: {
          201: z.object({
            id: z.string(),
            fileSha256: z.string().nullable(),
            mediaType: z.string().nullable(),
          }),
        },
      },
    },
    async (request, reply) => {
      const { actor, operation } = await operationAccess(
        db,
        request,
        request.params.operationId,
        "identity.record",
      );
      await requireSubject(db, operation.id, request.params.subjectId);
      if (!request.isMultipart()) {
        throw new AppError("unsupported_media_type", {
          detail: "Send the finding as multipart/form-data, with its file as the part named file.",
        });
      }
      const fields: Record<string, string> = {};
      let file: { fileName: string; staged: StagedBlob } | null = null;
      try {
        for await (const part of request.parts()) {
          if (part.type === "file") {
            if (part.fieldname !== "file" || file) {
              part.file.resume();
              continue;
            }
            const staged = await identity.blobs.stage(part.file, MAX_FINDING_FILE_BYTES);
            if (staged.sizeBytes > 0) file = { fileName: part.filename.slice(0, 255), staged };
            else await staged.discard();
          } else if (typeof part.value === "string") {
            fields[part.fieldname] = part.value;
          }
        }
      } catch (error) {
        await file?.staged.discard();
        const tooLarge =
          error instanceof BlobTooLarge ||
          (error instanceof Error && "code" in error && error.code === "FST_REQ_FILE_TOO_LARGE");
        if (tooLarge)
          throw new AppError("finding_file_too_large", {
            errors: [{ field: "file", message: "larger than 50 MiB" }],
          });
        throw error;
      }
      const parsed = findingFieldsSchema.safeParse(fields);
      if (!parsed.success) {
        await file?.staged.discard();
        const issue = parsed.error.issues[0]!;
        const field = String(issue.path[0] ?? "title");
        throw new AppError("validation_failed", {
          detail: `Check the field “${field}”: ${issue.message}`,
          errors: parsed.error.issues.map((i) => ({
            field: String(i.path[0] ?? ""),
            message: i.message,
          })),
        });
      }
      const input = parsed.data;
      const kind = input.identifierKind ? identifierKindSchema.parse(input.identifierKind) : null;
      const finding = await recordFinding(db, identity, {
        actor,
        operationId: operation.id,
        subjectId: request.params.subjectId,
        title: input.title,
        sourceUrl: input.sourceUrl ? input.sourceUrl : null,
        seenAt: new Date(input.seenAt),
        note: input.note,
        derivedFrom: input.derivedFrom ?? null,
        identifiers:
          kind && input.identifierValue
            ? [{ kind, value: input.identifierValue, platform: input.identifierPlatform ?? null }]
            : [],
        file,
      });
      return reply.code(201).send(finding);
    },
  );

  app.get(
    "/api/operations/:operationId/findings/:findingId/file",
    {
      schema: {
        summary:
          "A finding's file (every read is audited). Images as themselves; pages and PDFs only as a download",
        tags: ["identification"],
        params: operationParams.extend({ findingId: z.uuid() }),
      },
    },
    async (request, reply) => {
      const { actor, operation } = await operationAccess(
        db,
        request,
        request.params.operationId,
        "identity.read",
      );
      const finding = await findingInOperation(db, operation.id, request.params.findingId);
      if (!finding?.file_sha256) {
        throw new AppError("not_found", { detail: "No finding with a file under this id." });
      }
      const mediaType = finding.file_media_type ?? "application/octet-stream";
      const shown = DISPLAYABLE_TYPES.has(mediaType);
      // S8: a picture's bytes leave only after this person revealed it (audited, budgeted),
      // as on the comparison; pages and PDFs are never shown, only downloaded.
      if (shown) {
        await assertRevealed(
          db,
          {
            operationId: operation.id,
            userId: actor.userId,
            now: clock.now(),
            windowMinutes: config.SWEETIE_REVEAL_MINUTES,
          },
          "finding",
          finding.id,
        );
      }
      const stream = await identity.blobs.open(finding.file_sha256);
      if (!stream) throw new AppError("not_found", { detail: "This file is no longer stored." });
      await recordAudit(db, actor, {
        action: "finding.file.read",
        operationId: operation.id,
        targetType: "finding",
        targetId: finding.id,
      });
      // Whatever the bytes are, nothing a browser would run is ever served with a runnable type:
      // pages and PDFs are downloads, the type is never sniffed, and the response is sandboxed.
      return sendInertBytes(reply, stream, {
        mediaType: shown ? mediaType : "application/octet-stream",
        disposition: `${shown ? "inline" : "attachment"}; filename="finding-${finding.id}.${EXTENSIONS[mediaType] ?? "bin"}"`,
      });
    },
  );
};
