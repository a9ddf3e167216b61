import {
  checkStep,
  type ReferralOutcome,
  type ReferralStatus,
  type ReferralStep,
} from "@sweetie/core/referral/lifecycle";
import { sql, type Transaction } from "kysely";
import { recordAudit } from "../audit/recordAudit";
import type { EvidenceSink } from "../conversations/evidence";
import type { Database } from "../db/schema";
import type { ReferralRow } from "../db/tables/referrals";
import { AppError } from "../errors";
import type { SourceRow } from "../ledger/evidenceSources";
import { REFERRAL_STEP_EVIDENCE_COLUMNS } from "../ledger/referralEvidenceSources";
import type { Actor } from "../policies/authorize";
import { requireAgency } from "./agencyRepository";
import type { BuiltPackage } from "./buildReleasedPackage";

// The referral lifecycle: draft → released → sent → acknowledged → outcome. Every step is one
// referral_steps row, its ledger entry and an audit record, in the transaction that changes the
// referral. Four-eyes (S4): the person who built a referral never releases it.

type Trx = Transaction<Database>;
type Ports = { evidence: EvidenceSink };

/** The referral, locked for this transaction; 404 unless it belongs to the operation. */
export async function lockReferral(
  trx: Trx,
  operationId: string,
  referralId: string,
): Promise<ReferralRow> {
  const row = await trx
    .selectFrom("referrals")
    .selectAll()
    .where("id", "=", referralId)
    .where("operation_id", "=", operationId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new AppError("referral_not_found");
  return row;
}

async function recordStep(
  trx: Trx,
  ports: Ports,
  actor: Actor,
  referral: { id: string; operation_id: string },
  step: ReferralStep,
  details: Record<string, unknown>,
  occurredOn: string | null,
): Promise<string> {
  const { rows } = await sql<SourceRow>`
    insert into referral_steps (operation_id, referral_id, step, details, occurred_on, actor_id)
    values (${referral.operation_id}, ${referral.id}, ${step}, ${JSON.stringify(details)},
            ${occurredOn}, ${actor.userId})
    returning ${sql.raw(REFERRAL_STEP_EVIDENCE_COLUMNS)}`.execute(trx);
  const row = rows[0]!;
  await ports.evidence.append(trx, [
    {
      kind: "referral_step",
      operationId: referral.operation_id,
      source: { table: "referral_steps", id: row.id },
      row,
    },
  ]);
  await recordAudit(trx, actor, {
    action: `referral.${step === "draft_changed" ? "change" : step}`,
    operationId: referral.operation_id,
    targetType: "referral",
    targetId: referral.id,
    details,
  });
  return row.id;
}

function allowed(status: string, step: Exclude<ReferralStep, "drafted">) {
  const check = checkStep(status as ReferralStatus, step);
  if (!check.ok) throw new AppError("referral_step_not_allowed", { detail: check.reason });
  return check.to;
}

async function checkAgency(trx: Trx, agencyId: string | null, country: string) {
  if (agencyId === null) return;
  const agency = await requireAgency(trx, agencyId);
  if (agency.country !== country) {
    throw new AppError("validation_failed", {
      detail: `${agency.name} is registered for ${agency.country}, not ${country}. Choose an agency of ${country}.`,
      errors: [{ field: "agencyId", message: `Choose an agency registered for ${country}.` }],
    });
  }
}

export interface Selection {
  country: string;
  agencyId: string | null;
  subjectIds: string[];
}

/** A new draft of the chosen subjects for one country (the builder is its author). */
export async function draftReferral(
  trx: Trx,
  ports: Ports,
  input: { actor: Actor; operationId: string } & Selection,
): Promise<ReferralRow> {
  await checkAgency(trx, input.agencyId, input.country);
  const subjectIds = [...new Set(input.subjectIds)];
  const row = await trx
    .insertInto("referrals")
    .values({
      operation_id: input.operationId,
      country: input.country,
      agency_id: input.agencyId,
      subject_ids: JSON.stringify(subjectIds),
      built_by: input.actor.userId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordStep(
    trx,
    ports,
    input.actor,
    row,
    "drafted",
    { country: input.country, agencyId: input.agencyId, subjectIds },
    null,
  );
  return row;
}

/** Changes a draft's agency or subjects (the country stays: start another referral for another). */
export async function changeDraft(
  trx: Trx,
  ports: Ports,
  input: { actor: Actor; operationId: string; referralId: string } & Omit<Selection, "country">,
): Promise<void> {
  const referral = await lockReferral(trx, input.operationId, input.referralId);
  allowed(referral.status, "draft_changed");
  await checkAgency(trx, input.agencyId, referral.country);
  const subjectIds = [...new Set(input.subjectIds)];
  await trx
    .updateTable("referrals")
    .set({
      agency_id: input.agencyId,
      subject_ids: JSON.stringify(subjectIds),
      updated_at: new Date(),
    })
    .where("id", "=", referral.id)
    .execute();
  await recordStep(
    trx,
    ports,
    input.actor,
    referral,
    "draft_changed",
    { agencyId: input.agencyId, subjectIds },
    null,
  );
}

/** Why this person may not release this referral, in words; null when they may. */
export function releaseBlockedBecause(referral: ReferralRow, actor: Actor): string | null {
  if (referral.status !== "draft") return null;
  if (referral.built_by === actor.userId) return new AppError("four_eyes_release").detail;
  return null;
}

/** Checks before the (long) build: a draft, and not released by the one who built it. */
export function assertMayRelease(referral: ReferralRow, actor: Actor): void {
  allowed(referral.status, "released");
  if (referral.built_by === actor.userId) throw new AppError("four_eyes_release");
}

/** Records the release of a built package (checked again under the lock). */
export async function releaseReferral(
  trx: Trx,
  ports: Ports,
  input: {
    actor: Actor;
    operationId: string;
    referralId: string;
    /** The selection the package was built from: the draft must not have changed since. */
    builtFrom: { agencyId: string; subjectIds: readonly string[] };
    built: BuiltPackage;
  },
): Promise<void> {
  const referral = await lockReferral(trx, input.operationId, input.referralId);
  assertMayRelease(referral, input.actor);
  const same =
    referral.agency_id === input.builtFrom.agencyId &&
    JSON.stringify(referral.subject_ids) === JSON.stringify(input.builtFrom.subjectIds);
  if (!same) {
    throw new AppError("referral_step_not_allowed", {
      detail:
        "The draft was changed while the package was being built. Look at it again, then release.",
    });
  }
  await trx
    .updateTable("referrals")
    .set({
      status: "released",
      released_by: input.actor.userId,
      package_sha256: input.built.sha256,
      package_size_bytes: input.built.sizeBytes,
      package_head_size: input.built.headSize,
      package_head_root: input.built.headRoot,
      updated_at: new Date(),
    })
    .where("id", "=", referral.id)
    .execute();
  await recordStep(
    trx,
    ports,
    input.actor,
    referral,
    "released",
    {
      packageSha256: input.built.sha256,
      packageSizeBytes: input.built.sizeBytes,
      headSize: input.built.headSize,
      headRoot: input.built.headRoot,
      files: input.built.files,
      agencyId: referral.agency_id,
      subjectIds: referral.subject_ids,
    },
    null,
  );
}

export type TrackedStep =
  | { step: "sent"; occurredOn: string; note: string }
  | { step: "acknowledged"; occurredOn: string; agencyReference: string; note: string }
  | { step: "outcome"; occurredOn: string; outcome: ReferralOutcome; note: string };

/** Sent to the registered agency, acknowledged with its reference, or an outcome. */
export async function trackReferral(
  trx: Trx,
  ports: Ports,
  input: { actor: Actor; operationId: string; referralId: string } & TrackedStep,
): Promise<void> {
  const referral = await lockReferral(trx, input.operationId, input.referralId);
  const to = allowed(referral.status, input.step);
  const details: Record<string, unknown> = { note: input.note };
  if (input.step === "sent") {
    const agency = await requireAgency(trx, referral.agency_id!);
    details.agencyId = agency.id;
    details.contactChannel = agency.contact_channel;
    details.packageSha256 = referral.package_sha256;
  }
  if (input.step === "acknowledged") details.agencyReference = input.agencyReference;
  if (input.step === "outcome") details.outcome = input.outcome;
  await trx
    .updateTable("referrals")
    .set({
      status: to,
      ...(input.step === "acknowledged" ? { agency_reference: input.agencyReference } : {}),
      ...(input.step === "outcome" ? { outcome: input.outcome } : {}),
      updated_at: new Date(),
    })
    .where("id", "=", referral.id)
    .execute();
  await recordStep(trx, ports, input.actor, referral, input.step, details, input.occurredOn);
}
