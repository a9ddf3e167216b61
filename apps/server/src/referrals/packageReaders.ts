import { createHash } from "node:crypto";
import { closeSync, createReadStream, openSync, readSync } from "node:fs";
import { inflateRawSync } from "node:zlib";
import { readdir, readFile, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import type { Readable } from "node:stream";
import type { PackageReader } from "@sweetie/core/referral/index";
import yauzl from "yauzl";

// The verifier's view of a package on disk: a ZIP (read in place, entry by entry) or the folder
// it was unzipped into. Hashing streams through Node's native SHA-256.

const HASH_CHUNK = 1 << 20;

async function digestStream(stream: Readable, onBytes?: (n: number) => void) {
  const hash = createHash("sha256");
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
    onBytes?.(chunk.length);
  }
  return { sha256: hash.digest("hex"), size };
}

export interface ClosableReader extends PackageReader {
  close(): void;
}

/**
 * A ZIP file: yauzl reads and checks its central directory; each file's data is then read with
 * synchronous positioned reads in large blocks (stored entries are hashed block by block,
 * deflated ones inflated natively). A verifier reads thousands of small files: one read per
 * file instead of a stream per file keeps it bound by hashing, not by event-loop round trips.
 */
export async function openZipPackage(path: string): Promise<ClosableReader> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, autoClose: false, strictFileNames: true }, (error, z) =>
      error ? reject(error) : resolve(z),
    ),
  );
  const entries = new Map<string, yauzl.Entry>();
  await new Promise<void>((resolve, reject) => {
    zip.on("entry", (entry: yauzl.Entry) => {
      if (!entry.fileName.endsWith("/")) entries.set(entry.fileName, entry);
      zip.readEntry();
    });
    zip.once("end", resolve);
    zip.once("error", reject);
    zip.readEntry();
  });
  const fd = openSync(path, "r");
  const header = Buffer.alloc(30);
  const entryOf = (name: string) => {
    const entry = entries.get(name);
    if (!entry) throw new Error(`no file ${name} in the package`);
    if (entry.isEncrypted()) throw new Error(`${name} is encrypted`);
    if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
      throw new Error(`${name} uses an unsupported compression method`);
    }
    if (
      readSync(fd, header, 0, 30, entry.relativeOffsetOfLocalHeader) !== 30 ||
      header.readUInt32LE(0) !== 0x04034b50
    ) {
      throw new Error(`${name}: the ZIP's local header is damaged`);
    }
    const start =
      entry.relativeOffsetOfLocalHeader + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
    return { entry, start };
  };
  const readRange = (start: number, length: number) => {
    const out = Buffer.allocUnsafe(length);
    let done = 0;
    while (done < length) {
      const n = readSync(fd, out, done, length - done, start + done);
      if (n === 0) throw new Error("the ZIP ends early");
      done += n;
    }
    return out;
  };
  const read = (name: string): Buffer => {
    const { entry, start } = entryOf(name);
    const raw = readRange(start, entry.compressedSize);
    const data = entry.compressionMethod === 8 ? inflateRawSync(raw) : raw;
    if (data.length !== entry.uncompressedSize)
      throw new Error(`${name}: its size differs from the ZIP's directory`);
    return data;
  };
  const block = Buffer.allocUnsafe(HASH_CHUNK * 4);
  return {
    paths: () => [...entries.keys()],
    read: async (name) => read(name),
    digest: async (name, onBytes) => {
      const { entry, start } = entryOf(name);
      if (entry.compressionMethod === 8) {
        const data = read(name);
        onBytes?.(data.length);
        return { sha256: createHash("sha256").update(data).digest("hex"), size: data.length };
      }
      const hash = createHash("sha256");
      for (let at = 0; at < entry.compressedSize;) {
        const n = readSync(
          fd,
          block,
          0,
          Math.min(block.length, entry.compressedSize - at),
          start + at,
        );
        if (n === 0) throw new Error("the ZIP ends early");
        hash.update(block.subarray(0, n));
        at += n;
        onBytes?.(n);
      }
      return { sha256: hash.digest("hex"), size: entry.compressedSize };
    },
    close: () => {
      closeSync(fd);
      zip.close();
    },
  };
}

/** An unzipped package folder. */
export async function openFolderPackage(root: string): Promise<ClosableReader> {
  const paths: string[] = [];
  const walk = async (dir: string) => {
    for (const item of await readdir(dir, { withFileTypes: true })) {
      const full = join(dir, item.name);
      if (item.isDirectory()) await walk(full);
      else if (item.isFile()) paths.push(relative(root, full).split(sep).join("/"));
    }
  };
  await walk(root);
  const known = new Set(paths);
  const resolve = (name: string) => {
    if (!known.has(name)) throw new Error(`no file ${name} in the package`);
    return join(root, ...name.split("/"));
  };
  return {
    paths: () => paths,
    read: async (name) => readFile(resolve(name)),
    digest: async (name, onBytes) =>
      digestStream(createReadStream(resolve(name), { highWaterMark: HASH_CHUNK }), onBytes),
    close: () => undefined,
  };
}

export async function openPackage(path: string): Promise<ClosableReader> {
  return (await stat(path)).isDirectory() ? openFolderPackage(path) : openZipPackage(path);
}
