/** `isolation`: the counterpart asks whether the child is alone or watched. */
import { compile, type PatternRule, type RecognizerPattern } from "../ruleTypes";
import { aboutSomeoneElse } from "../subject";
import { FAMILY } from "./vocabulary";

const ISOLATION_PATTERNS: readonly RecognizerPattern[] = [
  [
    "alone",
    /\b(?:are you|you|r you|is it just you|you all) (?:\w+ )?(?:alone|by yourself|on your own)\b/,
    0.9,
  ],
  [
    "anyone_around",
    /\b(?:(?:anyone|anybody|someone|somebody)(?: else)?|who else)(?: is)? (?:home|around|there|in the house|in your house|at your place|at home|nearby|awake|in the room|in your room)\b[^.!?]{0,20}\?/,
    0.8,
  ],
  ["home_alone", /\bhome alone\b|\balone (?:at|in) (?:home|the house|your room)\b/, 0.9],
  [
    "anyone_there",
    /\b(?:anyone|anybody|someone|somebody|who) (?:else )?(?:is )?(?:with you|there with you|home with you|around you|near you|watching you|in your room|in the room|at home|home now)\b/,
    0.85,
  ],
  [
    "family_home",
    new RegExp(
      `\\b(?:(?:is|are|where is|where are) (?:your )?|your )${FAMILY} (?:is |are )?(?:home|there|around|near|with you|nearby|at home|awake|sleeping|asleep|watching|away|out|at work|working|in the room|gone|coming)\\b`,
    ),
    0.85,
  ],
  [
    // "is sarah still there?", "are they still home?": whether someone is still with her.
    "still_there",
    /\b(?:is|are) (?:(?:she|he|they|your \w+|[a-z]+) )?still (?:there|home|with you|around|over|at your (?:house|place))\s*\?/,
    0.75,
  ],
  ["where_family", new RegExp(`\\bwhere (?:is|are) your ${FAMILY}\\b`), 0.8],
  [
    // "when does your mom get home", "what time does mom get off work", "so ur mom did leave?"
    "family_away",
    new RegExp(
      `\\b(?:when|what time) (?:does|do|will|is|did|are) (?:your )?${FAMILY} (?:leave|leaves|go|goes|get|gets|come|comes|be|going|coming|getting|off)\\b|\\byour ${FAMILY} (?:did |has |have |already |just )?(?:leave|left|gone|went out|go out|be gone|gonna be gone|going to be gone|leaving)\\b`,
    ),
    0.85,
  ],
  [
    "family_checks",
    /\b(?:do|does|will) your (?:mom|dad|parents|family) (?:check|read|see|look at|go through) your (?:phone|chats?|messages|laptop|computer|tablet)\b/,
    0.8,
  ],
  [
    "family_return",
    new RegExp(
      `\\bwhen (?:do|does|will|is) your ${FAMILY} (?:come|get|be|going to be|coming) (?:home|back)\\b`,
    ),
    0.85,
  ],
  [
    "can_see",
    new RegExp(
      `\\b(?:can|could|will) (?:anyone|anybody|someone|somebody|your ${FAMILY}) (?:see|hear|catch|check|read) (?:you|us|your (?:screen|phone|messages|chat|laptop|computer))\\b`,
    ),
    0.85,
  ],
  [
    "lock_door",
    /\b(?:lock|close) (?:your|the) (?:door|room)\b|\b(?:is|are) (?:your|the) (?:door|room) (?:locked|closed|shut)\b/,
    0.85,
  ],
  [
    "nobody_home",
    /\b(?:nobody|no one|noone)(?: else)? (?:is )?(?:home|there|around|with you|at home|in the house)\b\s*\?/,
    0.85,
  ],
  ["own_room", /\b(?:are you in|do you have) your own room\b|\bin your room (?:alone|now)\b/, 0.7],
  [
    "taglish",
    /\b(?:mag[ -]?isa ka|mag[ -]?isa ka lang|sino (?:ang )?(?:kasama|kasama) mo|may kasama ka|wala kang kasama|wala ka bang kasama|alone ka|(?:san|asan|nasan|nasaan|wala) (?:si |ang )?(?:mom|dad|parents|magulang|nanay|tatay) mo|ikaw (?:lang )?(?:ba )?(?:mag[ -]?isa|sa bahay|dyan|diyan|jan)|(?:nasaan|asan|nasan|nandyan|nandiyan|andyan|andiyan) (?:ba )?(?:ang |si )?(?:mom|dad|mama|papa|nanay|tatay|mommy|daddy|parents|magulang)|(?:may tao|sino) (?:ba )?(?:sa bahay|dyan|diyan|jan))/,
    0.85,
  ],
];

/** "is your dog home alone?" asks about a pet, not the child. */
const PET_SUBJECT =
  /\b(?:dog|dogs|cat|cats|pet|pets|puppy|kitten|bird|fish|hamster|doggy|kitty)\s+(?:is\s+|are\s+)?$/;

export const ISOLATION: PatternRule[] = compile({
  type: "isolation",
  patterns: ISOLATION_PATTERNS,
  reject: {
    // "my kid is home alone today" talks about someone else's child; "is the dog home alone" a pet.
    home_alone: (m, normalized) =>
      aboutSomeoneElse(normalized, m.index) || PET_SUBJECT.test(normalized.slice(0, m.index)),
  },
});
