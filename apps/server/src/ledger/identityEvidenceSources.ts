import type { JsonValue } from "@sweetie/core/ledger/index";
import type { EntryKind } from "@sweetie/core/ledger/index";
import { sql } from "kysely";
import { databaseBlobStore } from "../blobs/databaseBlobStore";
import type { EvidenceSource, SourceRow } from "./evidenceSourceTypes";

// The identification workspace's evidence tables (0016): each row is one entry whose content is
// rebuilt from exactly these columns on every verify. A finding's entry also commits to the
// SHA-256 of its file as the blob store holds it now (re-hashed on every verify).

type FieldType = "uuid" | "text" | "integer" | "timestamp" | "json";

interface Field {
  column: string;
  /** The content's field name. */
  field: string;
  type: FieldType;
}

// As evidenceSourceTables formats them: microseconds, UTC, so a sub-millisecond edit shows.
const utcMicros = (column: string) =>
  `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

function selectExpression({ column, field, type }: Field): string {
  switch (type) {
    case "uuid":
      return `${column}::text as "${field}"`;
    case "timestamp":
      return `${utcMicros(column)} as "${field}"`;
    default:
      return `${column} as "${field}"`;
  }
}

/** The evidence columns of `table` as SQL select expressions (shared with RETURNING clauses). */
export function evidenceColumns(table: keyof typeof FIELDS): string {
  return [
    "id::text as id",
    "operation_id::text as operation_id",
    ...FIELDS[table].map(selectExpression),
  ].join(", ");
}

const f = (column: string, field: string, type: FieldType): Field => ({ column, field, type });

const FIELDS = {
  findings: [
    f("subject_id", "subject", "uuid"),
    f("source_url", "sourceUrl", "text"),
    f("title", "title", "text"),
    f("seen_at", "seenAt", "timestamp"),
    f("note", "note", "text"),
    f("file_sha256", "fileSha256", "text"),
    f("file_size_bytes", "fileSizeBytes", "integer"),
    f("file_media_type", "fileMediaType", "text"),
    f("file_name", "fileName", "text"),
    f("derived_from", "derivedFrom", "uuid"),
    f("recorded_by", "recordedBy", "uuid"),
    f("created_at", "createdAt", "timestamp"),
  ],
  observations: [
    f("subject_id", "subject", "uuid"),
    f("kind", "kind", "text"),
    f("value", "value", "text"),
    f("normalized", "normalized", "text"),
    f("platform", "platform", "text"),
    f("message_id", "message", "uuid"),
    f("span_start", "spanStart", "integer"),
    f("span_end", "spanEnd", "integer"),
    f("rule", "rule", "text"),
    f("event_id", "event", "uuid"),
    f("finding_id", "finding", "uuid"),
    f("recorded_by", "recordedBy", "uuid"),
    f("created_at", "createdAt", "timestamp"),
  ],
  claims: [
    f("subject_id", "subject", "uuid"),
    f("predicate", "predicate", "text"),
    f("value", "value", "text"),
    f("normalized", "normalized", "text"),
    f("author_id", "author", "uuid"),
    f("created_at", "createdAt", "timestamp"),
  ],
  claim_citations: [
    f("claim_id", "claim", "uuid"),
    f("finding_id", "finding", "uuid"),
    f("observation_id", "observation", "uuid"),
    f("cited_by", "citedBy", "uuid"),
    f("created_at", "createdAt", "timestamp"),
  ],
  claim_gradings: [
    f("claim_id", "claim", "uuid"),
    f("reliability", "reliability", "text"),
    f("credibility", "credibility", "text"),
    f("reason", "reason", "text"),
    f("graded_by", "gradedBy", "uuid"),
    f("created_at", "createdAt", "timestamp"),
  ],
  claim_signoffs: [
    f("claim_id", "claim", "uuid"),
    f("reviewer_id", "reviewer", "uuid"),
    f("note", "note", "text"),
    f("created_at", "createdAt", "timestamp"),
  ],
  retractions: [
    f("target_table", "targetTable", "text"),
    f("target_id", "target", "uuid"),
    f("reason", "reason", "text"),
    f("retracted_by", "retractedBy", "uuid"),
    f("created_at", "createdAt", "timestamp"),
  ],
  subject_merges: [
    f("subject_id", "subject", "uuid"),
    f("other_subject_id", "otherSubject", "uuid"),
    f("decision", "decision", "text"),
    f("reasons", "reasons", "json"),
    f("decided_by", "decidedBy", "uuid"),
    f("created_at", "createdAt", "timestamp"),
  ],
  country_confirmations: [
    f("subject_id", "subject", "uuid"),
    f("country", "country", "text"),
    f("reasons", "reasons", "json"),
    f("note", "note", "text"),
    f("confirmed_by", "confirmedBy", "uuid"),
    f("created_at", "createdAt", "timestamp"),
  ],
  image_comparisons: [
    f("subject_id", "subject", "uuid"),
    f("left_kind", "leftKind", "text"),
    f("left_id", "left", "uuid"),
    f("left_sha256", "leftSha256", "text"),
    f("right_kind", "rightKind", "text"),
    f("right_id", "right", "uuid"),
    f("right_sha256", "rightSha256", "text"),
    f("opinion", "opinion", "text"),
    f("reason", "reason", "text"),
    f("recorded_by", "recordedBy", "uuid"),
    f("created_at", "createdAt", "timestamp"),
  ],
} as const satisfies Record<string, readonly Field[]>;

const KINDS: Record<keyof typeof FIELDS, EntryKind> = {
  findings: "finding",
  observations: "observation",
  claims: "claim",
  claim_citations: "claim_citation",
  claim_gradings: "claim_grading",
  claim_signoffs: "claim_signoff",
  retractions: "retraction",
  subject_merges: "subject_merge",
  country_confirmations: "country_confirmation",
  image_comparisons: "image_comparison",
};

function tableSource(table: keyof typeof FIELDS): EvidenceSource {
  const fields: readonly Field[] = FIELDS[table];
  return {
    table,
    kinds: [KINDS[table]],
    covers: [
      {
        table,
        via: "id",
        columns: ["id", "operation_id", ...fields.map((field) => field.column)],
      },
    ],
    select: (ids) => sql<SourceRow>`
      select ${sql.raw(evidenceColumns(table))}
        from ${sql.table(table)} where id = any(${[...ids]}::uuid[])`,
    toContent: (row) => {
      const content: Record<string, JsonValue> = { id: row.id };
      for (const { field } of fields) content[field] = (row[field] ?? null) as JsonValue;
      if (table === "findings")
        content.fileBytesSha256 = (row.file_bytes_sha256 ?? null) as JsonValue;
      return { operationId: row.operation_id, content };
    },
    async purge(db, id) {
      await db.deleteFrom(table).where("id", "=", id).execute();
    },
  };
}

const findings: EvidenceSource = {
  ...tableSource("findings"),
  // The entry commits to the SHA-256 of the file as stored, re-hashed on every read, not to the
  // recorded file_sha256 alone: a file replaced in the store shows.
  async complete(db, rows, ports) {
    const pending = rows.filter((row) => row.file_bytes_sha256 === undefined);
    const wanted = pending.flatMap((row) => (row.fileSha256 ? [row.fileSha256 as string] : []));
    const blobs = ports?.blobs ?? databaseBlobStore(db);
    const hashes =
      wanted.length > 0 ? await blobs.rehash(wanted) : new Map<string, string | null>();
    for (const row of pending) {
      row.file_bytes_sha256 = row.fileSha256
        ? (hashes.get(row.fileSha256 as string) ?? null)
        : null;
    }
  },
};

/** Every identification table under the ledger, in the README's order. */
export const IDENTITY_EVIDENCE_SOURCES: readonly EvidenceSource[] = [
  findings,
  tableSource("observations"),
  tableSource("claims"),
  tableSource("claim_citations"),
  tableSource("claim_gradings"),
  tableSource("claim_signoffs"),
  tableSource("retractions"),
  tableSource("subject_merges"),
  tableSource("country_confirmations"),
  tableSource("image_comparisons"),
];
