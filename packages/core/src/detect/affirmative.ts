/**
 * Whether a reply says yes. DESIGN: "An affirmative reply right after a persona offer counts as
 * the counterpart accepting it" — the protocol uses this on the message after a persona offer.
 */
import { normalizeInto } from "./normalize";

const AFFIRMATIVE =
  /^\W*(?:(?:oh|omg|wow|hmm+|ah+|lol|haha+|well)\W+)*(?:ye+s+|yea+h*|yep|yup|ya+|yas+|sure|ok|of course|ofc|definitely|absolutely|please|yes please|i do|i would|i want to|i want|i would love to|i d love to|i would like that|go ahead|do it|why not|sounds good|alright|deal|oo|opo|sige|cge|g|game|show me|lets do it|lets go|right now|now|want|i wanna|okay)(?:\W+(?:please|pls|baby|babe|dear|hun|sweetie|lol|haha+|now|right now|of course|i do|show me|go ahead|lets go|do it|sure|yes|ok|i want|i would))*\W*$/;

export function isAffirmative(text: string): boolean {
  if (text.length > 200) return false;
  return AFFIRMATIVE.test(normalizeInto(text).text);
}
