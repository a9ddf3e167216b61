import { createHash } from "node:crypto";
import { closeSync, createReadStream, openSync, readSync } from "node:fs";
import { inflateRawSync } from "node:zlib";
import { readdir, readFile, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import type { Readable } from "node:stream";
import type { PackageReader } from "@sweetie/core/referral/index";
import { dataOffset, readRange, readZipDirectory, type ZipEntry } from "./zipDirectory";
import { zipHasher } from "./zipHashWorker";

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
 * A ZIP file, read in place: its central directory in one read (zipDirectory.ts); the files the
 * verifier reads (proofs, the head) with one positioned read each; the entries files (with their
 * leaf hashes) and every other file read and hashed on hashing threads (zipHashWorker.ts),
 * and small files on this thread when it is free, while the entries are proved.
 */
export async function openZipPackage(path: string): Promise<ClosableReader> {
  const fd = openSync(path, "r");
  let entries: Map<string, ZipEntry>;
  try {
    entries = readZipDirectory(fd);
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  const header = Buffer.alloc(30);
  const entryOf = (name: string) => {
    const entry = entries.get(name);
    if (!entry) throw new Error(`no file ${name} in the package`);
    if (entry.encrypted) throw new Error(`${name} is encrypted`);
    if (entry.method !== 0 && entry.method !== 8) {
      throw new Error(`${name} uses an unsupported compression method`);
    }
    return entry;
  };
  const read = (name: string): Buffer => {
    const entry = entryOf(name);
    const offset =
      readSync(fd, header, 0, 30, entry.localOffset) === 30 ? dataOffset(header) : null;
    if (offset === null) throw new Error(`${name}: the ZIP's local header is damaged`);
    const raw = readRange(fd, entry.localOffset + offset, entry.compressedSize);
    const data = entry.method === 8 ? inflateRawSync(raw) : raw;
    if (data.length !== entry.size) {
      throw new Error(`${name}: its size differs from the ZIP's directory`);
    }
    return data;
  };
  const hasher = zipHasher(fd, entries.size);
  return {
    paths: () => [...entries.keys()],
    read: async (name) => read(name),
    digest: (name, onBytes) => hasher.digest(entryOf(name), onBytes),
    readEntries: (name, proofsName) => {
      // A proofs file the ZIP does not hold (or cannot read) is read on its own, to say why.
      const proofs = proofsName === undefined ? undefined : entries.get(proofsName);
      const readable = proofs && !proofs.encrypted && (proofs.method === 0 || proofs.method === 8);
      return hasher.entries(entryOf(name), readable ? proofs : undefined);
    },
    // The hashing thread keeps its own queue: hand it every file at once.
    digestsInFlight: Number.POSITIVE_INFINITY,
    close: () => {
      void hasher.close().finally(() => closeSync(fd));
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
