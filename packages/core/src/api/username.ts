import { z } from "zod";

/**
 * The one rule for usernames, used by the API, the console and the `sweetie user add` command:
 * 2–64 lowercase letters, digits, dots, dashes or underscores, starting with a letter or digit.
 */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,63}$/;

export const USERNAME_RULE =
  "Use 2–64 lowercase letters, digits, dots, dashes or underscores, starting with a letter or digit.";

export const usernameSchema = z
  .string()
  .trim()
  .regex(USERNAME_PATTERN, USERNAME_RULE)
  .describe("Username (lowercase letters, digits, . _ -)");
