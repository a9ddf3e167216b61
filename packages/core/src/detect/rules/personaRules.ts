/** Persona-side indicators as patterns over normalized text (see ../normalize.ts). */
import { PERSONA_SEXUAL_RULES } from "../lexicon/sexualLexicon";
import { rules, type PatternRule } from "./ruleTypes";
import { aboutSomeoneElse } from "./subject";

export const AGE_WORDS: Readonly<Record<string, number>> = {
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  sampu: 10,
  sampung: 10,
  siyam: 9,
  walo: 8,
  pito: 7,
};
const AGE = `(?:\\d{1,2}|${Object.keys(AGE_WORDS).join("|")})`;
/** Units after a number that make it something other than an age ("10 minutes", "5 pm"). */
const NOT_AGE_UNIT =
  "(?! ?(?:minutes?|mins?|min|hours?|hrs?|h|seconds?|secs?|pm|am|km|kms|miles?|kg|kgs|lbs?|dollars|pesos?|php|usd|percent|%|th|st|nd|rd|:|\\.\\d|,\\d|times|more|pics?|photos?|days?|weeks?|months?|o clock|oclock|cm|inch\\w*|feet|ft)\\b)";

const PERSONA_AGE_RULES = rules("persona.age_statement", [
  [
    "i_am_n",
    new RegExp(
      `\\b(?:i am|am|i m|iam) (?:only |just |almost |turning |about |now |still )?(${AGE})\\b${NOT_AGE_UNIT}`,
    ),
    0.95,
  ],
  [
    "n_years_old",
    new RegExp(
      `\\b(${AGE}) ?(?:y\\/o|yo|y o|y\\.o|years? old|year old|yrs? old|yrsold|yrs|years|yr old)\\b`,
    ),
    0.95,
  ],
  [
    "n_gender",
    new RegExp(
      `(?:^|[\\s,.;:(])(\\d{1,2}) ?\\/? ?(?:f|m|girl|boy|female|male)\\b(?!\\s*(?:is|are|was)\\b)`,
    ),
    0.9,
  ],
  [
    "n_here",
    new RegExp(
      `(?:^|[,.!?;:]\\s*|\\b(?:hi|hello|hey|yes|yeah|oh|and)\\W+)(\\d{1,2}) (?:here|from|lang|po|only|na|girl|female)\\b`,
    ),
    0.85,
  ],
  ["my_age", new RegExp(`\\b(?:my age is|age is|age:?|edad ko|edad ko ay) (${AGE})\\b`), 0.95],
  [
    "turned",
    new RegExp(
      `\\b(?:just turned|turned|i will be|i turn|turning|gonna be|going to be|i will turn) (${AGE})\\b${NOT_AGE_UNIT}`,
    ),
    0.85,
  ],
  [
    "grade",
    /\b(?:grade|gr|year|yr|class|standard|std) ?(\d{1,2}|one|two|three|four|five|six|seven|eight)\b(?! (?:minutes|days|percent))|\b(\d{1,2})(?:st|nd|rd|th) grader?\b|\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth) grader?\b/,
    0.85,
  ],
  [
    "correction",
    new RegExp(
      `\\b(?:no|nope|nah|not|actually|hindi)\\W+(?:i am |im |i m |just |only |lang )+(${AGE})\\b${NOT_AGE_UNIT}|\\b(?:nope|nah|actually|hindi)\\W+(${AGE})\\s*(?:po|lang|only|[.!]|$)`,
    ),
    0.85,
  ],
  ["taglish", new RegExp(`\\b(${AGE}) (?:na )?(?:ako|taon)\\b|\\bako ay (${AGE})\\b`), 0.9],
]);

/** Ages and grades in a clause about someone else ("my sister is 12") are not the persona's. */
export const PERSONA_AGE_STATEMENT: PatternRule[] = PERSONA_AGE_RULES.map((rule) =>
  rule.id.endsWith("/i_am_n") || rule.id.endsWith("/my_age")
    ? rule
    : {
        ...rule,
        accept: (m: RegExpExecArray, normalized: string) => !aboutSomeoneElse(normalized, m.index),
      },
);

