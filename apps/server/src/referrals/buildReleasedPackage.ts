import { createReadStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BlobStore } from "../blobs/blobStore";
import type { Db } from "../db/database";
import type { LedgerSigner } from "../ledger/headAnchor";
import type { AgencyRow } from "../db/tables/referrals";
import { identityReferralSource } from "./identityReferralSource";
import { writePackageFile } from "./writePackageFile";

/** Packages are large but bounded: past this the release stops and says so. */
const MAX_PACKAGE_BYTES = 8 * 1024 ** 3;

export interface BuiltPackage {
  sha256: string;
  sizeBytes: number;
  headSize: number;
  headRoot: string;
  files: number;
}

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
  const dir = await mkdtemp(join(tmpdir(), "sweetie-referral-"));
  try {
    const path = join(dir, "package.zip");
    const operation = await identityReferralSource.operation(db, input.operationId);
    const subjects = await identityReferralSource.subjects(db, input.operationId, {
      country: input.country,
      subjectIds: input.subjectIds,
    });
    const agency = [input.agency.name, input.agency.unit].filter(Boolean).join(", ");
    const { manifest, head } = await writePackageFile(
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
    const staged = await ports.blobs.stage(
      createReadStream(path) as AsyncIterable<Uint8Array>,
      MAX_PACKAGE_BYTES,
    );
    await staged.commit();
    return {
      sha256: staged.sha256,
      sizeBytes: staged.sizeBytes,
      headSize: head.head.size,
      headRoot: head.head.root,
      files: manifest.files.length,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
