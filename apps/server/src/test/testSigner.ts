import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateSigningKey, type SigningKey } from "@sweetie/core/ledger/index";
import type { Db } from "../db/database";
import { ledgerSigner, type LedgerSigner } from "../ledger/headAnchor";
import { issueTreeHead } from "../ledger/headIssuer";

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

/** Signs a head for every operation with a ledger (verify needs one per non-empty ledger). */
export async function signEveryLedger(db: Db, signer: LedgerSigner = testSigner()): Promise<void> {
  const rows = await db
    .selectFrom("ledger_state")
    .select("operation_id")
    .where("size", ">", 0)
    .execute();
  for (const { operation_id } of rows) await issueTreeHead(db, signer, operation_id);
}
