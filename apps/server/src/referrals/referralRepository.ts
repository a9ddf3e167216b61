import type {
  ReferralDetail,
  ReferralStepView,
  ReferralSummary,
} from "@sweetie/core/api/referralSchemas";
import type {
  ReferralOutcome,
  ReferralStatus,
  ReferralStep,
} from "@sweetie/core/referral/lifecycle";
import type { DbOrTrx } from "../db/database";
import type { ReferralRow } from "../db/tables/referrals";
import { AppError } from "../errors";
import { ledgerEntryIds } from "../identity/ledgerEntryIds";
import type { Actor } from "../policies/authorize";
import { presentAgency } from "./agencyRepository";
import { releaseBlockedBecause } from "./referralLifecycle";

async function namesOf(db: DbOrTrx, ids: readonly (string | null)[]) {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map<string, string>();
  const rows = await db
    .selectFrom("users")
    .select(["id", "display_name"])
    .where("id", "in", wanted)
    .execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

async function present(db: DbOrTrx, rows: readonly ReferralRow[]): Promise<ReferralSummary[]> {
  const agencyIds = [...new Set(rows.flatMap((r) => (r.agency_id ? [r.agency_id] : [])))];
  const agencies =
    agencyIds.length === 0
      ? []
      : await db.selectFrom("agencies").selectAll().where("id", "in", agencyIds).execute();
  const names = await namesOf(
    db,
    rows.flatMap((r) => [r.built_by, r.released_by]),
  );
  const person = (id: string) => ({ id, name: names.get(id) ?? "a former member" });
  return rows.map((r) => {
    const agency = agencies.find((a) => a.id === r.agency_id);
    return {
      id: r.id,
      country: r.country,
      agency: agency ? presentAgency(agency) : null,
      status: r.status as ReferralStatus,
      outcome: r.outcome as ReferralOutcome | null,
      subjects: r.subject_ids.length,
      builtBy: person(r.built_by),
      releasedBy: r.released_by ? person(r.released_by) : null,
      agencyReference: r.agency_reference,
      createdAt: r.created_at.toISOString(),
      updatedAt: r.updated_at.toISOString(),
    };
  });
}

/** The operation's referrals, newest first. */
export async function listReferrals(db: DbOrTrx, operationId: string) {
  const rows = await db
    .selectFrom("referrals")
    .selectAll()
    .where("operation_id", "=", operationId)
    .orderBy("created_at", "desc")
    .orderBy("id")
    .execute();
  return present(db, rows);
}

export async function requireReferral(
  db: DbOrTrx,
  operationId: string,
  referralId: string,
): Promise<ReferralRow> {
  const row = await db
    .selectFrom("referrals")
    .selectAll()
    .where("id", "=", referralId)
    .where("operation_id", "=", operationId)
    .executeTakeFirst();
  if (!row) throw new AppError("referral_not_found");
  return row;
}

/** A referral with its package, its history (each step with its ledger entry) and what `actor` may do. */
export async function referralDetail(
  db: DbOrTrx,
  row: ReferralRow,
  actor: Actor,
  canReleaseRole: boolean,
): Promise<ReferralDetail> {
  const [summary] = await present(db, [row]);
  const steps = await db
    .selectFrom("referral_steps")
    .selectAll()
    .where("referral_id", "=", row.id)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  const [entries, names] = await Promise.all([
    ledgerEntryIds(
      db,
      "referral_steps",
      steps.map((s) => s.id),
    ),
    namesOf(
      db,
      steps.map((s) => s.actor_id),
    ),
  ]);
  const history: ReferralStepView[] = steps.map((s) => ({
    id: s.id,
    step: s.step as ReferralStep,
    actor: { id: s.actor_id, name: names.get(s.actor_id) ?? "a former member" },
    occurredOn: s.occurred_on,
    details: s.details,
    ledgerEntryId: entries.get(s.id) ?? null,
    createdAt: s.created_at.toISOString(),
  }));
  const blocked = canReleaseRole
    ? releaseBlockedBecause(row, actor)
    : row.status === "draft"
      ? "Only a supervisor who did not build it can release a referral."
      : null;
  return {
    ...summary!,
    subjectIds: row.subject_ids,
    package: row.package_sha256
      ? {
          sha256: row.package_sha256,
          sizeBytes: row.package_size_bytes ?? 0,
          headSize: row.package_head_size ?? 0,
          headRoot: row.package_head_root ?? "",
          fileName: packageFileName(row),
        }
      : null,
    steps: history,
    canRelease: row.status === "draft" && blocked === null,
    releaseBlockedBecause: row.status === "draft" ? blocked : null,
  };
}

/** referral-NL-2026-12-02-1a2b3c4d.zip */
export function packageFileName(row: ReferralRow): string {
  const created = row.created_at.toISOString().slice(0, 10);
  return `referral-${row.country}-${created}-${row.id.slice(0, 8)}.zip`;
}