/** A bare age that answers the counterpart's age question ("10", "ten", "10 po"). */
export const BARE_AGE_ANSWER = new RegExp(
  `^\\W*(?:i am |just |only |im |age )?(${AGE})(?:\\W+(?:na|years?|yrs?|yo|y\\/o|y o|old|years? old|ako|taon|why|you|and you|hbu|wbu|lol|haha|hehe|only|just|f|girl))*\\W*$`,
);

const TECH =
  "(?:internet|connection|connexion|wifi|wi fi|signal|network|net|batt|tab|laptop|computer|pc|phone|cellphone|cp|tablet|ipad|cam|webcam|camera|video|mic|battery|load|data|screen|app|power|electricity|kuryente|chat|browser|keyboard|skype|zoom|messenger|discord|viber|telegram|whatsapp|facebook|fb)";
const PROBLEM =
  "(?:slow|so slow|bad|broken|broke|died|dead|dying|not working|isnt working|doesnt work|dont work|stopped|freez\\w*|frozen|cut|cutting|lag\\w*|down|low|lost|problems?|issues?|error|crash\\w*|off|disconnect\\w*|weak|shut ?down|glitch\\w*|wont work|wont open|cant connect|keeps? dropping|dropped|unstable|ran out|run out|out|is gone|gone|nawala|sira|hang\\w*|stuck|black|acting up|about to die|die|dying|terrible|poor|awful|horrible|choppy|messed up|not loading|wont load|cant load|froze|freezes|overheat\\w*|(?:so |too |very |really )?hot|wont turn on|will not turn on|doesnt turn on|does not turn on|not turning on|cant turn on|wont start|wont charge|not charging|restart\\w*|reboot\\w*|updating|update|shutting down|shuts? off|turning off|blinking|flickering|went off|went out|dropping|keeps? going out|going(?=\\s*(?:[.!?,]|po\\b|$)|\\s+(?:out|off|bad|down|in and out|crazy)\\b))";

/** What a persona can say it has lost: connection, power or credit (not a device it may not own). */
const LINK =
  "(?:internet|connection|connexion|wifi|wi fi|signal|network|net|battery|batt|load|data|power|electricity|kuryente)";
/** Someone at home needing the child now: "mom is calling", "dinner is ready", "kakain na". */
const CALLED_AWAY =
  "(?:(?:my )?(?:mom|mama|mommy|mum|dad|papa|daddy|lola|lolo|nanay|tatay|tita|yaya|parents|teacher) (?:is |are )?(?:calling|calling me|here|coming|home|back|yelling|shouting|looking for me|needs me|wants me)|(?:dinner|lunch|breakfast|food) is ready|time to (?:eat|sleep)|(?:have|need|got|gotta|must) to (?:eat(?! (?:my|the|a|some|more|your|it|this|that|all|healthy|less|vegetables)\\b)|do (?:my )?homework|help my (?:mom|dad|mama|papa)|sleep now)|kakain na|kain na (?:daw|kami|tayo)|tinatawag (?:na )?ako|pinapatawag ako)";

