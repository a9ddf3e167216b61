import { sql, type Transaction } from "kysely";
import { recordAudit } from "../audit/recordAudit";
import type { Database } from "../db/schema";
import { AppError } from "../errors";
import type { SourceRow } from "../ledger/evidenceSources";
import { evidenceColumns } from "../ledger/identityEvidenceSources";
import type { Actor } from "../policies/authorize";
import { attributeSubjectCountry } from "./countryAttributionService";
import type { IdentityPorts } from "./identityPorts";
import { requireSubject } from "./requireSubject";

type Trx = Transaction<Database>;
type Ports = Pick<IdentityPorts, "evidence">;

/** What two subjects share (normalized distinguishing identifiers): the reasons of a merge. */
async function sharedIdentifiers(trx: Trx, a: string, b: string) {
  const { rows } = await sql<{ kind: string; normalized: string }>`
    select distinct x.kind, x.normalized from observations x
      join observations y on y.kind = x.kind and y.normalized = x.normalized
     where x.subject_id = ${a} and y.subject_id = ${b}
     order by x.kind, x.normalized`.execute(trx);
  return rows;
}

/**
 * An analyst's decision about two subjects of one operation: merge `otherSubjectId` into
 * `subjectId`, undo that merge, or record that they are not the same person (the suggestion
 * then does not come back). Rows stay on the subject they were recorded on, so a merge moves
 * nothing and its reversal loses nothing; only `subjects.merged_into` changes.
 */
export async function decideMerge(
  trx: Trx,
  ports: Ports,
  input: {
    actor: Actor;
    operationId: string;
    subjectId: string;
    otherSubjectId: string;
    decision: "merge" | "unmerge" | "not_same";
    reason: string;
  },
): Promise<{ id: string }> {
  if (input.subjectId === input.otherSubjectId) throw new AppError("merge_not_possible");
  const subject = await requireSubject(trx, input.operationId, input.subjectId);
  const other = await requireSubject(trx, input.operationId, input.otherSubjectId);
  if (input.decision === "merge" && (subject.merged_into || other.merged_into)) {
    throw new AppError("merge_not_possible", {
      detail: "One of these subjects is already merged into another. Open that subject instead.",
    });
  }
  if (input.decision === "unmerge" && other.merged_into !== subject.id) {
    throw new AppError("merge_not_possible", {
      detail: "That subject is not merged into this one, so there is nothing to undo.",
    });
  }
  const shared = await sharedIdentifiers(trx, subject.id, other.id);
  const { rows } = await sql<SourceRow>`
    insert into subject_merges (operation_id, subject_id, other_subject_id, decision, reasons, decided_by)
    values (${input.operationId}, ${subject.id}, ${other.id}, ${input.decision},
            ${JSON.stringify({ reason: input.reason, shared })}, ${input.actor.userId})
    returning ${sql.raw(evidenceColumns("subject_merges"))}`.execute(trx);
  const row = rows[0]!;
  if (input.decision !== "not_same") {
    await trx
      .updateTable("subjects")
      .set({ merged_into: input.decision === "merge" ? subject.id : null })
      .where("id", "=", other.id)
      .execute();
  }
  await ports.evidence.append(trx, [
    {
      kind: "subject_merge",
      operationId: input.operationId,
      source: { table: "subject_merges", id: row.id },
      row,
    },
  ]);
  await recordAudit(trx, input.actor, {
    action: `subject.${input.decision === "not_same" ? "notSame" : input.decision}`,
    operationId: input.operationId,
    targetType: "subject",
    targetId: subject.id,
    details: { otherSubjectId: other.id, reason: input.reason },
  });
  return { id: row.id };
}

/**
 * An analyst confirms a subject's country. The clues shown at that moment (with their weights,
 * reasons and the IP database's date) are kept with the confirmation in its ledger entry;
 * `subjects.country` holds the current answer.
 */
export async function confirmCountry(
  trx: Trx,
  ports: Ports,
  input: { actor: Actor; operationId: string; subjectId: string; country: string; note: string },
): Promise<{ id: string }> {
  const subject = await requireSubject(trx, input.operationId, input.subjectId);
  const country = input.country.toUpperCase();
  const attribution = await attributeSubjectCountry(trx, subject.id);
  const { rows } = await sql<SourceRow>`
    insert into country_confirmations (operation_id, subject_id, country, reasons, note, confirmed_by)
    values (${input.operationId}, ${subject.id}, ${country}, ${JSON.stringify(attribution)},
            ${input.note}, ${input.actor.userId})
    returning ${sql.raw(evidenceColumns("country_confirmations"))}`.execute(trx);
  const row = rows[0]!;
  await trx.updateTable("subjects").set({ country }).where("id", "=", subject.id).execute();
  await ports.evidence.append(trx, [
    {
      kind: "country_confirmation",
      operationId: input.operationId,
      source: { table: "country_confirmations", id: row.id },
      row,
    },
  ]);
  await recordAudit(trx, input.actor, {
    action: "subject.countryConfirmed",
    operationId: input.operationId,
    targetType: "subject",
    targetId: subject.id,
    details: { country },
  });
  return { id: row.id };
}
