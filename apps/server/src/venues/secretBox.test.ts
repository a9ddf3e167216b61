import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadOrCreateSecretBox, SecretBox, secretKeyPath } from "./secretBox";

describe("secret box", () => {
  it("seals with AES-256-GCM, bound to its network; tampering or another network does not open", () => {
    const box = SecretBox.fromKey(new Uint8Array(32).fill(7));
    const sealed = box.seal("hunter2 ☺", "net-1");
    expect(Buffer.from(sealed).includes(Buffer.from("hunter2"))).toBe(false);
    expect(box.open(sealed, "net-1")).toBe("hunter2 ☺");
    expect(() => box.open(sealed, "net-2")).toThrow();
    const tampered = new Uint8Array(sealed);
    tampered[tampered.length - 1]! ^= 1;
    expect(() => box.open(tampered, "net-1")).toThrow();
    expect(Buffer.from(box.seal("x", "n")).equals(Buffer.from(box.seal("x", "n")))).toBe(false);
  });

  it("takes the key from SWEETIE_SECRET_KEY, else creates one in the data dir (0600) and reuses it", async () => {
    const dir = await mkdtemp(join(tmpdir(), "sweetie-secret-"));
    try {
      const first = await loadOrCreateSecretBox(dir, {});
      expect((await stat(secretKeyPath(dir))).mode & 0o777).toBe(0o600);
      const again = await loadOrCreateSecretBox(dir, {});
      expect(again.open(first.seal("pw", "n"), "n")).toBe("pw");
      const fromEnv = await loadOrCreateSecretBox(dir, {
        SWEETIE_SECRET_KEY: (await readFile(secretKeyPath(dir), "utf8")).trim(),
      });
      expect(fromEnv.open(first.seal("pw", "n"), "n")).toBe("pw");
      await expect(loadOrCreateSecretBox(dir, { SWEETIE_SECRET_KEY: "short" })).rejects.toThrow(
        /64 hex/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
