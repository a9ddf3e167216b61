import type { JsonValue } from "@sweetie/core/ledger/index";
import { sql } from "kysely";
import type { EvidenceSource, SourceRow } from "./evidenceSourceTypes";

// A disclosure export (0025): what the defence was given (the conversations), the package's
// SHA-256 and the signed head it proves against, who exported it and when. One disclosure entry,
// rebuilt from these columns on every verify.

const utcMicros = (column: string) =>
  `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** The evidence columns of disclosure_exports (shared with the insert's RETURNING clause). */
export const DISCLOSURE_EXPORT_EVIDENCE_COLUMNS = `id::text, operation_id::text,
  disclosure_id::text as disclosure, scope, target_id::text as target, conversation_ids,
  package_sha256, package_size_bytes, head_size, head_root, files,
  exported_by::text as "exportedBy", ${utcMicros("created_at")} as "createdAt"`;

export const disclosureExportsSource: EvidenceSource = {
  table: "disclosure_exports",
  kinds: ["disclosure"],
  covers: [
    {
      table: "disclosure_exports",
      via: "id",
      columns: [
        "id",
        "operation_id",
        "disclosure_id",
        "scope",
        "target_id",
        "conversation_ids",
        "package_sha256",
        "package_size_bytes",
        "head_size",
        "head_root",
        "files",
        "exported_by",
        "created_at",
      ],
    },
  ],
  select: (ids) => sql<SourceRow>`
    select ${sql.raw(DISCLOSURE_EXPORT_EVIDENCE_COLUMNS)}
      from disclosure_exports where id = any(${[...ids]}::uuid[])`,
  toContent: (row) => ({
    operationId: row.operation_id,
    content: {
      id: row.id,
      disclosure: row.disclosure as string,
      scope: row.scope as string,
      target: row.target as string,
      conversations: row.conversation_ids as JsonValue,
      packageSha256: row.package_sha256 as string,
      packageSizeBytes: Number(row.package_size_bytes),
      headSize: Number(row.head_size),
      headRoot: row.head_root as string,
      files: Number(row.files),
      exportedBy: row.exportedBy as string,
      createdAt: row.createdAt as string,
    },
  }),
  async purge(db, id) {
    await db.deleteFrom("disclosure_exports").where("id", "=", id).execute();
  },
};
