import { Worker } from "node:worker_threads";
import type { ZipEntry } from "./zipDirectory";

// Hashes a ZIP's entries on a second thread while the verifier proves the ledger entries on the
// first: a package is mostly capture bytes, and hashing them is most of a verify. The thread
// reads the entries itself from the same file descriptor (positioned reads, 4 MiB at a time),
// inflates deflated ones natively, and answers with SHA-256 and size, a batch of files per
// message. Its code is plain JavaScript, so it starts without the TypeScript loader.

const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const { readSync } = require("node:fs");
const { createHash } = require("node:crypto");
const { inflateRawSync } = require("node:zlib");
const fd = workerData.fd;
const block = Buffer.allocUnsafe(4 << 20);
const header = Buffer.allocUnsafe(30);
function readFully(buffer, length, position) {
  for (let done = 0; done < length; ) {
    const n = readSync(fd, buffer, done, length - done, position + done);
    if (n === 0) throw new Error("the ZIP ends early");
    done += n;
  }
}
function digest(job) {
  readFully(header, 30, job.localOffset);
  if (header.readUInt32LE(0) !== 0x04034b50) throw new Error("the ZIP's local header is damaged");
  const start = job.localOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  const hash = createHash("sha256");
  if (job.method === 8) {
    const raw = Buffer.allocUnsafe(job.compressedSize);
    readFully(raw, job.compressedSize, start);
    const data = inflateRawSync(raw);
    hash.update(data);
    return { sha256: hash.digest("hex"), size: data.length };
  }
  for (let at = 0; at < job.compressedSize; ) {
    const n = Math.min(block.length, job.compressedSize - at);
    readFully(block, n, start + at);
    hash.update(n === block.length ? block : block.subarray(0, n));
    at += n;
  }
  return { sha256: hash.digest("hex"), size: job.compressedSize };
}
parentPort.on("message", (jobs) => {
  let results = [];
  let bytes = 0;
  for (const job of jobs) {
    try {
      const done = digest(job);
      results.push({ id: job.id, sha256: done.sha256, size: done.size });
      bytes += done.size;
    } catch (error) {
      results.push({ id: job.id, error: String(error && error.message) });
    }
    if (bytes >= 16 << 20) {
      parentPort.postMessage(results);
      results = [];
      bytes = 0;
    }
  }
  if (results.length > 0) parentPort.postMessage(results);
});
`;

interface Result {
  id: number;
  sha256?: string;
  size?: number;
  error?: string;
}

interface Pending {
  resolve(digest: { sha256: string; size: number }): void;
  reject(error: Error): void;
  onBytes: ((n: number) => void) | undefined;
  name: string;
}

/** A hashing thread over the ZIP open on `fd`; requests made in one tick go in one message. */
export function zipHasher(fd: number) {
  let worker: Worker | null = null;
  let nextId = 0;
  let queued: (Pick<ZipEntry, "localOffset" | "method" | "compressedSize"> & { id: number })[] = [];
  const pending = new Map<number, Pending>();
  const start = () => {
    const w = new Worker(WORKER, { eval: true, workerData: { fd }, execArgv: [] });
    w.on("message", (results: Result[]) => {
      for (const result of results) {
        const waiting = pending.get(result.id);
        if (!waiting) continue;
        pending.delete(result.id);
        if (result.error !== undefined || result.sha256 === undefined) {
          waiting.reject(new Error(`${waiting.name}: ${result.error ?? "it could not be hashed"}`));
        } else {
          waiting.onBytes?.(result.size!);
          waiting.resolve({ sha256: result.sha256, size: result.size! });
        }
      }
      if (pending.size === 0) w.unref();
    });
    w.on("error", (error) => {
      for (const waiting of pending.values()) waiting.reject(error);
      pending.clear();
    });
    return w;
  };
  return {
    digest(entry: ZipEntry, onBytes?: (n: number) => void) {
      return new Promise<{ sha256: string; size: number }>((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject, onBytes, name: entry.name });
        if (queued.length === 0) {
          queueMicrotask(() => {
            worker ??= start();
            worker.ref();
            worker.postMessage(queued);
            queued = [];
          });
        }
        queued.push({
          id,
          localOffset: entry.localOffset,
          method: entry.method,
          compressedSize: entry.compressedSize,
        });
      });
    },
    async close() {
      if (worker) await worker.terminate();
      worker = null;
    },
  };
}
