import { toHex } from "@sweetie/core/ledger/index";
import { z } from "zod";
import type { Db } from "../db/database";
import { headAnchorPath, ledgerSigner, type LedgerSigner } from "./headAnchor";
import { startHeadScheduler, type HeadPolicy } from "./headIssuer";
import { loadOrCreateSigningKey } from "./signingKey";

const headPolicySchema = z.object({
  SWEETIE_HEAD_EVERY_ENTRIES: z.coerce.number().int().positive().default(256),
  SWEETIE_HEAD_EVERY_SECONDS: z.coerce.number().positive().default(10),
});

/** How often heads are signed: SWEETIE_HEAD_EVERY_ENTRIES (256), SWEETIE_HEAD_EVERY_SECONDS (10). */
export function headPolicyFromEnv(env: NodeJS.ProcessEnv = process.env): HeadPolicy {
  const parsed = headPolicySchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(
      `Invalid ledger head settings: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`,
    );
  }
  return {
    everyEntries: parsed.data.SWEETIE_HEAD_EVERY_ENTRIES,
    everyMs: parsed.data.SWEETIE_HEAD_EVERY_SECONDS * 1000,
  };
}

/**
 * For the server process: loads (or on first start creates) the signing key in the data
 * directory and signs heads in the background. Returns the public key to publish and stop().
 */
export async function startLedgerHeads(
  db: Db,
  dataDir: string,
  env: NodeJS.ProcessEnv = process.env,
  given?: LedgerSigner,
): Promise<{ publicKey: string; stop(): Promise<void> }> {
  const signer = given ?? (await loadOrCreateLedgerSigner(dataDir, env));
  const scheduler = startHeadScheduler(db, signer, headPolicyFromEnv(env));
  return { publicKey: toHex(signer.publicKey), stop: () => scheduler.stop() };
}

/**
 * The signer of this process: its key (see loadOrCreateSigningKey) and the anchor of the heads
 * it signed, kept outside the database (SWEETIE_HEAD_ANCHOR_FILE, else in the data directory).
 */
export async function loadOrCreateLedgerSigner(
  dataDir: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<LedgerSigner> {
  const key = await loadOrCreateSigningKey(dataDir, env);
  return ledgerSigner(key, headAnchorPath(dataDir, env));
}
