import { hash } from "node:crypto";
import { cpus } from "node:os";
import { Worker } from "node:worker_threads";
import { dataOffset, readInto, type ZipEntry } from "./zipDirectory";

// Hashes a ZIP's entries on hashing threads (one on a two-core machine, two on more) while the
// verifier proves the ledger entries on its own thread: a package is mostly capture bytes, and
// hashing them is most of a verify. Each thread reads entries itself from the same file
// descriptor (positioned reads, 4 MiB at a time), inflates deflated ones natively (packages
// built before files were stored), and answers with SHA-256 and size. An entries file is
// answered with its bytes and each line's leaf hash too (and with its proofs file), and goes
// before any other file, so the proving thread is never left waiting behind captures.
// The verifier's thread hashes small stored files too, from the back of the queue, whenever it
// is free (see zipHasher). Files go to the thread with the fewest bytes queued. The threads'
// code is plain JavaScript, so they start without the TypeScript loader.

const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const { readSync } = require("node:fs");
const crypto = require("node:crypto");
// zlib only for packages built before files were stored: loading it costs every thread's start.
const inflateRawSync = (raw) => require("node:zlib").inflateRawSync(raw);
const fd = workerData.fd;
// A file the verifier's own thread may hash too is claimed first: whoever claims it hashes it.
const claims = workerData.claims;
const claimed = (job) => !job.shared || Atomics.compareExchange(claims, job.id, 0, 1) === 0;
const block = Buffer.allocUnsafe(4 << 20);
const header = Buffer.allocUnsafe(30);
const oneShot = crypto.hash;
// Bytes in memory are hashed in one call (crypto.hash, Node >= 20.12): no Hash object, whose
// JavaScript would be compiled again in every new thread.
const hexDigest = (data) =>
  oneShot ? oneShot("sha256", data, "hex") : crypto.createHash("sha256").update(data).digest("hex");
