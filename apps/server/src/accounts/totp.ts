import { generateSecret, generateURI, verify } from "otplib";

export const newTotpSecret = (): string => generateSecret();

export const totpUri = (username: string, secret: string): string =>
  generateURI({ issuer: "Sweetie", label: username, secret });

/** Accepts the current 30-second code and one step either side, for clock drift. */
export async function totpCodeIsValid(secret: string, code: string): Promise<boolean> {
  if (!/^\d{6}$/.test(code)) return false;
  const result = await verify({ secret, token: code, epochTolerance: 30 });
  return result.valid;
}
