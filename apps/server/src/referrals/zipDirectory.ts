import { fstatSync, readSync } from "node:fs";

// A ZIP's central directory, read with two positioned reads (its end record, then the whole
// directory) and parsed in place: a package lists thousands of files, and reading each record
// on its own costs more than checking them. ZIP64 (more than 65,535 files, or past 4 GiB) is
// understood. Only what a verifier needs is kept; anything odd is an error naming the file.

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  encrypted: boolean;
  compressedSize: number;
  size: number;
  /** Where the entry's local header starts. */
  localOffset: number;
  /** The length of its name in bytes (the local header repeats it). */
  nameLength: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
export const LOCAL = 0x04034b50;
const MAX_COMMENT = 0xffff;

/** Fills `buffer` from its start with `length` bytes of the file at `position`. */
export function readInto(fd: number, buffer: Buffer, length: number, position: number): void {
  for (let done = 0; done < length;) {
    const n = readSync(fd, buffer, done, length - done, position + done);
    if (n === 0) throw new Error("the ZIP ends early");
    done += n;
  }
}

export function readRange(fd: number, start: number, length: number): Buffer {
  const out = Buffer.allocUnsafe(length);
  readInto(fd, out, length, start);
  return out;
}

/**
 * Where a file's data starts, counted from its local header (at the start of `local`, 30 bytes
 * or more); null when the bytes are not a local header.
 */
export function dataOffset(local: Buffer): number | null {
  if (local.readUInt32LE(0) !== LOCAL) return null;
  return 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
}

/** Every file entry of the ZIP open on `fd`, by name (folders left out). */
export function readZipDirectory(fd: number): Map<string, ZipEntry> {
  const fileSize = fstatSync(fd).size;
  const tailLength = Math.min(fileSize, 22 + MAX_COMMENT);
  const tail = readRange(fd, fileSize - tailLength, tailLength);
  let at = -1;
  for (let i = tailLength - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD && i + 22 + tail.readUInt16LE(i + 20) === tailLength) {
      at = i;
      break;
    }
  }
  if (at < 0) throw new Error("it is not a ZIP file (no end of central directory)");
  let count = tail.readUInt16LE(at + 10);
  let directorySize = tail.readUInt32LE(at + 12);
  let directoryOffset = tail.readUInt32LE(at + 16);
  const eocdOffset = fileSize - tailLength + at;
  if (eocdOffset >= 20 && readRange(fd, eocdOffset - 20, 4).readUInt32LE(0) === ZIP64_LOCATOR) {
    const locator = readRange(fd, eocdOffset - 20, 20);
    const zip64 = readRange(fd, safe(locator.readBigUInt64LE(8)), 56);
    if (zip64.readUInt32LE(0) !== ZIP64_EOCD) throw new Error("its ZIP64 end record is damaged");
    count = safe(zip64.readBigUInt64LE(32));
    directorySize = safe(zip64.readBigUInt64LE(40));
    directoryOffset = safe(zip64.readBigUInt64LE(48));
  }
  if (directoryOffset + directorySize > eocdOffset) {
    throw new Error("its central directory lies outside the file");
  }
  const dir = readRange(fd, directoryOffset, directorySize);
  const entries = new Map<string, ZipEntry>();
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > dir.length || dir.readUInt32LE(p) !== CENTRAL) {
      throw new Error("its central directory is damaged");
    }
    const flags = dir.readUInt16LE(p + 8);
    const method = dir.readUInt16LE(p + 10);
    const nameLength = dir.readUInt16LE(p + 28);
    const extraLength = dir.readUInt16LE(p + 30);
    const commentLength = dir.readUInt16LE(p + 32);
    const end = p + 46 + nameLength + extraLength + commentLength;
    if (end > dir.length) throw new Error("its central directory is damaged");
    const name = dir.toString("utf8", p + 46, p + 46 + nameLength);
    let compressedSize = dir.readUInt32LE(p + 20);
    let size = dir.readUInt32LE(p + 24);
    let localOffset = dir.readUInt32LE(p + 42);
    if (compressedSize === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff) {
      // The ZIP64 extra field holds, in this order, the values the record marks as too large.
      const extra = zip64Extra(dir, p + 46 + nameLength, extraLength, name);
      let e = 0;
      const next = () => {
        if (e + 8 > extra.length) throw new Error(`${name}: its ZIP64 sizes are missing`);
        const value = safe(extra.readBigUInt64LE(e));
        e += 8;
        return value;
      };
      if (size === 0xffffffff) size = next();
      if (compressedSize === 0xffffffff) compressedSize = next();
      if (localOffset === 0xffffffff) localOffset = next();
    }
    p = end;
    if (name.includes("\\")) throw new Error(`${name}: a file name with a backslash`);
    if (name.endsWith("/")) continue;
    if (entries.has(name)) throw new Error(`the ZIP holds ${name} twice`);
    if (localOffset + 30 + compressedSize > directoryOffset) {
      throw new Error(`${name}: its data lies outside the ZIP's files`);
    }
    entries.set(name, {
      name,
      method,
      encrypted: (flags & 1) !== 0,
      compressedSize,
      size,
      localOffset,
      nameLength,
    });
  }
  return entries;
}

function zip64Extra(dir: Buffer, from: number, length: number, name: string): Buffer {
  for (let q = from; q + 4 <= from + length;) {
    const id = dir.readUInt16LE(q);
    const size = dir.readUInt16LE(q + 2);
    if (id === 0x0001) return dir.subarray(q + 4, q + 4 + size);
    q += 4 + size;
  }
  throw new Error(`${name}: its ZIP64 sizes are missing`);
}

function safe(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error("a ZIP offset is too large");
  return Number(value);
}
