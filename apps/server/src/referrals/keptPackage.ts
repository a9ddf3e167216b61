import { createReadStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BlobStore } from "../blobs/blobStore";

/** Packages are large but bounded: past this the build stops and says so. */
const MAX_PACKAGE_BYTES = 8 * 1024 ** 3;

/** A package kept in the blob store: what is downloaded later is byte for byte this. */
export interface KeptPackage {
  sha256: string;
  sizeBytes: number;
  headSize: number;
  headRoot: string;
  files: number;
}

/** What a package writer reports once the ZIP is complete on disk. */
export interface WrittenPackage {
  manifest: { files: readonly unknown[] };
  head: { head: { size: number; root: string } };
}

/**
 * Writes a package (referral or disclosure) into a temporary file with `write`, streams it into
 * the blob store under its SHA-256, and removes the temporary folder whatever happens.
 */
export async function buildAndKeepPackage(
  blobs: BlobStore,
  tempPrefix: string,
  write: (path: string) => Promise<WrittenPackage>,
): Promise<KeptPackage> {
  const dir = await mkdtemp(join(tmpdir(), tempPrefix));
  try {
    const path = join(dir, "package.zip");
    const { manifest, head } = await write(path);
    const staged = await blobs.stage(
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
