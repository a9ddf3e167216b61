import type { ImageHashes } from "@sweetie/core/identity/index";
import sharp from "sharp";
import phash from "sharp-phash";
import type { BlobStore } from "../blobs/blobStore";
import type { DbOrTrx } from "../db/database";

/** The perceptual hash of an image and of its mirror image (sharp-phash: 64-bit DCT hash). */
export async function perceptualHashes(image: Uint8Array): Promise<ImageHashes> {
  const input = Buffer.from(image);
  const mirrored = await sharp(input).flop().png().toBuffer();
  const [direct, flipped] = await Promise.all([phash(input), phash(mirrored)]);
  return { phash: direct, phashMirrored: flipped };
}

async function readAll(source: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const chunk of source) parts.push(chunk);
  return Uint8Array.from(Buffer.concat(parts));
}

/**
 * Computes and keeps the perceptual hashes of a stored image (by its SHA-256), once. An image
 * the decoder cannot read gets none: it is still evidence, it just cannot be compared.
 */
export async function recordImageHashes(
  db: DbOrTrx,
  blobs: BlobStore,
  sha256: string,
  bytes?: Uint8Array,
): Promise<ImageHashes | null> {
  const known = await db
    .selectFrom("image_hashes")
    .select(["phash", "phash_mirrored"])
    .where("sha256", "=", sha256)
    .executeTakeFirst();
  if (known) return { phash: known.phash, phashMirrored: known.phash_mirrored };
  let image = bytes;
  if (!image) {
    const stream = await blobs.open(sha256);
    if (!stream) return null;
    image = await readAll(stream);
  }
  let hashes: ImageHashes;
  try {
    hashes = await perceptualHashes(image);
  } catch {
    return null;
  }
  await db
    .insertInto("image_hashes")
    .values({ sha256, phash: hashes.phash, phash_mirrored: hashes.phashMirrored })
    .onConflict((oc) => oc.column("sha256").doNothing())
    .execute();
  return hashes;
}
