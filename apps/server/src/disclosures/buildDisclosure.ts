import { createWriteStream } from "node:fs";
import { PassThrough } from "node:stream";
import { pipeline } from "node:stream/promises";
import { sql } from "kysely";
import { recordAudit } from "../audit/recordAudit";
import type { BlobStore } from "../blobs/blobStore";
import type { EvidenceSink } from "../conversations/evidence";
import type { Db } from "../db/database";
import type { DisclosureRow } from "../db/tables/disclosures";
import type { SourceRow } from "../ledger/evidenceSources";
import { DISCLOSURE_EXPORT_EVIDENCE_COLUMNS } from "../ledger/disclosureEvidenceSources";
import type { LedgerSigner } from "../ledger/headAnchor";
import type { Actor } from "../policies/authorize";
import { closingFiles } from "../referrals/closingFiles";
import { buildAndKeepPackage, type KeptPackage } from "../referrals/keptPackage";
import { assemblePackage } from "../referrals/packageAssembler";
import type { PackageProgress } from "../referrals/packageFiles";
import { recordReferralSource } from "../referrals/referralSource";
import {
  disclosedTranscriptText,
  discloseConversation,
  type DisclosedConversation,
} from "./disclosedConversation";
import { loadDisclosureRecords } from "./disclosureRecords";
import { disclosureReportFile } from "./disclosureReport";
import { disclosureSubjects } from "./disclosureRepository";

export interface DisclosurePorts {
  signer: LedgerSigner;
  blobs: BlobStore;
  evidence: EvidenceSink;
}

export interface BuiltDisclosure extends KeptPackage {
  conversationIds: string[];
}

/**
 * Builds a disclosure package (the same assembler, proofs, manifest, signature and verify.html
 * as a referral) into a temporary file, streamed, then into the blob store under its SHA-256.
 * Each conversation's transcript.txt is the full disclosure transcript; report.pdf is the
 * disclosure report.
 */
export async function buildDisclosurePackage(
  db: Db,
  ports: DisclosurePorts,
  disclosure: DisclosureRow,
  now: Date,
  onProgress?: (p: PackageProgress) => void,
): Promise<BuiltDisclosure> {
  const operationId = disclosure.operation_id;
  const subjects = await disclosureSubjects(
    db,
    operationId,
    disclosure.scope,
    disclosure.target_id,
  );
  const conversationIds = [...new Set(subjects.flatMap((s) => s.conversationIds))];
  const records = await loadDisclosureRecords(db, operationId, conversationIds);
  const collected = new Map<
    string,
    { conversation: DisclosedConversation; transcriptPath: string }
  >();
  const verifier = closingFiles.find((file) => file.role === "verifier");
  const kept = await buildAndKeepPackage(ports.blobs, "sweetie-disclosure-", async (path) => {
    const out = new PassThrough({ highWaterMark: 1 << 20 });
    const written = pipeline(out, createWriteStream(path));
    const built = await assemblePackage(
      db,
      {
        kind: "disclosure",
        packageId: disclosure.id,
        operation: await recordReferralSource.operation(db, operationId),
        subjects,
        country: null,
        agency: null,
        signer: ports.signer,
        now,
        blobs: ports.blobs,
        // A subject's disclosure carries its whole identification; a conversation's does not.
        identification: disclosure.scope === "subject" ? "all" : "none",
      },
      out,
      {
        closing: [disclosureReportFile(collected), ...(verifier ? [verifier] : [])],
        ...(onProgress ? { onProgress } : {}),
        conversationFiles: (evidence, digest, base) => {
          const capturePath = (id: string) =>
            digest.captures.find((c) => c.id === id)?.path ?? `${base}/capture-${id}`;
          const conversation = discloseConversation(evidence, records, capturePath);
          const transcriptPath = `${base}/transcript.txt`;
          collected.set(evidence.conversationId, { conversation, transcriptPath });
          return [
            {
              path: transcriptPath,
              role: "transcript",
              bytes: new TextEncoder().encode(disclosedTranscriptText(conversation)),
            },
          ];
        },
      },
    );
    out.end();
    await written;
    return built;
  });
  return { ...kept, conversationIds };
}

/**
 * Records a built export: the disclosure_exports row and its ledger entry (what was disclosed,
 * the package's hash and head, who exported it), the audit record, and the export as ready.
 */
export async function recordDisclosureExport(
  db: Db,
  ports: { evidence: EvidenceSink },
  input: { actor: Pick<Actor, "userId" | "ip">; disclosure: DisclosureRow; built: BuiltDisclosure },
): Promise<void> {
  const { disclosure, built } = input;
  await db.transaction().execute(async (trx) => {
    const { rows } = await sql<SourceRow>`
      insert into disclosure_exports (operation_id, disclosure_id, scope, target_id,
        conversation_ids, package_sha256, package_size_bytes, head_size, head_root, files,
        exported_by)
      values (${disclosure.operation_id}, ${disclosure.id}, ${disclosure.scope},
        ${disclosure.target_id}, ${JSON.stringify(built.conversationIds)}, ${built.sha256},
        ${built.sizeBytes}, ${built.headSize}, ${built.headRoot}, ${built.files},
        ${disclosure.requested_by})
      returning ${sql.raw(DISCLOSURE_EXPORT_EVIDENCE_COLUMNS)}`.execute(trx);
    const row = rows[0]!;
    await ports.evidence.append(trx, [
      {
        kind: "disclosure",
        operationId: disclosure.operation_id,
        source: { table: "disclosure_exports", id: row.id },
        row,
      },
    ]);
    await recordAudit(trx, input.actor, {
      action: "disclosure.export",
      operationId: disclosure.operation_id,
      targetType: disclosure.scope,
      targetId: disclosure.target_id,
      details: {
        disclosureId: disclosure.id,
        packageSha256: built.sha256,
        headSize: built.headSize,
        conversations: built.conversationIds.length,
      },
    });
    await trx
      .updateTable("disclosures")
      .set({
        status: "ready",
        package_sha256: built.sha256,
        package_size_bytes: built.sizeBytes,
        package_head_size: built.headSize,
        package_head_root: built.headRoot,
        updated_at: new Date(),
      })
      .where("id", "=", disclosure.id)
      .execute();
  });
}
