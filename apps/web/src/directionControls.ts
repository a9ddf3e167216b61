// Text from the chat is shown as the counterpart sent it, but the invisible characters that
// change the direction of text (embeddings, overrides, isolates) are made visible: unmarked, an
// override can make a message or a name read backwards on screen while its stored bytes say
// something else. Each is shown by its short Unicode name; the stored text is never changed.

const NAMES: Record<number, string> = {
  0x202a: "LRE",
  0x202b: "RLE",
  0x202c: "PDF",
  0x202d: "LRO",
  0x202e: "RLO",
  0x2066: "LRI",
  0x2067: "RLI",
  0x2068: "FSI",
  0x2069: "PDI",
};

export interface TextRun {
  text: string;
  /** The short name of the direction control this run stands for, when it is one. */
  control?: string;
}

/** Splits text into plain runs and one run per direction control character. */
export function directionRuns(text: string): TextRun[] {
  const runs: TextRun[] = [];
  let plain = "";
  for (const char of text) {
    const control = NAMES[char.codePointAt(0)!];
    if (control === undefined) {
      plain += char;
      continue;
    }
    if (plain) runs.push({ text: plain });
    plain = "";
    runs.push({ text: char, control });
  }
  if (plain || runs.length === 0) runs.push({ text: plain });
  return runs;
}