export const PERSONA_BREAK_OFF = rules("persona.break_off", [
  ["tech_problem", new RegExp(`\\b${TECH}\\b[^.?!]{0,25}\\b${PROBLEM}\\b`), 0.9],
  [
    "took_device",
    /\b(?:mom|dad|parents|lola|teacher) (?:took|takes|is taking|grabbed|wants|needs) (?:my|the) (?:phone|tablet|laptop|cp|cellphone|computer|ipad)\b/,
    0.85,
  ],
  [
    "taglish",
    new RegExp(
      `\\b(?:wala (?:na )?(?:akong |ako |ng )?|sira (?:na )?(?:ang )?(?:aking )?|nasira (?:ang )?)${TECH}\\b|\\btawag (?:ako|na ako) (?:ni|ng) (?:mom|dad)\\b`,
    ),
    0.85,
  ],
  [
    // "nag-crash yung app", "nag-hang", "nahang na": Taglish verb forms of a device failing.
    "taglish_fault",
    /\b(?:nag|na)(?: |-)?(?:crash|hang|lag|freeze|error|loko|loloko|shutdown)\b(?! out\b)/,
    0.85,
  ],
  [
    "no_tech",
    new RegExp(
      // "no phone" / "no cam" answer a question; only a lost connection or power is an excuse.
      `\\b(?:no|walang|wala ng|wala na|out of)(?: more)? ${LINK}\\b|\\b(?:lost|bad|weak|slow|low|poor|dead|lowbat|lobat|nawala|nawawala|nawalan ng|ubos na|ubos|naubos|mahina|mabagal)(?: na)?(?: ang| ng| yung)? ${TECH}\\b|\\b(?:lowbat|lobat|brownout|blackout|power out(?:age)?)\\b|\\b${TECH} (?:is )?(?:at|on|only at) (?:[0-9]|1[0-9]) ?%`,
    ),
    0.9,
  ],
  [
    // Having to leave is the excuse; a goodbye alone ("bye", "ttyl") is not a break-off (DESIGN:
    // the operator ends the contact with a faked problem), and is often just the reply to the
    // counterpart leaving.
    "must_go",
    /\b(?:i (?:have|need|got|must|gotta) to (?:go|leave)(?! to (?!sleep|bed)| with| and| out| there| shopping| buy)|i (?:have|need|got|must|gotta) to (?:log off|sleep)|i must go|gtg|g2g|got to go|gotta go|have to go now|i will go now|i will go (?:eat|sleep)|alis na ako|logging off|log off|signing off|going offline|gotta sleep|mom is calling|my mom is here|my mom is calling|mom is coming|mom is home)\b/,
    0.85,
  ],
  ["called_away", new RegExp(`\\b${CALLED_AWAY}\\b`), 0.85],
]);

export const PERSONA_SEXUAL_TOPIC: PatternRule[] = [
  ...rules("persona.sexual_topic", PERSONA_SEXUAL_RULES),
  ...rules("persona.sexual_topic", [
    [
      "see_me",
      /\b(?:do you want|want|wanna|would you like|you want|do you wanna) (?:to )?(?:see|watch) me\b/,
      0.9,
    ],
    [
      "offer_show",
      /\b(?:i can|i will|i could|shall i|should i|let me|i want to|want me to|do you want me to|can i) (?:show you(?: something| more| myself| me)?(?=\s*(?:[.!?]|$|lol|haha|if|for|now|on\b))|do a show|turn on (?:my )?(?:cam|camera|video)|open (?:my )?(?:cam|camera)|go on (?:cam|video)|cam|video call)\b/,
      0.9,
    ],
    [
      "invite_cam",
      /\b(?:lets|let us|wanna|want to|do you want to) (?:cam|video call|video chat|facetime|do cam|go on cam)\b/,
      0.9,
    ],
    [
      "ask_cam",
      /\b(?:do|did) you (?:have|want|got) (?:a )?(?:web ?cam|cam|camera|video call)\b/,
      0.8,
    ],
    ["show_offer", /\b(?:private|cam|webcam|live) show\b/, 0.85],
    ["want_show", /\b(?:want|wanna) (?:a |my |to see a |to see my )?show\b/, 0.85],
    [
      "on_my_cam",
      /\b(?:i can|i will|i could|shall i|should i|let me|want me to|i want to)\b[^.?!]{0,30}\b(?:on|my|open) (?:cam|camera|video|webcam)\b/,
      0.85,
    ],
  ]),
];

export const PERSONA_RULES: readonly PatternRule[] = [
  ...PERSONA_AGE_STATEMENT,
  ...PERSONA_BREAK_OFF,
  ...PERSONA_SEXUAL_TOPIC,
];
