import type { Transaction } from "kysely";
import { recordAudit } from "../audit/recordAudit";
import type { Database } from "../db/schema";
import { AppError } from "../errors";
import type { Actor } from "../policies/authorize";
import { insertEvidence } from "./claimCommands";
import type { IdentityPorts } from "./identityPorts";

// A correction in the identification workspace is a retraction: a new ledger entry naming
// what it retracts, why and by whom. The retracted row stays exactly as it was recorded (S5).

/** What may be retracted (the route's `target`). */
export const RETRACTABLE_KINDS = [
  "claim",
  "citation",
  "signOff",
  "finding",
  "imageComparison",
] as const;
export type RetractableKind = (typeof RETRACTABLE_KINDS)[number];

/** The table each kind's rows are in. */
export const RETRACTABLE = {
  claim: "claims",
  citation: "claim_citations",
  signOff: "claim_signoffs",
  finding: "findings",
  imageComparison: "image_comparisons",
} as const satisfies Record<RetractableKind, string>;

/**
 * Retracts a claim, a citation, a sign-off, a finding or an image-comparison opinion: a new
 * entry; the target stays. A second retraction of the same thing is refused.
 */
export async function retract(
  trx: Transaction<Database>,
  ports: Pick<IdentityPorts, "evidence">,
  input: {
    actor: Actor;
    operationId: string;
    target: RetractableKind;
    targetId: string;
    reason: string;
  },
): Promise<{ id: string }> {
  const table = RETRACTABLE[input.target];
  const target = await trx
    .selectFrom(table)
    .select("id")
    .where("id", "=", input.targetId)
    .where("operation_id", "=", input.operationId)
    .executeTakeFirst();
  if (!target)
    throw new AppError("not_found", {
      detail: "Nothing with this id to retract in this operation.",
    });
  const earlier = await trx
    .selectFrom("retractions")
    .select("id")
    .where("target_id", "=", target.id)
    .executeTakeFirst();
  if (earlier) throw new AppError("already_retracted");
  const row = await insertEvidence(trx, ports, "retractions", "retraction", input.operationId, {
    operation_id: input.operationId,
    target_table: table,
    target_id: target.id,
    reason: input.reason,
    retracted_by: input.actor.userId,
  });
  await recordAudit(trx, input.actor, {
    action: "evidence.retracted",
    operationId: input.operationId,
    targetType: input.target,
    targetId: target.id,
    details: { reason: input.reason },
  });
  return { id: row.id };
}
