/**
 * Whether a reply says yes. DESIGN: "An affirmative reply right after a persona offer counts as
 * the counterpart accepting it" — the protocol uses this on the message after a persona offer.
 * The reply must be nothing but assent ("yes", "ok sure why not", "oo sige"); "yes but no" or a
 * question is not an acceptance.
 */
import { normalizeInto } from "./normalize";

const YES =
  "(?:ye+s+|yea+h*|yep|yup|ya+|yas+|sure|ok|of course|ofc|definitely|absolutely|please|i do|i would|i want to|i want|i would love to|i would love that|i would like that|i would like to|love to|go ahead|do it|why not|sounds good|alright|deal|oo|opo|sige|cge|g|game|show me|lets do it|lets go|lets|right now|now|want|i wanna|want to|please do|go|do that|yes please|of course i do|that would be nice|nice|cool|great|perfect|go for it|i d love (?:that|to)|i d like (?:that|to)|id love (?:that|to)|id like (?:that|to)|mhm+|m+ hm+|yh|tara|tara na|g na|game na)";
const FILLER =
  "(?:oh|omg|wow|hmm+|ah+|lol|haha+|hehe+|well|hell|baby|babe|dear|hun|sweetie|then|sure thing|pls|ako|naman|po|tayo|lang)";

const AFFIRMATIVE = new RegExp(`^\\W*(?:${FILLER}\\W+)*${YES}(?:\\W+(?:${YES}|${FILLER}))*\\W*$`);

export function isAffirmative(text: string): boolean {
  if (text.length > 200) return false;
  return AFFIRMATIVE.test(normalizeInto(text).text);
}
