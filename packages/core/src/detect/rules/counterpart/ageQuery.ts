/** `age.query`: the counterpart asks the persona's age, grade or school. */
import { rules } from "../ruleTypes";

export const AGE_QUERY = rules("age.query", [
  ["asl", /\b(?:asl|a\/s\/l|a s l)\b/, 0.95],
  [
    "how_old",
    /\bhow old\b(?! (?:is|was|are they|is he|is she) )(?! (?:is|are|was) (?:your|my|his|her|the|this|that) )/,
    0.95,
  ],
  ["what_age", /\b(?:what|which) age\b|\bhow many years old\b/, 0.85],
  ["how_young", /\bhow young\b/, 0.9],
  [
    "your_age",
    /\b(?:what is|whats|tell me|say|and|so|know) (?:your )?age\b|(?<!\b(?:for|about|with|of) )\byour age\b\s*(?:\?|please|pls|$)/,
    0.9,
  ],
  ["bare_age", /^\s*(?:and |so |ok |hi )?age\s*(?:please)?\s*\?*\s*$/, 0.9],
  ["age_question_mark", /\byou age\b|(?<!\b(?:my|his|her|same|this|that|what) )\bage\s*\?/, 0.85],
  [
    "grade",
    /\b(?:what|which) (?:grade|year|class|standard|level)\b(?: (?:are|r) you| you| level| in)/,
    0.9,
  ],
  [
    "in_school",
    /\b(?:are you|you) (?:still )?in (?:school|high school|elementary|grade school|primary school|middle school|junior high)\b|\b(?:do|did) you (?:still )?(?:go to|attend|study in|study at) (?:school|elementary|high school|primary)\b|\bwhat school\b/,
    0.7,
  ],
  [
    "you_n",
    /\b(?:are you|you|r you) (?:like |about |around |maybe |only )?(?![24]\b)\d{1,2}\s*(?:or \d{1,2}\s*)?\?/,
    0.8,
  ],
  [
    "over_under",
    /\b(?:are you|you|r you) (?:over|under|above|below|older than|younger than) \d{1,2}\b/,
    0.9,
  ],
  [
    "legal",
    /\b(?:are you|you) (?:18|legal|a minor|an adult|underage|of age|old enough|a teen|a teenager|a kid|a child)\b/,
    0.85,
  ],
  [
    "born",
    /\b(?:when|what year) (?:were you|was you|are you|you) born\b|\bwhen is your birthday\b/,
    0.85,
  ],
  [
    "guess_age",
    /\b(?:you (?:look|seem|sound)(?: like)?|i (?:bet|guess|think) (?:you are|your|you)|let me guess(?:\W+you are|\W+your)?\W*)(?: about| around| maybe| only| like)? (?![24]\b)\d{1,2}\b(?! ?(?:minutes|mins|hours|pm|am|dollars|usd|times|percent))/,
    0.8,
  ],
  ["eighteen_plus", /\b18\s*\+\s*\?/, 0.8],
  [
    "taglish",
    /\b(?:ilang taon|ilan taon|ilang edad|edad mo|anong edad|ilan edad|age mo|(?:anong|ano|what|which) grade (?:mo|ka)|grade (?:ilan|mo) ka|grade mo)\b/,
    0.9,
  ],
  ["what_are_you_n", /\bwhat are you\W+(?:like |about )?(?![24]\b)\d{1,2}\s*\?/, 0.8],
]);
