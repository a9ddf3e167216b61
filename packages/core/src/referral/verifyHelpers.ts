import type { SignedTreeHead } from "../ledger/treeHead";

// Small helpers of the package verifier.

const decoder = new TextDecoder();

/** Files hashed at once while the entries are proved (bounded, so memory stays small). */
export const DIGESTS_IN_FLIGHT = 8;

/** Runs at most `n` of the given tasks at a time, in the order they were handed over. */
export function concurrency(n: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return <T>(task: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const start = () => {
        running += 1;
        task()
          .then(resolve, reject)
          .finally(() => {
            running -= 1;
            waiting.shift()?.();
          });
      };
      if (running < n) start();
      else waiting.push(start);
    });
}

export function safePath(path: string): boolean {
  return (
    !path.startsWith("/") &&
    !path.includes("\\") &&
    !path.split("/").some((p) => p === ".." || p === "")
  );
}

export function parseJson<T>(
  bytes: Uint8Array,
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
): T | null {
  try {
    const parsed = schema.safeParse(JSON.parse(decoder.decode(bytes)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function sameHead(a: SignedTreeHead, b: SignedTreeHead): boolean {
  return (
    a.signature === b.signature &&
    a.publicKey === b.publicKey &&
    a.head.operation === b.head.operation &&
    a.head.size === b.head.size &&
    a.head.root === b.head.root &&
    a.head.time === b.head.time
  );
}
