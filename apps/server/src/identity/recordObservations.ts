import { normalizeIdentifier, type IdentifierKind } from "@sweetie/core/identity/index";
import { sql, type Transaction } from "kysely";
import type { Database } from "../db/schema";
import type { SourceRow } from "../ledger/evidenceSources";
import { evidenceColumns } from "../ledger/identityEvidenceSources";
import { indexForDeconfliction } from "./deconfliction";
import type { IdentityPorts } from "./identityPorts";

export interface ObservationInput {
  subjectId: string;
  kind: IdentifierKind;
  value: string;
  platform?: string | null;
  messageId?: string | null;
  spanStart?: number | null;
  spanEnd?: number | null;
  rule?: string | null;
  eventId?: string | null;
  findingId?: string | null;
  recordedBy?: string | null;
}

/** The normalized form, or the case-folded value when the kind's rules cannot read it. */
export function normalizedOrFolded(
  kind: IdentifierKind,
  value: string,
  platform?: string | null,
): string {
  const result = normalizeIdentifier(kind, value, { platform: platform ?? null });
  return result.ok ? result.normalized : value.normalize("NFKC").trim().toLowerCase();
}

/**
 * Writes observations (each once: a message span or an event is observed once per subject),
 * their ledger entries in the same transaction, and their deconfliction pointers. Returns the
 * new rows' ids.
 */
export async function recordObservations(
  trx: Transaction<Database>,
  ports: Pick<IdentityPorts, "evidence" | "deconflictionSecret">,
  operationId: string,
  inputs: readonly ObservationInput[],
): Promise<string[]> {
  if (inputs.length === 0) return [];
  const values = inputs.map((input) => ({
    operation_id: operationId,
    subject_id: input.subjectId,
    kind: input.kind,
    value: input.value,
    normalized: normalizedOrFolded(input.kind, input.value, input.platform),
    platform: input.platform ?? null,
    message_id: input.messageId ?? null,
    span_start: input.spanStart ?? null,
    span_end: input.spanEnd ?? null,
    rule: input.rule ?? null,
    event_id: input.eventId ?? null,
    finding_id: input.findingId ?? null,
    recorded_by: input.recordedBy ?? null,
  }));
  const inserted: SourceRow[] = [];
  for (const value of values) {
    // One statement per row keeps ON CONFLICT simple across both partial unique indexes.
    const { rows } = await sql<SourceRow>`
      insert into observations (operation_id, subject_id, kind, value, normalized, platform,
        message_id, span_start, span_end, rule, event_id, finding_id, recorded_by)
      values (${value.operation_id}, ${value.subject_id}, ${value.kind}, ${value.value},
        ${value.normalized}, ${value.platform}, ${value.message_id}, ${value.span_start},
        ${value.span_end}, ${value.rule}, ${value.event_id}, ${value.finding_id},
        ${value.recorded_by})
      on conflict do nothing
      returning ${sql.raw(evidenceColumns("observations"))}`.execute(trx);
    inserted.push(...rows);
  }
  if (inserted.length === 0) return [];
  await ports.evidence.append(
    trx,
    inserted.map((row) => ({
      kind: "observation",
      operationId,
      source: { table: "observations", id: row.id },
      row,
    })),
  );
  const bySubject = new Map<string, { kind: string; normalized: string }[]>();
  for (const row of inserted) {
    const list = bySubject.get(row.subject as string) ?? [];
    list.push({ kind: row.kind as string, normalized: row.normalized as string });
    bySubject.set(row.subject as string, list);
  }
  for (const [subjectId, identifiers] of bySubject) {
    await indexForDeconfliction(trx, ports.deconflictionSecret, {
      operationId,
      subjectId,
      identifiers,
    });
  }
  return inserted.map((row) => row.id);
}
