import { TEST_PASSWORD } from "../../apps/server/src/test/accounts";

/** The value below which `p` per cent of `sorted` (ascending) lies; 0 for no values. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** A signed-in console over HTTP: the session cookie and the CSRF token its writes carry. */
export interface ConsoleSession {
  cookie: string;
  csrfToken: string;
}

/**
 * Signs `username` (a test account) in at `base`, the way the console does, and puts the persona
 * present on `venueAddress` in `operationId`: where both ingest benchmarks start their load.
 */
export async function signInAndGoPresent(
  base: string,
  input: { username: string; operationId: string; venueAddress: string; displayName: string },
): Promise<ConsoleSession> {
  const session = await fetch(`${base}/api/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: input.username, password: TEST_PASSWORD }),
  });
  const cookie = session.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  const presence = await fetch(`${base}/api/operations/${input.operationId}/presence`, {
    method: "POST",
    headers: { cookie, "x-csrf-token": csrfToken, "content-type": "application/json" },
    body: JSON.stringify({ venueAddress: input.venueAddress, displayName: input.displayName }),
  });
  if (presence.status !== 201) throw new Error(`presence refused: ${await presence.text()}`);
  return { cookie, csrfToken };
}
