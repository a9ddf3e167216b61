// The Admiralty (NATO) grading: how reliable the source is (A–F) and how credible the
// information is (1–6), graded separately. Shown in words: investigators read "Usually
// reliable, possibly true", not "B3".

export const RELIABILITY = ["A", "B", "C", "D", "E", "F"] as const;
export type Reliability = (typeof RELIABILITY)[number];

export const CREDIBILITY = ["1", "2", "3", "4", "5", "6"] as const;
export type Credibility = (typeof CREDIBILITY)[number];

export const RELIABILITY_WORDS: Record<Reliability, string> = {
  A: "Completely reliable",
  B: "Usually reliable",
  C: "Fairly reliable",
  D: "Not usually reliable",
  E: "Unreliable",
  F: "Reliability cannot be judged",
};

export const CREDIBILITY_WORDS: Record<Credibility, string> = {
  "1": "Confirmed by other sources",
  "2": "Probably true",
  "3": "Possibly true",
  "4": "Doubtful",
  "5": "Improbable",
  "6": "Truth cannot be judged",
};

/** "Usually reliable source; information possibly true (B3)". */
export function gradingInWords(reliability: Reliability, credibility: Credibility): string {
  return `${RELIABILITY_WORDS[reliability]} source; information ${CREDIBILITY_WORDS[credibility].toLowerCase()} (${reliability}${credibility})`;
}
