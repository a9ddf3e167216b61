import { randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { AppError } from "../errors";
import { guessablePasswordReason } from "./commonPasswords";

// Argon2id (the @node-rs/argon2 default algorithm) with its default cost: ~19 MiB, 2 passes.
export const hashPassword = (password: string): Promise<string> => hash(password);

export async function passwordMatches(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch (error) {
    // A malformed stored hash is a data problem, not a wrong password: surface it.
    throw new Error("Stored password hash could not be read", { cause: error });
  }
}

export const MIN_PASSWORD_LENGTH = 12;

/** The rules a new password must meet; throws `weak_password` naming the field. */
export function assertStrongPassword(
  password: string,
  username: string,
  field = "newPassword",
): void {
  const problems: string[] = [];
  if ([...password].length < MIN_PASSWORD_LENGTH)
    problems.push(`Use at least ${MIN_PASSWORD_LENGTH} characters.`);
  if (password.trim().toLowerCase() === username.trim().toLowerCase())
    problems.push("Do not use your username as your password.");
  const guessable = problems.length === 0 ? guessablePasswordReason(password) : null;
  if (guessable) problems.push(guessable);
  if (problems.length > 0) {
    throw new AppError("weak_password", {
      detail: problems.join(" "),
      errors: [{ field, message: problems.join(" ") }],
    });
  }
}

/** A one-time password a person can read and type: 4 groups of 4 from an unambiguous alphabet. */
export function generateOneTimePassword(): string {
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  const bytes = randomBytes(16);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join("")).join("-");
}
