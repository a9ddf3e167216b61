import type { BlobStore } from "../blobs/blobStore";
import type { EvidenceSink } from "../conversations/evidence";
import type { Db } from "../db/database";
import { AppError } from "../errors";
import type { LedgerSigner } from "../ledger/headAnchor";
import type { Actor } from "../policies/authorize";
import { requireAgency } from "./agencyRepository";
import { buildReleasedPackage } from "./buildReleasedPackage";
import { assertMayRelease, releaseReferral } from "./referralLifecycle";
import { previewReferral } from "./referralPreview";
import { requireReferral } from "./referralRepository";

export interface ReleasePorts {
  evidence: EvidenceSink;
  blobs: BlobStore;
  signer: LedgerSigner;
}

/**
 * A supervisor releases a draft someone else built: checked (four-eyes, nothing blocking in the
 * preview), its package built once and kept by its SHA-256, then the release recorded (checked
 * again under the referral's lock: the draft must be as it was built).
 */
export async function releaseWithPackage(
  db: Db,
  ports: ReleasePorts,
  input: { actor: Actor; operationId: string; referralId: string; now: Date },
): Promise<void> {
  const row = await requireReferral(db, input.operationId, input.referralId);
  assertMayRelease(row, input.actor);
  const { blocking } = await previewReferral(db, input.operationId, {
    country: row.country,
    agencyId: row.agency_id,
    subjectIds: row.subject_ids,
  });
  if (blocking.length > 0) throw new AppError("referral_not_ready", { detail: blocking.join(" ") });
  const agency = await requireAgency(db, row.agency_id!);
  const built = await buildReleasedPackage(db, ports, {
    referralId: row.id,
    operationId: input.operationId,
    country: row.country,
    agency,
    subjectIds: row.subject_ids,
    now: input.now,
  });
  await db.transaction().execute((trx) =>
    releaseReferral(trx, ports, {
      actor: input.actor,
      operationId: input.operationId,
      referralId: row.id,
      builtFrom: { agencyId: agency.id, subjectIds: row.subject_ids },
      built,
    }),
  );
}
