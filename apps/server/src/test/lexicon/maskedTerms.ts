// Test text with an explicit term the server masks (S8). Kept under a lexicon path with the
// other words the detector needs (S1): one short, non-graphic phrase.

/** A counterpart's message with one masked term, and that term. */
export const MASKED_MESSAGE = { body: "so sexy lol", term: "sexy" } as const;
