import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateSigningKey, type SigningKey } from "@sweetie/core/ledger/index";
import { ledgerSigner, type LedgerSigner } from "../ledger/headAnchor";

let dir: string | null = null;
let count = 0;

/** A signer with a fresh key (unless given) and its own head anchor file in a temp directory. */
export function testSigner(key: SigningKey = generateSigningKey()): LedgerSigner {
  if (!dir) {
    const created = mkdtempSync(join(tmpdir(), "sweetie-anchor-"));
    dir = created;
    process.on("exit", () => rmSync(created, { recursive: true, force: true }));
  }
  count += 1;
  return ledgerSigner(key, join(dir, `anchor-${count}.json`));
}
