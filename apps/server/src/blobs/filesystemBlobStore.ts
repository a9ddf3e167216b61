import { createHash, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { access, mkdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { once } from "node:events";
import { BlobTooLarge, type BlobStore } from "./blobStore";
import { HeadCollector, MarkupScanner } from "./markupScanner";

const HEX = /^[0-9a-f]{64}$/u;

/** Files under `root`/<first two hex>/<sha256>; staged under `root`/staging. Mode 0600. */
export function filesystemBlobStore(root: string): BlobStore {
  const pathOf = (sha256: string) => {
    if (!HEX.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    return join(root, sha256.slice(0, 2), sha256);
  };
  const exists = async (path: string) =>
    access(path).then(
      () => true,
      () => false,
    );

  return {
    kind: "filesystem",
    async stage(source, maxBytes) {
      const staging = join(root, "staging");
      await mkdir(staging, { recursive: true, mode: 0o700 });
      const temp = join(staging, randomUUID());
      const out = createWriteStream(temp, { mode: 0o600 });
      const hash = createHash("sha256");
      const head = new HeadCollector(8192);
      const scanner = new MarkupScanner();
      let sizeBytes = 0;
      try {
        for await (const chunk of source) {
          sizeBytes += chunk.length;
          if (sizeBytes > maxBytes) throw new BlobTooLarge(maxBytes);
          hash.update(chunk);
          head.push(chunk);
          scanner.push(chunk);
          if (!out.write(chunk)) await once(out, "drain");
        }
        out.end();
        await once(out, "finish");
      } catch (error) {
        // The file may still be opening: remove it only once the stream has closed, or the
        // open would recreate it after the removal and leave it behind in staging.
        out.destroy();
        if (!out.closed) await once(out, "close");
        await rm(temp, { force: true });
        throw error;
      }
      const sha256 = hash.digest("hex");
      return {
        sha256,
        sizeBytes,
        head: head.head,
        markup: scanner.found,
        async commit() {
          const final = pathOf(sha256);
          if (await exists(final)) {
            await rm(temp, { force: true });
            return;
          }
          await mkdir(join(root, sha256.slice(0, 2)), { recursive: true, mode: 0o700 });
          await rename(temp, final);
        },
        async discard() {
          await rm(temp, { force: true });
        },
      };
    },
    async open(sha256) {
      const path = pathOf(sha256);
      return (await exists(path)) ? createReadStream(path) : null;
    },
    async rehash(sha256s) {
      const found = new Map<string, string | null>();
      for (const sha256 of new Set(sha256s)) {
        const path = pathOf(sha256);
        if (!(await exists(path))) {
          found.set(sha256, null);
          continue;
        }
        const hash = createHash("sha256");
        for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
        found.set(sha256, hash.digest("hex"));
      }
      return found;
    },
    async remove(sha256s) {
      for (const sha256 of new Set(sha256s)) await rm(pathOf(sha256), { force: true });
    },
  };
}
