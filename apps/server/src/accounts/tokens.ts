import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

export const newToken = (): string => randomBytes(32).toString("base64url");

/** Sessions are stored by the hash of their token, so the table alone cannot sign anyone in. */
export const sessionIdOf = (token: string): string =>
  createHash("sha256").update(token).digest("hex");

export function tokensEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
