import { createWriteStream } from "node:fs";
import { PassThrough } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Db } from "../db/database";
import { closingFiles } from "./closingFiles";
import { assemblePackage } from "./packageAssembler";
import type { PackageInput, PackageProgress } from "./packageFiles";

/**
 * Builds a package into a file (its report, JSON-LD and verifier page included). The file is
 * flushed to the disk before this resolves: a package recorded as built is one that survives
 * a crash of the machine.
 */
export async function writePackageFile(
  db: Db,
  input: PackageInput,
  path: string,
  onProgress?: (p: PackageProgress) => void,
) {
  const out = new PassThrough({ highWaterMark: 1 << 20 });
  const written = pipeline(out, createWriteStream(path, { flush: true }));
  const result = await assemblePackage(db, input, out, {
    closing: closingFiles,
    ...(onProgress ? { onProgress } : {}),
  });
  out.end();
  await written;
  return result;
}
