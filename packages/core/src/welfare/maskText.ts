/** The mask character the server sends in place of each character of an explicit term (S8). */
export const MASK_CHARACTER = "■";

/**
 * `text` with every character inside `spans` replaced by one mask character, so the length and
 * every other span (indicators) stay where they were. A span over half of a surrogate pair
 * masks the whole pair.
 */
export function maskSpans(text: string, spans: readonly { start: number; end: number }[]): string {
  if (spans.length === 0) return text;
  const units = text.split("");
  for (const span of spans) {
    const start = Math.max(0, span.start);
    const end = Math.min(units.length, span.end);
    if (end <= start) continue;
    for (let index = start; index < end; index += 1) units[index] = MASK_CHARACTER;
    // Never leave half a pair behind: the other half of a split pair is masked too.
    if (end < units.length && /[\uDC00-\uDFFF]/.test(units[end]!)) units[end] = MASK_CHARACTER;
    if (start > 0 && /[\uD800-\uDBFF]/.test(units[start - 1]!)) units[start - 1] = MASK_CHARACTER;
  }
  return units.join("");
}
