import { generateSecret, generateURI, verify } from "otplib";

export const newTotpSecret = (): string => generateSecret();

export const totpUri = (username: string, secret: string): string =>
  generateURI({ issuer: "Sweetie", label: username, secret });

/**
 * The time step of `code` when it is the current 30-second code or one step either side (clock
 * drift) and later than `lastStep`, the step the account last used: each code is accepted once.
 * Null when it is not valid, or was already used.
 */
export async function acceptedTotpStep(
  secret: string,
  code: string,
  lastStep: number | null,
): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const result = await verify({
    secret,
    token: code,
    epochTolerance: 30,
    ...(lastStep === null ? {} : { afterTimeStep: lastStep }),
  });
  if (!result.valid || !("timeStep" in result) || typeof result.timeStep !== "number") return null;
  return result.timeStep;
}
