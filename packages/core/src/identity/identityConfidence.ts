// How far a subject's identification has come, as one level an analyst can filter by. It is
// read from the claims, never guessed: a level rises only through the rules that establish a
// claim (two independent sources and a reviewer's sign-off) and a confirmed country.

export const IDENTITY_CONFIDENCE = ["established", "corroborated", "claimed", "clues"] as const;
export type IdentityConfidence = (typeof IDENTITY_CONFIDENCE)[number];

/** Each level in the words the console shows, highest first. */
export const IDENTITY_CONFIDENCE_WORDS: Record<IdentityConfidence, string> = {
  established: "Established",
  corroborated: "Corroborated (a claim established)",
  claimed: "Claimed (none established yet)",
  clues: "Clues only (no claim yet)",
};

/**
 * The level of a subject: established when the subject is (a claim established and the country
 * confirmed); corroborated when at least one claim is established; claimed when claims stand
 * (not retracted) but none is established; clues when there is no claim at all.
 */
export function identityConfidence(subject: {
  established: boolean;
  establishedClaims: number;
  claims: number;
}): IdentityConfidence {
  if (subject.established) return "established";
  if (subject.establishedClaims > 0) return "corroborated";
  if (subject.claims > 0) return "claimed";
  return "clues";
}
