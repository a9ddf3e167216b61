import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Seals network secrets (IRC SASL or NickServ passwords, XMPP passwords) with AES-256-GCM. A
 * sealed value is iv ‖ tag ‖ ciphertext; the network's id is the additional data, so a sealed
 * secret copied to another network's row does not open. Secrets are never returned by the API
 * nor written to a log.
 */
export class SecretBox {
  private constructor(private readonly key: Buffer) {}

  static fromKey(key: Uint8Array): SecretBox {
    if (key.length !== 32) throw new Error("the secret key must be 32 bytes");
    return new SecretBox(Buffer.from(key));
  }

  seal(secret: string, boundTo: string): Uint8Array {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", this.key, iv);
    cipher.setAAD(Buffer.from(boundTo));
    const ciphertext = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
    return new Uint8Array(Buffer.concat([iv, cipher.getAuthTag(), ciphertext]));
  }

  open(sealed: Uint8Array, boundTo: string): string {
    const bytes = Buffer.from(sealed);
    if (bytes.length < IV_BYTES + TAG_BYTES) throw new Error("a sealed secret is too short");
    const decipher = createDecipheriv("aes-256-gcm", this.key, bytes.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(boundTo));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([
      decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)),
      decipher.final(),
    ]).toString("utf8");
  }
}

export function secretKeyPath(dataDir: string): string {
  return join(dataDir, "venue-secret-key");
}

/**
 * The key: SWEETIE_SECRET_KEY (64 hex characters; set it when several nodes serve) or the file
 * `<data dir>/venue-secret-key`, created on first use with mode 0600.
 */
export async function loadOrCreateSecretBox(
  dataDir: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<SecretBox> {
  if (env.SWEETIE_SECRET_KEY)
    return SecretBox.fromKey(parseKey(env.SWEETIE_SECRET_KEY, "SWEETIE_SECRET_KEY"));
  const path = secretKeyPath(dataDir);
  try {
    return SecretBox.fromKey(parseKey(await readFile(path, "utf8"), path));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  await mkdir(dataDir, { recursive: true });
  const key = randomBytes(32);
  try {
    await writeFile(path, `${key.toString("hex")}\n`, { flag: "wx", mode: 0o600 });
    await chmod(path, 0o600);
    return SecretBox.fromKey(key);
  } catch {
    // Another process created it meanwhile: use theirs.
    return SecretBox.fromKey(parseKey(await readFile(path, "utf8"), path));
  }
}

function parseKey(text: string, where: string): Uint8Array {
  const hex = text.trim();
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) {
    throw new Error(`${where} must hold a 32-byte key as 64 hex characters; fix or remove it`);
  }
  return new Uint8Array(Buffer.from(hex, "hex"));
}
