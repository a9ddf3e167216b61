import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { toHex } from "@sweetie/core/ledger/index";
import { afterEach, describe, expect, it } from "vitest";
import { loadOrCreateSigningKey, loadSigningKey, signingKeyPath } from "./signingKey";

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});
async function tempDir() {
  const dir = await mkdtemp(join(tmpdir(), "sweetie-key-"));
  dirs.push(dir);
  return dir;
}

describe("ledger signing key", () => {
  it("is created on first start, private to its owner, and the same afterwards", async () => {
    const dir = await tempDir();
    expect(await loadSigningKey(dir, {})).toBeNull();
    const first = await loadOrCreateSigningKey(dir, {});
    expect((await stat(signingKeyPath(dir))).mode & 0o777).toBe(0o600);
    const again = await loadOrCreateSigningKey(dir, {});
    expect(toHex(again.publicKey)).toBe(toHex(first.publicKey));
  });

  it("comes from SWEETIE_SIGNING_KEY when set, and a malformed one is refused with a hint", async () => {
    const dir = await tempDir();
    const seed = "11".repeat(32);
    const key = await loadOrCreateSigningKey(dir, { SWEETIE_SIGNING_KEY: seed });
    expect(toHex(key.secretKey)).toBe(seed);
    await expect(loadSigningKey(dir, { SWEETIE_SIGNING_KEY: "abc" })).rejects.toThrow(
      /64 hex characters/,
    );
  });
});
