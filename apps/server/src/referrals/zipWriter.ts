import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { listFile, type FileRole, type ManifestFile } from "@sweetie/core/referral/index";
import yazl from "yazl";

/**
 * Writes a package ZIP as a stream and lists every file for the manifest (SHA-256, size). Files
 * are handed to the ZIP lazily, so the caller can wait until the ZIP has reached a file before
 * preparing more: at most the files of two chunks are in memory, never the package.
 */
export class PackageZip {
  readonly files: ManifestFile[] = [];
  private readonly zip = new yazl.ZipFile();
  private readonly mtime: Date;

  constructor(output: NodeJS.WritableStream, mtime: Date) {
    this.mtime = mtime;
    this.zip.outputStream.pipe(output);
  }

  /**
   * Adds a file; resolves when the ZIP starts writing it (everything added before it is written
   * or being written). Already-compressed bytes (captures, the PDF) are stored, text is deflated.
   */
  add(
    path: string,
    role: FileRole,
    bytes: Uint8Array,
    options: { compress: boolean; listed?: boolean } & Pick<ManifestFile, "proofs" | "leafIndices">,
  ): Promise<void> {
    if (options.listed !== false) {
      this.files.push(
        listFile(path, role, bytes, { proofs: options.proofs, leafIndices: options.leafIndices }),
      );
    }
    // yazl keeps every entry (and so this callback) until the central directory is written:
    // the callback lets go of the bytes once it has handed them over, or a package would stay
    // in memory whole until its end.
    let held: Uint8Array | null = bytes;
    const size = bytes.length;
    return new Promise((resolve) => {
      this.zip.addReadStreamLazy(
        path,
        { compress: options.compress, size, mtime: this.mtime },
        (callback) => {
          resolve();
          const data = held!;
          held = null;
          callback(null, Readable.from([Buffer.from(data.buffer, data.byteOffset, data.length)]));
        },
      );
    });
  }

  /**
   * Adds a file whose content comes in pieces, pulled only as fast as the ZIP writes them (a
   * large file is never whole in memory). It is listed now and its SHA-256 and size filled in
   * as it passes; resolves when the ZIP has read its last piece.
   */
  addChunks(
    path: string,
    role: FileRole,
    chunks: Iterable<Uint8Array | string>,
    options: { compress: boolean },
  ): Promise<void> {
    const listed: ManifestFile = { path, role, sha256: "", size: 0 };
    this.files.push(listed);
    return new Promise((resolve, reject) => {
      function* hashed() {
        const hash = createHash("sha256");
        for (const chunk of chunks) {
          const bytes =
            typeof chunk === "string"
              ? Buffer.from(chunk, "utf8")
              : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
          hash.update(bytes);
          listed.size += bytes.length;
          yield bytes;
        }
        listed.sha256 = hash.digest("hex");
        resolve();
      }
      this.zip.addReadStreamLazy(
        path,
        { compress: options.compress, mtime: this.mtime },
        (callback) => {
          const stream = Readable.from(hashed(), { objectMode: false });
          stream.once("error", reject);
          callback(null, stream);
        },
      );
    });
  }

  /** Finishes the ZIP; resolves when its last byte has been handed to the output. */
  end(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.zip.outputStream.once("end", resolve);
      this.zip.outputStream.once("error", reject);
      this.zip.end();
    });
  }
}
