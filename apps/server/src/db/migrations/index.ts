import * as foundation from "./0001_foundation";

/**
 * Every migration, in order. Forward-only: add a new file, never edit an applied one.
 * Keys sort lexically; keep the four-digit prefix.
 */
export const migrations = {
  "0001_foundation": foundation,
};
