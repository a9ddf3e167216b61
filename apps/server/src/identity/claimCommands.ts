import {
  type ClaimPredicate,
  type Credibility,
  type IdentifierKind,
  type Reliability,
} from "@sweetie/core/identity/index";
import { sql, type Transaction } from "kysely";
import { recordAudit } from "../audit/recordAudit";
import type { Database } from "../db/schema";
import { AppError } from "../errors";
import type { SourceRow } from "../ledger/evidenceSources";
import { evidenceColumns } from "../ledger/identityEvidenceSources";
import type { Actor } from "../policies/authorize";
import { claimsOfSubjects } from "./claimsRepository";
import { indexForDeconfliction } from "./deconfliction";
import type { IdentityPorts } from "./identityPorts";
import { normalizedOrFolded } from "./recordObservations";
import { requireSubject } from "./requireSubject";

type Trx = Transaction<Database>;
type Ports = Pick<IdentityPorts, "evidence" | "deconflictionSecret">;

/** The identifier kind a claim's value is, for normalizing it (null: free text such as an age). */
const PREDICATE_KIND: Record<ClaimPredicate, IdentifierKind | null> = {
  uses_account: "account",
  uses_email: "email",
  uses_phone: "phone",
  is_named: "name",
  lives_in: "place",
  works_at: "organization",
  appears_in_image: "image",
  is_aged: null,
};

export interface CitationInput {
  findingId?: string | undefined;
  observationId?: string | undefined;
}

/** Inserts one identification evidence row and appends its ledger entry in the same transaction. */
export async function insertEvidence(
  trx: Trx,
  ports: Pick<IdentityPorts, "evidence">,
  table: "claims" | "claim_citations" | "claim_gradings" | "claim_signoffs" | "retractions",
  kind: "claim" | "claim_citation" | "claim_grading" | "claim_signoff" | "retraction",
  operationId: string,
  values: Record<string, unknown>,
): Promise<SourceRow> {
  const columns = Object.keys(values);
  const { rows } = await sql<SourceRow>`
    insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))})
    values (${sql.join(columns.map((c) => values[c]))})
    returning ${sql.raw(evidenceColumns(table))}`.execute(trx);
  const row = rows[0]!;
  await ports.evidence.append(trx, [{ kind, operationId, source: { table, id: row.id }, row }]);
  return row;
}

async function requireClaim(trx: Trx, operationId: string, claimId: string) {
  const claim = await trx
    .selectFrom("claims")
    .selectAll()
    .where("id", "=", claimId)
    .where("operation_id", "=", operationId)
    .executeTakeFirst();
  if (!claim)
    throw new AppError("not_found", { detail: "No claim with this id in this operation." });
  return claim;
}

async function addCitations(
  trx: Trx,
  ports: Ports,
  actor: Actor,
  operationId: string,
  claim: { id: string; subject_id: string },
  citations: readonly CitationInput[],
): Promise<string[]> {
  const ids: string[] = [];
  for (const [index, citation] of citations.entries()) {
    const field = `citations.${index}`;
    if (Boolean(citation.findingId) === Boolean(citation.observationId)) {
      throw new AppError("validation_failed", {
        detail: "Each citation names one finding or one observation.",
        errors: [{ field, message: "name a finding or an observation" }],
      });
    }
    const table = citation.findingId ? "findings" : "observations";
    const sourceId = (citation.findingId ?? citation.observationId)!;
    const source = await trx
      .selectFrom(table)
      .select(["id", "subject_id"])
      .where("id", "=", sourceId)
      .where("operation_id", "=", operationId)
      .executeTakeFirst();
    if (!source) {
      throw new AppError("validation_failed", {
        detail: `The cited ${citation.findingId ? "finding" : "observation"} does not exist in this operation.`,
        errors: [{ field, message: "unknown source" }],
      });
    }
    const row = await insertEvidence(trx, ports, "claim_citations", "claim_citation", operationId, {
      operation_id: operationId,
      claim_id: claim.id,
      finding_id: citation.findingId ?? null,
      observation_id: citation.observationId ?? null,
      cited_by: actor.userId,
    });
    ids.push(row.id);
  }
  return ids;
}

/**
 * Records a claim about a subject with its grading and the sources it cites, each a ledger
 * entry. It is not established until two independent sources and a non-author's sign-off.
 */
