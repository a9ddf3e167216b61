import { randomBytes } from "node:crypto";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

/**
 * The deployment's deconfliction secret (32 bytes): SWEETIE_DECONFLICTION_SECRET, else the file
 * `<data dir>/deconfliction-secret`, created once with mode 0600. Every node of a deployment
 * must use the same secret, or their pointers will not meet.
 */
export async function loadDeconflictionSecret(settings: {
  SWEETIE_DECONFLICTION_SECRET?: string | undefined;
  SWEETIE_DATA_DIR: string;
}): Promise<Uint8Array> {
  if (settings.SWEETIE_DECONFLICTION_SECRET) {
    return Uint8Array.from(Buffer.from(settings.SWEETIE_DECONFLICTION_SECRET, "hex"));
  }
  const path = join(settings.SWEETIE_DATA_DIR, "deconfliction-secret");
  const read = async () =>
    Uint8Array.from(Buffer.from((await readFile(path, "utf8")).trim(), "hex"));
  try {
    return await read();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  await mkdir(settings.SWEETIE_DATA_DIR, { recursive: true });
  try {
    await writeFile(path, `${randomBytes(32).toString("hex")}\n`, { flag: "wx", mode: 0o600 });
    await chmod(path, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return read();
}
