/**
 * Whether the clause before a position talks about someone else ("my sister is 12 years old",
 * "my son is in grade 5"), so that an age or grade in it is not the writer's own.
 */
const OTHER_SUBJECT =
  /\b(?:my (?:sister|brother|sis|bro|cousin|friend|friends|mom|dad|son|daughter|kid|kids|child|children|niece|nephew|classmate|classmates|bestfriend|best friend|dog|cat|baby|girlfriend|boyfriend|wife|husband|neighbor|neighbour)s?|she|he|shes|hes|they|theyre|her|his|their)\b/;
const SELF = /\bi am\b|\bi\b|\bme\b/;

export function aboutSomeoneElse(normalized: string, at: number): boolean {
  let start = at;
  while (start > 0 && at - start < 60) {
    const c = normalized[start - 1];
    if (c === "." || c === "," || c === "!" || c === "?" || c === ";") break;
    start--;
  }
  const clause = normalized.slice(start, at);
  return OTHER_SUBJECT.test(clause) && !SELF.test(clause);
}
