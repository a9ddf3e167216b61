import { dictionary } from "@zxcvbn-ts/language-common";

// About 49,000 passwords seen most often in breaches, as the zxcvbn-ts project ships them.
let common: Set<string> | undefined;

function commonPasswords(): Set<string> {
  common ??= new Set(dictionary["passwords-common"].map((word) => word.toLowerCase()));
  return common;
}

/**
 * Why a password is too easy to guess, or null. Checks the breached-password list (also with
 * digits and symbols stripped from its ends, so "password2024!" counts), and trivial patterns:
 * one short chunk repeated ("abcabcabcabc") or a run of consecutive keys ("123456789012").
 */
export function guessablePasswordReason(password: string): string | null {
  const lower = password.toLowerCase();
  const list = commonPasswords();
  const core = lower.replace(/^[^a-z]+|[^a-z]+$/g, "");
  if (list.has(lower) || (core.length >= 6 && list.has(core))) {
    return "This password is on a list of passwords leaked in breaches, which attackers try first. Choose another.";
  }
  if (isRepeat(lower)) {
    return "This password only repeats a few characters. Choose something less predictable, such as a few unrelated words.";
  }
  if (isRun(lower)) {
    return "This password is a run of consecutive characters. Choose something less predictable, such as a few unrelated words.";
  }
  return null;
}

function isRepeat(password: string): boolean {
  const chars = [...password];
  if (new Set(chars).size <= 2) return true;
  for (let unit = 1; unit <= chars.length / 3; unit++) {
    if (chars.length % unit !== 0) continue;
    const chunk = chars.slice(0, unit).join("");
    if (chunk.repeat(chars.length / unit) === password) return true;
  }
  return false;
}

const RUNS = ["abcdefghijklmnopqrstuvwxyz", "0123456789", "qwertyuiopasdfghjklzxcvbnm"];

function isRun(password: string): boolean {
  return RUNS.some((run) => {
    const cycle = run.repeat(3);
    const reversed = [...cycle].reverse().join("");
    return cycle.includes(password) || reversed.includes(password);
  });
}
