// Perceptual-hash comparison: decision support that suggests "same image" for re-encoded,
// resized, mirrored or brightness-shifted copies of one picture. It never says whether two
// different pictures show the same person; that is an analyst's recorded opinion (S3).

/**
 * Hamming distance (of 64 bits) at or below which two images are suggested as the same picture.
 * Measured (apps/server/src/identity/imageHashes.test.ts, 40 generated pictures): resized,
 * recompressed, mirrored and brightened copies ≤ 7; distinct pictures ≥ 19; 0/780 false matches.
 */
export const SAME_IMAGE_MAX_DISTANCE = 10;

/** Bits that differ between two hashes given as strings of "0" and "1" of equal length. */
export function hammingDistance(a: string, b: string): number {
  if (a.length !== b.length) throw new Error("hashes of different lengths");
  let distance = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) distance++;
  return distance;
}

export interface ImageHashes {
  phash: string;
  /** The hash of the picture mirrored left to right (webcams mirror). */
  phashMirrored: string;
}

/** The closer of the direct and the mirrored comparison, and whether it suggests one picture. */
export function compareImages(
  a: ImageHashes,
  b: ImageHashes,
): { distance: number; mirrored: boolean; sameImage: boolean } {
  const direct = hammingDistance(a.phash, b.phash);
  const mirrored = hammingDistance(a.phash, b.phashMirrored);
  const distance = Math.min(direct, mirrored);
  return { distance, mirrored: mirrored < direct, sameImage: distance <= SAME_IMAGE_MAX_DISTANCE };
}
