// A referral's lifecycle, pure: draft → released → sent → acknowledged → outcome. Each step is
// recorded once, in order (an outcome may be recorded again as the case moves on: charged, then
// convicted). The server enforces it; the console shows what comes next from the same table.

export const REFERRAL_STATUSES = ["draft", "released", "sent", "acknowledged", "outcome"] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export const REFERRAL_OUTCOMES = [
  "arrest",
  "charged",
  "convicted",
  "no_action",
  "unknown",
] as const;
export type ReferralOutcome = (typeof REFERRAL_OUTCOMES)[number];

export const OUTCOME_WORDS: Record<ReferralOutcome, string> = {
  arrest: "Arrest",
  charged: "Charged",
  convicted: "Convicted",
  no_action: "No action",
  unknown: "Unknown",
};

export const STATUS_WORDS: Record<ReferralStatus, string> = {
  draft: "Draft: not released",
  released: "Released: ready to send",
  sent: "Sent to the agency",
  acknowledged: "Acknowledged by the agency",
  outcome: "Outcome recorded",
};

/** The steps recorded in a referral's history (each one a ledger entry). */
export const REFERRAL_STEPS = [
  "drafted",
  "draft_changed",
  "released",
  "sent",
  "acknowledged",
  "outcome",
] as const;
export type ReferralStep = (typeof REFERRAL_STEPS)[number];

/** Where each step may be taken from, and the status it leaves the referral in. */
const TRANSITIONS: Record<
  Exclude<ReferralStep, "drafted">,
  { from: readonly ReferralStatus[]; to: ReferralStatus }
> = {
  draft_changed: { from: ["draft"], to: "draft" },
  released: { from: ["draft"], to: "released" },
  sent: { from: ["released"], to: "sent" },
  acknowledged: { from: ["sent"], to: "acknowledged" },
  outcome: { from: ["acknowledged", "outcome"], to: "outcome" },
};

export type StepCheck = { ok: true; to: ReferralStatus } | { ok: false; reason: string };

/** Whether `step` may be taken now, in words when not. */
export function checkStep(
  status: ReferralStatus,
  step: Exclude<ReferralStep, "drafted">,
): StepCheck {
  const rule = TRANSITIONS[step];
  if (rule.from.includes(status)) return { ok: true, to: rule.to };
  const needs: Record<typeof step, string> = {
    draft_changed: "Only a draft can be changed; a released package stays as it was released.",
    released: "Only a draft can be released, and this referral is no longer a draft.",
    sent: "Record the package as sent only after a supervisor released it, and only once.",
    acknowledged: "Record the agency's acknowledgement after the package was sent, and only once.",
    outcome: "Record an outcome after the agency acknowledged the package.",
  };
  return { ok: false, reason: `${needs[step]} It is now: ${STATUS_WORDS[status].toLowerCase()}.` };
}

/** The steps that may come next from `status` (what the console offers). */
export function nextSteps(status: ReferralStatus): Exclude<ReferralStep, "drafted">[] {
  return (Object.keys(TRANSITIONS) as Exclude<ReferralStep, "drafted">[]).filter((step) =>
    TRANSITIONS[step].from.includes(status),
  );
}