let scratch = Buffer.allocUnsafe(1 << 16);
function readFully(buffer, length, position) {
  for (let done = 0; done < length; ) {
    const n = readSync(fd, buffer, done, length - done, position + done);
    if (n === 0) throw new Error("the ZIP ends early");
    done += n;
  }
}
function dataStart(job) {
  readFully(header, 30, job.localOffset);
  return checkedStart(job, header);
}
function checkedStart(job, local) {
  if (local.readUInt32LE(0) !== 0x04034b50) throw new Error("the ZIP's local header is damaged");
  return job.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
}
// A file's bytes, with its local header read in the same read when the header holds no extra
// field (as the package writer writes it); else with a second read. Into \`into\` when given
// and large enough, else into an ArrayBuffer of its own (which can then be handed over).
function readData(job, into) {
  const length = 30 + job.nameLength + job.compressedSize;
  const buffer = into && into.length >= length ? into : Buffer.from(new ArrayBuffer(length));
  readFully(buffer, length, job.localOffset);
  const start = checkedStart(job, buffer) - job.localOffset;
  if (start === 30 + job.nameLength) return buffer.subarray(start, length);
  const data = Buffer.from(new ArrayBuffer(job.compressedSize));
  readFully(data, job.compressedSize, job.localOffset + start);
  return data;
}
// A whole file, inflated when it is deflated (packages built before files were stored), in an
// ArrayBuffer of its own so that it can be handed over to the verifier's thread.
function wholeFile(job) {
  const raw = readData(job);
  if (job.method !== 8) return raw;
  const data = inflateRawSync(raw);
  return data.byteOffset === 0 && data.byteLength === data.buffer.byteLength
    ? data
    : Buffer.from(new Uint8Array(data));
}
// Each line's leaf hash, SHA-256(0x00 ‖ line), written into one block (the digest taken as a
// latin1 string, one character per byte: no ArrayBuffer per leaf for the collector).
function leafHashes(data) {
  let lines = 0;
  let start = 0;
  for (let i = data.indexOf(10); i !== -1; i = data.indexOf(10, start)) {
    lines += 1;
    start = i + 1;
  }
  if (start < data.length) lines += 1;
  const leaves = Buffer.from(new ArrayBuffer(32 * lines));
  let n = 0;
  const add = (from, to) => {
    const length = to - from + 1;
    if (length > scratch.length) scratch = Buffer.allocUnsafe(2 * length);
    scratch[0] = 0;
    scratch.set(data.subarray(from, to), 1);
    const input = scratch.subarray(0, length);
    const digest = oneShot
      ? oneShot("sha256", input, "latin1")
      : crypto.createHash("sha256").update(input).digest("latin1");
    leaves.latin1Write(digest, 32 * n++, 32);
  };
  start = 0;
  for (let i = data.indexOf(10); i !== -1; i = data.indexOf(10, start)) {
    add(start, i);
    start = i + 1;
  }
  if (start < data.length) add(start, data.length);
  return leaves;
}
function entries(job) {
  const data = wholeFile(job);
  const sha256 = hexDigest(data);
  const leaves = leafHashes(data);
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.length);
  if (!job.proofs) return { sha256, size: data.length, bytes, leaves };
  const proofs = wholeFile(job.proofs);
  return {
    sha256,
    size: data.length,
    bytes,
    leaves,
    proofs: new Uint8Array(proofs.buffer, proofs.byteOffset, proofs.length),
    proofsSha256: hexDigest(proofs),
  };
}
function digest(job) {
  if (job.method === 8) {
    const data = wholeFile(job);
    return { sha256: hexDigest(data), size: data.length };
  }
  if (30 + job.nameLength + job.compressedSize <= block.length) {
    return { sha256: hexDigest(readData(job, block)), size: job.compressedSize };
  }
  const hash = crypto.createHash("sha256");
  const start = dataStart(job);
  for (let at = 0; at < job.compressedSize; ) {
    const n = Math.min(block.length, job.compressedSize - at);
    readFully(block, n, start + at);
    hash.update(n === block.length ? block : block.subarray(0, n));
    at += n;
  }
  return { sha256: hash.digest("hex"), size: job.compressedSize };
}
// Entries files first; then files only this thread hashes (the large ones), so that the ones
// the verifier's thread may take too are left for the end, when it is free.
const first = [];
const large = [];
const rest = [];
let results = [];
let handed = [];
let bytes = 0;
let scheduled = false;
function flush() {
  if (results.length > 0) parentPort.postMessage(results, handed);
  results = [];
  handed = [];
  bytes = 0;
}
// One file per turn, so files asked for meanwhile (entries files first) are seen between them.
function work() {
  scheduled = false;
  const job = first.shift() || large.shift() || rest.shift();
  if (!job) return flush();
  try {
    if (job.entries) {
      const done = entries(job);
      results.push({ id: job.id, ...done });
      handed.push(done.bytes.buffer, done.leaves.buffer);
      if (done.proofs) handed.push(done.proofs.buffer);
      // Entries files go back a few at a time, as soon as no more of them are waiting.
      if (results.length >= 8 || first.length === 0) flush();
    } else if (claimed(job)) {
      const done = digest(job);
      results.push({ id: job.id, sha256: done.sha256, size: done.size });
      bytes += done.size;
    }
  } catch (error) {
    results.push({ id: job.id, error: String(error && error.message) });
  }
  if (bytes >= 16 << 20 || first.length + large.length + rest.length === 0) flush();
  schedule();
}
function schedule() {
  if (!scheduled && first.length + large.length + rest.length > 0) {
    scheduled = true;
    setImmediate(work);
  }
}
parentPort.on("message", (jobs) => {
  for (const job of jobs) (job.entries ? first : job.shared ? rest : large).push(job);
  schedule();
});
`;

interface Result {
  id: number;
  sha256?: string;
  size?: number;
  bytes?: Uint8Array;
  leaves?: Uint8Array;
  proofs?: Uint8Array;
  proofsSha256?: string;
  error?: string;
}

export interface EntriesRead {
  bytes: Uint8Array;
  sha256: string;
  /** The leaf hash of each line, 32 bytes apiece. */
  leafHashes: Uint8Array;
  /** Its proofs file, when one was asked for with it. */
  proofs?: { bytes: Uint8Array; sha256: string };
}

type Located = Pick<ZipEntry, "localOffset" | "method" | "compressedSize" | "nameLength">;

interface Pending {
  resolve(result: Result): void;
  reject(error: Error): void;
  name: string;
  /** Bytes this file adds to its thread's queue. */
  cost: number;
  thread: Thread;
}

interface Job extends Located {
  id: number;
  entries: boolean;
  /** The verifier's thread may hash it too (whoever claims it first). */
  shared: boolean;
  proofs?: Located;
}

interface Thread {
  worker: Worker;
  queuedBytes: number;
  /** Files asked of it and not answered yet. */
  waiting: number;
  outbox: Job[];
}

/** Files the verifier's thread may hash itself: stored ones that fit in one read. */
const SHARED_LIMIT = 4 << 20;

/**
 * Hashing threads over the ZIP open on `fd` (which holds `files` files); requests made in one
 * tick go in one message. The verifier's own thread hashes files from the back of the queue
 * whenever its event loop is free (when it waits for the threads), so the two cores stay busy
 * whatever the mix of proving and hashing: each such file is claimed in a shared table first,
 * by the thread or by the verifier, and hashed once.
 */
export function zipHasher(
  fd: number,
  files: number,
  threads = Math.max(1, Math.min(2, cpus().length - 1)),
) {
  let nextId = 0;
  const pending = new Map<number, Pending>();
  const claims = new Int32Array(new SharedArrayBuffer(4 * (2 * files + 16)));
  const start = (thread: Omit<Thread, "worker">) => {
    const w = new Worker(WORKER, { eval: true, workerData: { fd, claims }, execArgv: [] });
    w.on("message", (results: Result[]) => {
      for (const result of results) answer(result.id, result);
    });
    w.on("error", (error) => {
      for (const [id, waiting] of pending) {
        if (waiting.thread !== thread) continue;
        waiting.reject(error);
        pending.delete(id);
      }
      thread.waiting = 0;
      thread.queuedBytes = 0;
    });
    return w;
  };
  // Started now, while the verifier reads and checks the manifest (a thread takes tens of
  // milliseconds to start); they hold the process open only while they have work.
  const pool: Thread[] = Array.from({ length: threads }, () => {
    const state = { queuedBytes: 0, waiting: 0, outbox: [] as Job[] };
    const thread: Thread = Object.assign(state, { worker: start(state) });
    thread.worker.unref();
    return thread;
  });
  const located = (entry: ZipEntry): Located => ({
    localOffset: entry.localOffset,
    method: entry.method,
    compressedSize: entry.compressedSize,
    nameLength: entry.nameLength,
  });
  // What this thread may hash itself, the latest asked for last (the threads start at the front).
  const shareable: { id: number; entry: ZipEntry }[] = [];
  let block: Buffer | null = null;
  let stealing = false;
  const answer = (id: number, result: Result) => {
    const waiting = pending.get(id);
    if (!waiting) return;
    pending.delete(id);
    waiting.thread.queuedBytes -= waiting.cost;
    waiting.thread.waiting -= 1;
    if (waiting.thread.waiting === 0) waiting.thread.worker.unref();
    if (result.error !== undefined || result.sha256 === undefined) {
      waiting.reject(new Error(`${waiting.name}: ${result.error ?? "it could not be hashed"}`));
    } else waiting.resolve(result);
  };
  // One file per turn of the event loop, so the verifier's own work goes on between them.
  const steal = () => {
    stealing = false;
    for (let job = shareable.pop(); job; job = shareable.pop()) {
      if (Atomics.compareExchange(claims, job.id, 0, 2) !== 0) continue;
      answer(job.id, hashHere(job.entry));
      break;
    }
    if (shareable.length > 0) {
      stealing = true;
      setImmediate(steal);
    }
  };
  const hashHere = (entry: ZipEntry): Result => {
    try {
      block ??= Buffer.allocUnsafeSlow(SHARED_LIMIT);
      // The local header and the data in one read, as the package writer lays them out.
      const length = 30 + entry.nameLength + entry.compressedSize;
      readInto(fd, block, length, entry.localOffset);
      const offset = dataOffset(block);
      if (offset === null) throw new Error("the ZIP's local header is damaged");
      let data = block.subarray(offset, length);
      if (offset !== 30 + entry.nameLength) {
        // A header with an extra field: the data is read again, from where it starts.
        readInto(fd, block, entry.compressedSize, entry.localOffset + offset);
        data = block.subarray(0, entry.compressedSize);
      }
      return { id: -1, sha256: hash("sha256", data, "hex"), size: entry.compressedSize };
    } catch (error) {
      return { id: -1, error: (error as Error).message };
    }
  };
  const ask = (entry: ZipEntry, entries: boolean, proofs?: ZipEntry) =>
    new Promise<Result>((resolve, reject) => {
      const id = nextId++;
      const shared =
        !entries &&
        entry.method === 0 &&
        id < claims.length &&
        30 + entry.nameLength + entry.compressedSize <= SHARED_LIMIT;
      if (shared) {
        shareable.push({ id, entry });
        if (!stealing) {
          stealing = true;
          setImmediate(steal);
        }
      }
      const thread = pool.reduce((a, b) => (b.queuedBytes < a.queuedBytes ? b : a));
      const cost = entry.compressedSize + (proofs?.compressedSize ?? 0) + 4096;
      thread.queuedBytes += cost;
      thread.waiting += 1;
      pending.set(id, { resolve, reject, name: entry.name, cost, thread });
      if (thread.outbox.length === 0) {
        queueMicrotask(() => {
          thread.worker.ref();
          thread.worker.postMessage(thread.outbox);
          thread.outbox = [];
        });
      }
      thread.outbox.push({
        id,
        entries,
        shared,
        ...located(entry),
        ...(proofs ? { proofs: located(proofs) } : {}),
      });
    });
  return {
    async digest(entry: ZipEntry, onBytes?: (n: number) => void) {
      const result = await ask(entry, false);
      onBytes?.(result.size!);
      return { sha256: result.sha256!, size: result.size! };
    },
    /**
     * An entries file's bytes, SHA-256 and leaf hashes (with its proofs file's bytes and
     * SHA-256 when given), ahead of every other file.
     */
    async entries(entry: ZipEntry, proofs?: ZipEntry): Promise<EntriesRead> {
      const result = await ask(entry, true, proofs);
      if (!result.bytes || !result.leaves) throw new Error(`${entry.name}: it could not be read`);
      return {
        bytes: result.bytes,
        sha256: result.sha256!,
        leafHashes: result.leaves,
        ...(result.proofs && result.proofsSha256
          ? { proofs: { bytes: result.proofs, sha256: result.proofsSha256 } }
          : {}),
      };
    },
    async close() {
      await Promise.all(pool.map((t) => t.worker.terminate()));
    },
  };
}
