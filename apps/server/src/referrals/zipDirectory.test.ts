import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import yazl from "yazl";
import { leafHash } from "@sweetie/core/ledger/index";
import { openZipPackage } from "./packageReaders";

const dir = await mkdtemp(join(tmpdir(), "sweetie-zipdir-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

const FILES: [string, Buffer, boolean][] = [
  ["a/stored.bin", Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7) & 0xff)), false],
  ["a/deflated.txt", Buffer.from("entry line\n".repeat(5000)), true],
  ["empty.txt", Buffer.alloc(0), false],
];

async function zipOf(name: string, zip64: boolean, extra?: [string, Buffer][]) {
  const path = join(dir, name);
  const zip = new yazl.ZipFile();
  const done = new Promise<void>((resolve) =>
    zip.outputStream.pipe(createWriteStream(path)).on("close", () => resolve()),
  );
  for (const [file, bytes, compress] of FILES) {
    zip.addBuffer(bytes, file, { compress, forceZip64Format: zip64 });
  }
  for (const [file, bytes] of extra ?? []) zip.addBuffer(bytes, file);
  zip.addEmptyDirectory("folder/");
  zip.end({ forceZip64Format: zip64, comment: "" });
  await done;
  return path;
}

describe("the package ZIP reader", () => {
  it.each([false, true])("reads and hashes every file (ZIP64: %s)", async (zip64) => {
    const reader = await openZipPackage(await zipOf(`plain-${zip64}.zip`, zip64));
    try {
      expect([...reader.paths()].sort()).toEqual(FILES.map(([f]) => f).sort());
      for (const [file, bytes] of FILES) {
        expect(Buffer.from(await reader.read(file)).equals(bytes)).toBe(true);
        expect(await reader.digest(file)).toEqual({
          sha256: createHash("sha256").update(bytes).digest("hex"),
          size: bytes.length,
        });
      }
    } finally {
      reader.close();
    }
  });

  it.each([false, true])(
    "reads an entries file with each line's leaf hash on its hashing thread (deflated: %s)",
    async (deflated) => {
      const lines = ['{"a":1}', '{"b":"two"}', "", '{"c":"drei ü"}'];
      const bytes = Buffer.from(`${lines.join("\n")}\n`);
      const path = join(dir, `entries-${deflated}.zip`);
      const zip = new yazl.ZipFile();
      const done = new Promise<void>((resolve) =>
        zip.outputStream.pipe(createWriteStream(path)).on("close", () => resolve()),
      );
      zip.addBuffer(bytes, "entries.jsonl", { compress: deflated });
      zip.end();
      await done;
      const reader = await openZipPackage(path);
      try {
        const read = await reader.readEntries!("entries.jsonl");
        expect(Buffer.from(read.bytes).equals(bytes)).toBe(true);
        expect(read.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
        const expected = lines.map((line) => Buffer.from(leafHash(Buffer.from(line))));
        expect(Buffer.from(read.leafHashes).equals(Buffer.concat(expected))).toBe(true);
      } finally {
        reader.close();
      }
    },
  );

  it.each([false, true])(
    "answers every file with its own hash when hundreds are asked at once: small ones hashed on the verifier's thread, large ones on the hashing thread (ZIP64: %s)",
    async (zip64) => {
      // The verifier's thread takes files from the back of the queue while the hashing thread
      // works from the front: with this many, both hash some, and each must hash its own.
      const many: [string, Buffer][] = Array.from({ length: 400 }, (_, i) => [
        `many/${i}.bin`,
        Buffer.from(
          Array.from({ length: 1000 + ((i * 97) % 5000) }, (_, j) => (i + j * 31) & 0xff),
        ),
      ]);
      many.push(["many/large.bin", Buffer.alloc(5 << 20, 7)]);
      const path = join(dir, `many-${zip64}.zip`);
      const zip = new yazl.ZipFile();
      const done = new Promise<void>((resolve) =>
        zip.outputStream.pipe(createWriteStream(path)).on("close", () => resolve()),
      );
      for (const [file, bytes] of many) {
        zip.addBuffer(bytes, file, { compress: false, forceZip64Format: zip64 });
      }
      zip.end({ forceZip64Format: zip64, comment: "" });
      await done;
      const reader = await openZipPackage(path);
      try {
        const digests = await Promise.all(many.map(([file]) => reader.digest(file)));
        expect(digests).toEqual(
          many.map(([, bytes]) => ({
            sha256: createHash("sha256").update(bytes).digest("hex"),
            size: bytes.length,
          })),
        );
      } finally {
        reader.close();
      }
    },
  );

  it("refuses a file that is not a ZIP and a ZIP holding a name twice", async () => {
    const notZip = join(dir, "not.zip");
    await writeFile(notZip, "just some text");
    await expect(openZipPackage(notZip)).rejects.toThrow(/not a ZIP/);
    const twice = await zipOf("twice.zip", false, [["a/stored.bin", Buffer.from("other")]]);
    await expect(openZipPackage(twice)).rejects.toThrow(/a\/stored\.bin twice/);
  });
});
