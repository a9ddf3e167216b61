import type { JsonValue } from "@sweetie/core/ledger/index";
import { sql } from "kysely";
import type { EvidenceSource, SourceRow } from "./evidenceSourceTypes";

// A referral's lifecycle (0018): each step (drafted, changed, released with the package's hash
// and head, sent, acknowledged, outcome) is one referral_step entry, rebuilt from these columns
// on every verify.

const utcMicros = (column: string) =>
  `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** The evidence columns of referral_steps (shared with the insert's RETURNING clause). */
export const REFERRAL_STEP_EVIDENCE_COLUMNS = `id::text, operation_id::text,
  referral_id::text as referral, step, details, occurred_on as "occurredOn",
  actor_id::text as actor, ${utcMicros("created_at")} as "createdAt"`;

export const referralStepsSource: EvidenceSource = {
  table: "referral_steps",
  kinds: ["referral_step"],
  covers: [
    {
      table: "referral_steps",
      via: "id",
      columns: [
        "id",
        "operation_id",
        "referral_id",
        "step",
        "details",
        "occurred_on",
        "actor_id",
        "created_at",
      ],
    },
  ],
  select: (ids) => sql<SourceRow>`
    select ${sql.raw(REFERRAL_STEP_EVIDENCE_COLUMNS)}
      from referral_steps where id = any(${[...ids]}::uuid[])`,
  toContent: (row) => ({
    operationId: row.operation_id,
    content: {
      id: row.id,
      referral: row.referral as string,
      step: row.step as string,
      details: row.details as JsonValue,
      occurredOn: (row.occurredOn ?? null) as string | null,
      actor: row.actor as string,
      createdAt: row.createdAt as string,
    },
  }),
  async purge(db, id) {
    await db.deleteFrom("referral_steps").where("id", "=", id).execute();
  },
};
