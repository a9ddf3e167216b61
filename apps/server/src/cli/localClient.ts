import { storeConfigFromEnv } from "../db/database";
import { LOCAL_TOKEN_HEADER, runningServer, type ServerFile } from "./storeLock";
import { UsageError } from "./usageError";

/**
 * The running server that holds the embedded store, when there is one: CLI verbs that write go
 * through it rather than open the store a second time (which PGlite cannot share).
 */
export async function serverHoldingStore(
  env: NodeJS.ProcessEnv = process.env,
): Promise<ServerFile | null> {
  if (storeConfigFromEnv(env).kind !== "pglite") return null;
  return runningServer(env.SWEETIE_DATA_DIR ?? "./data");
}

/** Calls the server's local API; a refusal becomes the server's own sentence (exit 2). */
export async function callLocal<T>(
  server: ServerFile,
  method: "GET" | "POST" | "DELETE",
  path: string,
  body?: unknown,
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(new URL(path, server.url), {
      method,
      headers: {
        [LOCAL_TOKEN_HEADER]: server.token,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (error) {
    throw new Error(
      `the running server (process ${server.pid}, ${server.url}) did not answer, so nothing was done: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  const answer: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const detail =
      answer && typeof answer === "object" && "detail" in answer
        ? String((answer as { detail: unknown }).detail)
        : `HTTP ${response.status}`;
    throw new UsageError(`the running server refused: ${detail} Nothing was changed.`);
  }
  return answer as T;
}
