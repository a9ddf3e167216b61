import type { S6Flag } from "./assessment";

/**
 * What each S6 instigation flag means, in the words a reviewer reads next to the transcript. A
 * flagged conversation is never proposed automatically; legal review decides what it is worth.
 */
export const S6_FLAG_EXPLANATIONS: Record<S6Flag, { title: string; explanation: string }> = {
  persona_initiated: {
    title: "The persona started the conversation",
    explanation:
      "The first private message came from the persona, not the counterpart. Evidence from a conversation the persona opened may be challenged as instigation.",
  },
  persona_raised_first: {
    title: "The persona raised the subject first",
    explanation:
      "The persona mentioned sexual content or a webcam show before the counterpart did. What the counterpart said afterwards may be challenged as instigated.",
  },
  no_prior_age_statement: {
    title: "No age statement before the request",
    explanation:
      "The counterpart asked for something before the persona had stated the persona's age, so it cannot be shown that the counterpart knew they were talking to a child.",
  },
};

/** The explanation of a flag, or a plain fallback for a flag this console does not know yet. */
export function explainFlag(flag: string): { title: string; explanation: string } {
  return (
    (S6_FLAG_EXPLANATIONS as Record<string, { title: string; explanation: string }>)[flag] ?? {
      title: flag.replaceAll("_", " "),
      explanation: "A safeguard flag set by the analyzer; ask legal review what it means here.",
    }
  );
}
