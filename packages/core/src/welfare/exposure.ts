/** Today's exposure for one person in one operation (S8): reveals counted against a budget. */
export interface ExposureInput {
  /** Reveals already made today. */
  used: number;
  /** The daily budget a supervisor set, or null when none is set. */
  budget: number | null;
  /** Extra reveals supervisors granted for today. */
  overrideExtra: number;
}

export interface ExposureStatus {
  used: number;
  budget: number | null;
  allowance: number | null;
  /** "warning" from 80 % of the budget; "exceeded" once the allowance (budget + overrides) is used up. */
  level: "unbudgeted" | "ok" | "warning" | "exceeded";
  /** Whether one more reveal is allowed without a supervisor's override. */
  mayReveal: boolean;
}

export const EXPOSURE_WARNING_SHARE = 0.8;

export function exposureStatus(input: ExposureInput): ExposureStatus {
  if (input.budget === null) {
    return {
      used: input.used,
      budget: null,
      allowance: null,
      level: "unbudgeted",
      mayReveal: true,
    };
  }
  const allowance = input.budget + input.overrideExtra;
  const mayReveal = input.used < allowance;
  const level = !mayReveal
    ? "exceeded"
    : input.used >= EXPOSURE_WARNING_SHARE * input.budget
      ? "warning"
      : "ok";
  return { used: input.used, budget: input.budget, allowance, level, mayReveal };
}
