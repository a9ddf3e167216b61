import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  fromHex,
  generateSigningKey,
  signingKeyFromSeed,
  toHex,
  type SigningKey,
} from "@sweetie/core/ledger/index";

/** The key file inside the data directory: the 32-byte Ed25519 seed as hex. */
export function signingKeyPath(dataDir: string): string {
  return join(dataDir, "ledger-signing-key");
}

/**
 * The ledger's Ed25519 signing key: SWEETIE_SIGNING_KEY (64 hex characters) when set — several
 * app nodes must share one key — else the key file in the data directory, created on first
 * start (mode 0600). The public key goes out with every head.
 */
export async function loadOrCreateSigningKey(
  dataDir: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<SigningKey> {
  const existing = await loadSigningKey(dataDir, env);
  if (existing) return existing;
  const key = generateSigningKey();
  await mkdir(dataDir, { recursive: true });
  try {
    // "wx": if another process created it meanwhile, keep theirs.
    await writeFile(signingKeyPath(dataDir), `${toHex(key.secretKey)}\n`, {
      flag: "wx",
      mode: 0o600,
    });
    await chmod(signingKeyPath(dataDir), 0o600);
    return key;
  } catch (error) {
    const raced = await loadSigningKey(dataDir, env);
    if (raced) return raced;
    throw error;
  }
}

/** The configured key, or null when neither the variable nor the file exists. */
export async function loadSigningKey(
  dataDir: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<SigningKey | null> {
  if (env.SWEETIE_SIGNING_KEY) return parseSeed(env.SWEETIE_SIGNING_KEY, "SWEETIE_SIGNING_KEY");
  let text: string;
  try {
    text = await readFile(signingKeyPath(dataDir), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  return parseSeed(text, signingKeyPath(dataDir));
}

function parseSeed(text: string, where: string): SigningKey {
  const hex = text.trim();
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) {
    throw new Error(
      `${where} must hold a 32-byte Ed25519 secret key as 64 hex characters; fix or remove it`,
    );
  }
  return signingKeyFromSeed(fromHex(hex));
}
