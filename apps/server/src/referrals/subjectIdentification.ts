import type { LedgerEntry } from "@sweetie/core/ledger/index";
import { SUBJECTS_EVIDENCE_DIR } from "@sweetie/core/referral/index";
import { sql } from "kysely";
import type { BlobStore } from "../blobs/blobStore";
import { databaseBlobStore } from "../blobs/databaseBlobStore";
import type { DbOrTrx } from "../db/database";
import { claimsOfSubjects } from "../identity/claimsRepository";
import { subjectMembers } from "../identity/subjectGroups";
import { collectContent, evidenceSource, type SourceContent } from "../ledger/evidenceSources";
import { citedEntry } from "./packageEvidence";

// The ledger entries a subject's identification stands on, for a package: its claims with their
// citations, gradings, sign-offs and retractions, the findings and observations they cite, the
// country decisions and image-comparison opinions about it, and merge decisions between its own
// records. A referral carries the established claims only (and what they rest on: a retracted
// claim may name a stranger's account); a disclosure carries every claim, retracted or not, and
// every finding and observation of the subject.

export type IdentificationScope = "established" | "all";

/** A finding's captured file as the package carries it (streamed from the blob store). */
export interface FindingFile {
  findingId: string;
  /** The leaf index of the finding's entry, which commits to the file's SHA-256. */
  entryIndex: number;
  /** The SHA-256 the finding recorded: the file's name in the blob store. */
  sha256: string;
  mediaType: string;
  path: string;
}

export interface SubjectIdentification {
  subjectId: string;
  /** In log order. */
  entries: LedgerEntry[];
  findingFiles: FindingFile[];
}

const EXTENSIONS: Record<string, string> = {
  "image/png": ".png",
  "image/jpeg": ".jpg",
  "application/pdf": ".pdf",
  "text/html": ".html",
  "multipart/related": ".mhtml",
};

/** Where a subject's identification entries are in the package. */
export function identificationPaths(subjectId: string) {
  return {
    entries: `${SUBJECTS_EVIDENCE_DIR}${subjectId}/identification.jsonl`,
    proofs: `proofs/subjects/${subjectId}.proof`,
  };
}

/** Where a finding's file is in the package (under the subject the package names). */
export function findingFilePath(subjectId: string, findingId: string, mediaType: string | null) {
  return `${SUBJECTS_EVIDENCE_DIR}${subjectId}/finding-${findingId}${EXTENSIONS[mediaType ?? ""] ?? ".bin"}`;
}

interface Ref {
  table: string;
  id: string;
}

/** The rows (table, id) whose entries make up the subject's identification in this scope. */
async function identificationRefs(
  db: DbOrTrx,
  subjectId: string,
  scope: IdentificationScope,
): Promise<Ref[]> {
  const members = (await subjectMembers(db, [subjectId])).get(subjectId) ?? [subjectId];
  const claims = (await claimsOfSubjects(db, [subjectId])).filter(
    (claim) => scope === "all" || (claim.status.established && !claim.retracted),
  );
  const refs = new Map<string, Ref>();
  const add = (table: string, ids: Iterable<string>) => {
    for (const id of ids) refs.set(`${table}/${id}`, { table, id });
  };
  const claimIds = claims.map((c) => c.id);
  const citations = claims.flatMap((c) =>
    c.citations.filter((cited) => scope === "all" || !cited.retracted),
  );
  add("claims", claimIds);
  add(
    "claim_citations",
    citations.map((c) => c.id),
  );
  add(
    "claim_signoffs",
    claims.flatMap((c) => c.signOffs.map((s) => s.id)),
  );
  const findingIds = new Set<string>();
  const observationIds = new Set<string>();
  for (const { source } of citations) {
    if (source.type === "finding") findingIds.add(source.findingId);
    else {
      observationIds.add(source.observationId);
      if (source.findingId) findingIds.add(source.findingId);
    }
  }
  const [gradings, everything, confirmations, comparisons, merges] = await Promise.all([
    claimIds.length === 0
      ? []
      : db.selectFrom("claim_gradings").select("id").where("claim_id", "in", claimIds).execute(),
    scope === "all"
      ? Promise.all([
          db.selectFrom("findings").select("id").where("subject_id", "in", members).execute(),
          db.selectFrom("observations").select("id").where("subject_id", "in", members).execute(),
        ])
      : null,
    db
      .selectFrom("country_confirmations")
      .select("id")
      .where("subject_id", "in", members)
      .execute(),
    db
      .selectFrom("image_comparisons")
      .select(["id", "left_kind", "left_id", "right_kind", "right_id"])
      .where("subject_id", "in", members)
      .execute(),
    db
      .selectFrom("subject_merges")
      .select("id")
      .where((eb) =>
        scope === "all"
          ? eb.or([eb("subject_id", "in", members), eb("other_subject_id", "in", members)])
          : eb.and([eb("subject_id", "in", members), eb("other_subject_id", "in", members)]),
      )
      .execute(),
  ]);
  add(
    "claim_gradings",
    gradings.map((g) => g.id),
  );
  if (everything) {
    for (const row of everything[0]) findingIds.add(row.id);
    for (const row of everything[1]) observationIds.add(row.id);
  }
  add(
    "country_confirmations",
    confirmations.map((c) => c.id),
  );
  add(
    "image_comparisons",
    comparisons.map((c) => c.id),
  );
  add(
    "subject_merges",
    merges.map((m) => m.id),
  );
  // The pictures compared, when they are this subject's findings.
  const compared = comparisons.flatMap((c) => [
    ...(c.left_kind === "finding" ? [c.left_id] : []),
    ...(c.right_kind === "finding" ? [c.right_id] : []),
  ]);
  if (compared.length > 0) {
    const own = await db
      .selectFrom("findings")
      .select("id")
      .where("id", "in", compared)
      .where("subject_id", "in", members)
      .execute();
    for (const row of own) findingIds.add(row.id);
  }
  add("findings", findingIds);
  add("observations", observationIds);
  const targets = [...refs.values()].map((r) => r.id);
  if (targets.length > 0) {
    const retractions = await db
      .selectFrom("retractions")
      .select("id")
      .where("target_id", "in", targets)
      .execute();
    add(
      "retractions",
      retractions.map((r) => r.id),
    );
  }
  return [...refs.values()];
}

