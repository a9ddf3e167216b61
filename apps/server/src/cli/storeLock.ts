import { readFile, rm, writeFile, chmod } from "node:fs/promises";
import { join, resolve } from "node:path";
import { UsageError } from "./usageError";

/**
 * One writer per embedded store. PGlite keeps a whole PostgreSQL in one process: two processes
 * opening the same data directory each believe they own it, and what one writes the other never
 * sees (or overwrites). So the directory is opened by one process at a time: `sweetie.lock` holds
 * the holder's pid, what it runs and since when. A lock whose process is gone is stale (a crash,
 * kill -9) and is removed at the next start, with a message.
 *
 * A running server also publishes `server.json` (its address and a random token, mode 0600):
 * CLI verbs that write (`user add`, `simulate`) then go through the server's local API instead
 * of opening the store.
 */

export interface LockHolder {
  pid: number;
  command: string;
  startedAt: string;
}

export interface StoreLock {
  path: string;
  release(): Promise<void>;
}

/** The store is held by another live process; the message says which and what to do. */
export class StoreLockedError extends UsageError {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
    verb: string,
  ) {
    super(
      `the data directory ${dataDir} is in use by \`sweetie ${holder.command}\` (process ${holder.pid}, since ${holder.startedAt}). ` +
        `Stop it first (Ctrl-C in its terminal), then run \`sweetie ${verb}\` again. ` +
        `To work on a store while a server runs, use PostgreSQL (DATABASE_URL).`,
    );
    this.name = "StoreLockedError";
  }
}

/** The header that carries the local API's token (see routes/local). */
export const LOCAL_TOKEN_HEADER = "x-sweetie-local-token";

export const lockPath = (dataDir: string) => join(dataDir, "sweetie.lock");
export const serverFilePath = (dataDir: string) => join(dataDir, "server.json");

/** Whether a process with this pid is running (EPERM: it is, under another user). */
export function processIsAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function readHolder(path: string): Promise<LockHolder | null | "unreadable"> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as Partial<LockHolder>;
    if (typeof parsed.pid !== "number") return "unreadable";
    return {
      pid: parsed.pid,
      command: String(parsed.command ?? "?"),
      startedAt: String(parsed.startedAt ?? "?"),
    };
  } catch {
    // Half-written by a process killed while writing it: treat as stale.
    return "unreadable";
  }
}

/** The live holder of the store's lock, if any (a stale lock counts as none). */
export async function liveHolder(dataDir: string): Promise<LockHolder | null> {
  const holder = await readHolder(lockPath(dataDir));
  if (holder === null || holder === "unreadable") return null;
  return processIsAlive(holder.pid) && holder.pid !== process.pid ? holder : null;
}

/**
 * Takes the store's lock for this process, or throws StoreLockedError naming the live holder. A
 * stale lock is removed first and `onStale` is told (the caller prints it).
 */
export async function acquireStoreLock(
  dataDir: string,
  command: string,
  onStale: (message: string) => void = (message) => console.error(message),
): Promise<StoreLock> {
  const path = lockPath(dataDir);
  const mine: LockHolder = { pid: process.pid, command, startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await writeFile(path, `${JSON.stringify(mine)}\n`, { flag: "wx", mode: 0o644 });
      return {
        path,
        async release() {
          const now = await readHolder(path);
          if (now !== null && now !== "unreadable" && now.pid === process.pid) {
            await rm(path, { force: true });
            await rm(serverFilePath(dataDir), { force: true });
          }
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = await readHolder(path);
    if (holder === null) continue;
    if (holder !== "unreadable" && processIsAlive(holder.pid) && holder.pid !== process.pid) {
      throw new StoreLockedError(resolve(dataDir), holder, command);
    }
    onStale(
      holder === "unreadable"
        ? `Removed an unreadable lock file ${path} (its writer was stopped while writing it).`
        : `Removed a stale lock: \`sweetie ${holder.command}\` (process ${holder.pid}, since ${holder.startedAt}) is no longer running; it did not shut down cleanly. Its committed data is kept.`,
    );
    await rm(path, { force: true });
    await rm(serverFilePath(dataDir), { force: true });
  }
  throw new Error(`Could not take the lock ${path}: another process keeps taking it.`);
}

/** What a running server publishes for the CLI: where it listens and its local-API token. */
export interface ServerFile {
  pid: number;
  url: string;
  token: string;
}

export async function writeServerFile(dataDir: string, file: ServerFile): Promise<void> {
  const path = serverFilePath(dataDir);
  await writeFile(path, `${JSON.stringify(file)}\n`, { mode: 0o600 });
  await chmod(path, 0o600);
}

/** The running server that holds this store, with its local API, if there is one. */
export async function runningServer(dataDir: string): Promise<ServerFile | null> {
  const holder = await liveHolder(dataDir);
  if (holder === null || holder.command !== "serve") return null;
  try {
    const file = JSON.parse(await readFile(serverFilePath(dataDir), "utf8")) as Partial<ServerFile>;
    if (file.pid !== holder.pid || typeof file.url !== "string" || typeof file.token !== "string")
      return null;
    return { pid: file.pid, url: file.url, token: file.token };
  } catch {
    return null;
  }
}
