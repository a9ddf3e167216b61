import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
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

async function readStream(stream: Readable): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

export interface ClosableReader extends PackageReader {
  close(): void;
}

/** A ZIP file. Damaged ZIP structure is reported by opening it (the caller says what failed). */
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
  const open = (name: string) =>
    new Promise<Readable>((resolve, reject) => {
      const entry = entries.get(name);
      if (!entry) return reject(new Error(`no file ${name} in the package`));
      zip.openReadStream(entry, (error, stream) => (error ? reject(error) : resolve(stream)));
    });
  return {
    paths: () => [...entries.keys()],
    read: async (name) => readStream(await open(name)),
    digest: async (name, onBytes) => digestStream(await open(name), onBytes),
    close: () => zip.close(),
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
