import type { SignedTreeHead } from "@sweetie/core/ledger/index";
import { batchProofFile, entriesFileBytes, type RangeHash } from "@sweetie/core/referral/index";
import type { BlobStore } from "../blobs/blobStore";
import { databaseBlobStore } from "../blobs/databaseBlobStore";
import type { DbOrTrx } from "../db/database";
import {
  identificationPaths,
  loadSubjectIdentification,
  type IdentificationScope,
} from "./subjectIdentification";
import type { PackageZip } from "./zipWriter";

/**
 * Adds one subject's identification to the package: its entries file with a batch inclusion
 * proof against the package's head (each line's leaf index in the manifest), and each finding's
 * file streamed from the blob store, listed with the index of the finding entry that records its
 * SHA-256. Nothing is added for a subject with no identification entries. Resolves once the ZIP
 * has reached the entries file, so subjects are read one at a time.
 */
export async function addSubjectIdentification(
  db: DbOrTrx,
  zip: PackageZip,
  input: {
    operationId: string;
    subjectId: string;
    head: SignedTreeHead;
    rangeHash: RangeHash;
    scope: IdentificationScope;
    blobs?: BlobStore;
  },
): Promise<void> {
  const identification = await loadSubjectIdentification(db, {
    operationId: input.operationId,
    subjectId: input.subjectId,
    headSize: input.head.head.size,
    scope: input.scope,
    ...(input.blobs ? { blobs: input.blobs } : {}),
  });
  if (identification.entries.length === 0) return;
  const paths = identificationPaths(input.subjectId);
  const indices = identification.entries.map((e) => e.index);
  const started = zip.add(paths.entries, "entries", entriesFileBytes(identification.entries), {
    proofs: paths.proofs,
    leafIndices: indices,
  });
  void zip.add(paths.proofs, "proofs", batchProofFile(input.rangeHash, input.head, indices), {});
  const blobs = input.blobs ?? databaseBlobStore(db);
  for (const file of identification.findingFiles) {
    void zip.addStream(
      file.path,
      "finding",
      async () => {
        const stream = await blobs.open(file.sha256);
        if (!stream)
          throw new Error(`the file of finding ${file.findingId} left the blob store meanwhile`);
        return stream;
      },
      { leafIndices: [file.entryIndex] },
    );
  }
  await started;
}
