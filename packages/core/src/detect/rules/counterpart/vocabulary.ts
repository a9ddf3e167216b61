/** Word classes several counterpart recognizers share (normalized spellings). */
import { PLATFORM_ALTERNATION } from "../../lexicon/platformLexicon";

export const AGE_WORD =
  "(?:three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen)";
export const FAMILY =
  "(?:mom|dad|parents?|rents|folks|family|sister|brother|sis|bro|lola|lolo|grandma|grandpa|gma|gpa|gram|gramma|granny|nana|mommy|mum|mama|stepdad|step dad|stepmom|step mom|aunt|auntie|tita|uncle|tito|yaya|maid|guardian)";
export const CAM = "(?:web ?cam|cam|camera|video call|video chat|vid call|video|facetime)";
export const PLATFORM = `(?:${PLATFORM_ALTERNATION})`;
