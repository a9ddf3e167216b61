import type { BlobStore } from "../blobs/blobStore";
import type { Db } from "../db/database";
import type { LedgerSigner } from "../ledger/headAnchor";
import type { AgencyRow } from "../db/tables/referrals";
import { buildAndKeepPackage, type KeptPackage } from "./keptPackage";
import { identityReferralSource } from "./identityReferralSource";
import { writePackageFile } from "./writePackageFile";

export type BuiltPackage = KeptPackage;

/**
 * Builds the referral's package (through the package's one entry point, writePackageFile) into
 * a temporary file, then streams it into the blob store under its SHA-256: what is downloaded
 * and sent later is byte for byte what was released.
 */
export async function buildReleasedPackage(
  db: Db,
  ports: { signer: LedgerSigner; blobs: BlobStore },
  input: {
    referralId: string;
    operationId: string;
    country: string;
    agency: AgencyRow;
    subjectIds: readonly string[];
    now: Date;
  },
): Promise<BuiltPackage> {
  return buildAndKeepPackage(ports.blobs, "sweetie-referral-", async (path) => {
    const operation = await identityReferralSource.operation(db, input.operationId);
    const subjects = await identityReferralSource.subjects(db, input.operationId, {
      country: input.country,
      subjectIds: input.subjectIds,
    });
    const agency = [input.agency.name, input.agency.unit].filter(Boolean).join(", ");
    return writePackageFile(
      db,
      {
        kind: "referral",
        packageId: input.referralId,
        operation,
        subjects,
        country: input.country,
        agency,
        signer: ports.signer,
        now: input.now,
        blobs: ports.blobs,
      },
      path,
    );
  });
}
