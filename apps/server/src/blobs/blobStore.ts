/**
 * A content-addressed store for evidence files (findings' files, webcam captures): a file is named by the
 * SHA-256 of its bytes. Files stream in and out; none is held whole in memory. Two
 * implementations: the data directory (embedded default) and PostgreSQL (several nodes share
 * it).
 */
export interface BlobStore {
  readonly kind: "filesystem" | "database";
  /**
   * Streams `source` into the store, hashing it as it arrives, and stages it: nothing is named
   * by its hash until `commit()`. Throws BlobTooLarge past `maxBytes` (what was written is
   * discarded).
   */
  stage(source: AsyncIterable<Uint8Array>, maxBytes: number): Promise<StagedBlob>;
  /** The file's bytes as a stream, or null when the store has no file of that hash. */
  open(sha256: string): Promise<AsyncIterable<Uint8Array> | null>;
  /** Re-hashes stored files (the verifier's check): their SHA-256 now, null when missing. */
  rehash(sha256s: readonly string[]): Promise<Map<string, string | null>>;
  /** Removes files (a purge, once nothing refers to them); a missing file is no error. */
  remove(sha256s: readonly string[]): Promise<void>;
}

export interface StagedBlob {
  sha256: string;
  sizeBytes: number;
  /** The first bytes, for the type check. */
  head: Uint8Array;
  /** Markup a browser would run (`<script`, `<html`, `<svg`…) found anywhere in the file. */
  markup: string | null;
  /** Names the file by its hash (a file already stored under it is kept as is). */
  commit(): Promise<void>;
  discard(): Promise<void>;
}

export class BlobTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`the file is larger than ${maxBytes} bytes`);
  }
}
