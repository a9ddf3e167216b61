/**
 * `solicit.image`: the counterpart asks the persona for photos or pictures of herself ("send me a
 * pic", "do you have more pics of you?", "can i see a photo"). He showing or offering his own
 * ("wanna see my pic", "i will send you pics"), remarks on a picture ("nice pic", "did you see
 * the pic") and pictures of other things are not requests. Sexual photo requests are
 * `solicit.sexual` as well (see ../../lexicon/sexualRecognizers.ts).
 */
import { compile, type MatchCheck, type PatternRule } from "../ruleTypes";

const PIC = "(?:pics?|pix|photos?|pictures?|selfies?|snaps?|fotos?|litrato)";
const SOME =
  "(?:(?:a|an|some|more|any|another|other|the|that|those|these|ur|your|new|recent|current|few|couple of|cute|nice|real|full body|good|better|clear|clearer) )*";

/** He is the one who sends, takes or shows: "i will send pics", "i can share pics with you". */
const HE_DOES =
  /\b(?:i|i will|i can|i could|i would|i am going to|let me|i just|i already|i ll|i have|i got|i need to|i want to)\s+(?:\w+\s+){0,1}$/;
const heDoes: MatchCheck = (m, normalized) =>
  HE_DOES.test(normalized.slice(Math.max(0, m.index - 30), m.index));

/** A picture of something else: "pics of disney", "pics of my car", "pics of friends". */
const OF_SOMETHING_ELSE = / of (?!you\b|yourself\b|your\b|urs\b|yours\b)\w+/;

const PIC_NEAR = new RegExp(`\\b${PIC}\\b`);

const ofSomethingElse: MatchCheck = (m, normalized) =>
  OF_SOMETHING_ELSE.test(normalized.slice(m.index, m.index + m[0].length + 24));

export const SOLICIT_IMAGE: PatternRule[] = compile({
  type: "solicit.image",
  patterns: [
    [
      "send_me",
      new RegExp(
        `\\b(?:send|show|share|email|e mail|mail|text|post|trade|swap|exchange|give|forward|upload)(?: me| us)? ${SOME}${PIC}\\b(?: (?:of (?:you|yourself|urs|yours)|with me|to me|for me)\\b)?`,
      ),
      0.85,
    ],
    [
      "have_pics",
      new RegExp(
        `\\b(?:do|did) you (?:have|got|take) ${SOME}(?:anymore )?${PIC}\\b|\\byou (?:have|got|gotta|got a) ${SOME}${PIC}\\b[^.!?]{0,20}\\?|(?:^|[.!?] |\\b(?:so|ok|and|lol) )\\W*(?:any|got|have|gotta|new) ${SOME}${PIC}\\b(?:\\s*\\?| or cam)|\\b(?:any|got|gotta|new) ${SOME}${PIC}\\s*\\?`,
      ),
      0.85,
    ],
    [
      "can_i_see",
      new RegExp(
        `\\b(?:can|could|may) i (?:see|have|get) ${SOME}${PIC}\\b|\\b(?:want|like|love|wanna|chance in|chance of) (?:to )?(?:see|seeing|have|get) ${SOME}${PIC} of (?:you|yourself)\\b`,
      ),
      0.85,
    ],
    [
      "pic_of_you",
      new RegExp(
        `\\b${PIC} of (?:you|yourself|urs|yours)\\s*(?:\\?|please|now)|\\b${PIC} (?:for me|please)\\b|^\\W*${PIC}\\s*\\?+\\W*$|\\b(?:take|snap) (?:a |some )?${PIC} (?:of yourself|for me)\\b`,
      ),
      0.8,
    ],
    // "your new photo … may i have that one?": asks for it when a picture was just named.
    ["that_one", /\b(?:may|can|could) i (?:have|get|keep|save) (?:that|this) one\b/, 0.75],
    [
      "taglish",
      /\b(?:send|pakita|padala|pasend)(?: mo)?(?: ng| ang)? (?:pic|picture|litrato|selfie|foto) mo\b/,
      0.85,
    ],
  ],
  reject: {
    "*": heDoes,
    that_one: (m, normalized) =>
      !PIC_NEAR.test(normalized.slice(Math.max(0, m.index - 60), m.index)),
    send_me: ofSomethingElse,
    pic_of_you: (m, normalized) =>
      /\b(?:her|his|their|them|dem|those|these|the|my)\s+$/.test(
        normalized.slice(Math.max(0, m.index - 8), m.index),
      ),
    can_i_see: ofSomethingElse,
  },
});