export async function createClaim(
  trx: Trx,
  ports: Ports,
  input: {
    actor: Actor;
    operationId: string;
    subjectId: string;
    predicate: ClaimPredicate;
    value: string;
    reliability: Reliability;
    credibility: Credibility;
    gradingReason: string;
    citations: readonly CitationInput[];
  },
): Promise<{ id: string }> {
  await requireSubject(trx, input.operationId, input.subjectId);
  const kind = PREDICATE_KIND[input.predicate];
  const normalized = kind
    ? normalizedOrFolded(kind, input.value)
    : input.value.normalize("NFKC").trim().toLowerCase();
  const claim = await insertEvidence(trx, ports, "claims", "claim", input.operationId, {
    operation_id: input.operationId,
    subject_id: input.subjectId,
    predicate: input.predicate,
    value: input.value,
    normalized,
    author_id: input.actor.userId,
  });
  await insertEvidence(trx, ports, "claim_gradings", "claim_grading", input.operationId, {
    operation_id: input.operationId,
    claim_id: claim.id,
    reliability: input.reliability,
    credibility: input.credibility,
    reason: input.gradingReason,
    graded_by: input.actor.userId,
  });
  await addCitations(
    trx,
    ports,
    input.actor,
    input.operationId,
    { id: claim.id, subject_id: input.subjectId },
    input.citations,
  );
  if (kind) {
    await indexForDeconfliction(trx, ports.deconflictionSecret, {
      operationId: input.operationId,
      subjectId: input.subjectId,
      identifiers: [{ kind, normalized }],
    });
  }
  await recordAudit(trx, input.actor, {
    action: "claim.created",
    operationId: input.operationId,
    targetType: "claim",
    targetId: claim.id,
    details: { subjectId: input.subjectId, predicate: input.predicate },
  });
  return { id: claim.id };
}

/** Cites more sources for a claim (a sign-off given before no longer counts). */
export async function citeSources(
  trx: Trx,
  ports: Ports,
  input: {
    actor: Actor;
    operationId: string;
    claimId: string;
    citations: readonly CitationInput[];
  },
): Promise<{ ids: string[] }> {
  const claim = await requireClaim(trx, input.operationId, input.claimId);
  const ids = await addCitations(
    trx,
    ports,
    input.actor,
    input.operationId,
    claim,
    input.citations,
  );
  await recordAudit(trx, input.actor, {
    action: "claim.cited",
    operationId: input.operationId,
    targetType: "claim",
    targetId: claim.id,
    details: { citations: ids },
  });
  return { ids };
}

/** A new grading of a claim; the earlier ones stay on the record. */
export async function gradeClaim(
  trx: Trx,
  ports: Ports,
  input: {
    actor: Actor;
    operationId: string;
    claimId: string;
    reliability: Reliability;
    credibility: Credibility;
    reason: string;
  },
): Promise<{ id: string }> {
  const claim = await requireClaim(trx, input.operationId, input.claimId);
  const row = await insertEvidence(
    trx,
    ports,
    "claim_gradings",
    "claim_grading",
    input.operationId,
    {
      operation_id: input.operationId,
      claim_id: claim.id,
      reliability: input.reliability,
      credibility: input.credibility,
      reason: input.reason,
      graded_by: input.actor.userId,
    },
  );
  await recordAudit(trx, input.actor, {
    action: "claim.graded",
    operationId: input.operationId,
    targetType: "claim",
    targetId: claim.id,
    details: { reliability: input.reliability, credibility: input.credibility },
  });
  return { id: row.id };
}

/**
 * A reviewer's sign-off. Refused to the claim's author. Given even while the claim still lacks
 * a second source (the status says so); it counts only for the sources as they stand now.
 */
export async function signOffClaim(
  trx: Trx,
  ports: Ports,
  input: { actor: Actor; operationId: string; claimId: string; note: string },
): Promise<{ id: string; established: boolean }> {
  const claim = await requireClaim(trx, input.operationId, input.claimId);
  if (claim.author_id === input.actor.userId) throw new AppError("own_claim_sign_off");
  const row = await insertEvidence(
    trx,
    ports,
    "claim_signoffs",
    "claim_signoff",
    input.operationId,
    {
      operation_id: input.operationId,
      claim_id: claim.id,
      reviewer_id: input.actor.userId,
      note: input.note,
    },
  );
  await recordAudit(trx, input.actor, {
    action: "claim.signedOff",
    operationId: input.operationId,
    targetType: "claim",
    targetId: claim.id,
  });
  const [view] = (await claimsOfSubjects(trx, [claim.subject_id])).filter((c) => c.id === claim.id);
  return { id: row.id, established: view?.status.established ?? false };
}