interface EntryRow {
  idx: number;
  kind: string;
  version: number;
  source_table: string;
  source_id: string;
}

/**
 * A subject's identification entries under the package's head, with their content rebuilt from
 * the rows exactly as the ledger's verifier rebuilds it (a finding's entry re-hashes its file in
 * the blob store, streamed), and the findings' files to carry beside them.
 */
export async function loadSubjectIdentification(
  db: DbOrTrx,
  input: {
    operationId: string;
    subjectId: string;
    headSize: number;
    scope: IdentificationScope;
    blobs?: BlobStore;
  },
): Promise<SubjectIdentification> {
  const { operationId, subjectId } = input;
  const refs = await identificationRefs(db, subjectId, input.scope);
  const empty: SubjectIdentification = { subjectId, entries: [], findingFiles: [] };
  if (refs.length === 0) return empty;
  const wanted = new Set(refs.map((r) => `${r.table}/${r.id}`));
  const { rows } = await sql<EntryRow>`
    select le.idx, le.kind, le.version, le.source_table, le.source_id
      from ledger_entries le
     where le.operation_id = ${operationId} and le.idx < ${input.headSize}
       and le.purged_at is null
       and le.source_table = any(${[...new Set(refs.map((r) => r.table))]}::text[])
       and le.source_id = any(${refs.map((r) => r.id)}::text[])
     order by le.idx`.execute(db);
  const cited = rows.filter((row) => wanted.has(`${row.source_table}/${row.source_id}`));
  const byTable = new Map<string, string[]>();
  for (const row of cited) {
    const ids = byTable.get(row.source_table) ?? [];
    ids.push(row.source_id);
    byTable.set(row.source_table, ids);
  }
  const blobs = input.blobs ?? databaseBlobStore(db);
  const contents = new Map<string, SourceContent>();
  for (const [table, ids] of byTable) {
    const source = evidenceSource(table);
    const { rows: sourceRows } = await source.select(ids).execute(db);
    await source.complete?.(db, sourceRows, { blobs });
    collectContent(table, sourceRows, contents);
  }
  const out: SubjectIdentification = { subjectId, entries: [], findingFiles: [] };
  for (const row of cited) {
    const entry = citedEntry(
      row,
      operationId,
      contents.get(`${row.source_table}/${row.source_id}`)?.content,
    );
    const content = entry.content;
    out.entries.push(entry);
    // The file goes in when the store still has it (the bytes as they are: a replaced file
    // fails the finding entry's proof, and so shows).
    const name = content.fileSha256;
    if (
      row.source_table === "findings" &&
      typeof name === "string" &&
      typeof content.fileBytesSha256 === "string"
    ) {
      const mediaType = typeof content.fileMediaType === "string" ? content.fileMediaType : null;
      out.findingFiles.push({
        findingId: row.source_id,
        entryIndex: row.idx,
        sha256: name,
        mediaType: mediaType ?? "application/octet-stream",
        path: findingFilePath(subjectId, row.source_id, mediaType),
      });
    }
  }
  return out;
}
