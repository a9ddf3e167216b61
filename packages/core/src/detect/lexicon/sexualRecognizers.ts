/**
 * `solicit.sexual` and `sexual.talk` (S1: explicit words live only under a `lexicon` path).
 *
 * A solicitation is a request, offer, demand or acceptance addressed to the persona: the presence
 * of an explicit word is never one by itself. `solicit.sexual` fires when a sexual act, undressing
 * or the persona's body is asked for, demanded, proposed or offered to her ("take off your …",
 * "can you … for me", "i want to … you", "want to see my …"). `sexual.talk` is explicit language
 * directed at the persona that asks for nothing ("you are so …", "are you …?"): it is shown and
 * counts for triage but never advances the stage. Insults and expletives ("… you", "kick his …",
 * "shut the … up") are neither.
 */
import { compile, type MatchCheck, type PatternRule } from "../rules/ruleTypes";

const CLOTHES =
  "(?:clothes|shirt|tshirt|t shirt|top|dress|skirt|pants|shorts|underwear|bra|panties|blouse|uniform|everything)";
const GARMENT =
  "clothes|outfits?|swimsuit|swimsuits|swimwear|bathing suit|bikini|dress|dresses|skirt|uniform|pajamas|pjs|shorts|top|tops";
const CAMERA = "(?:cam|webcam|camera|video|vid|video call)";

/** Body words (sexual in a request or a remark about her body). */
const BODY =
  "(?:boobs|boobies|tits|titties|nipples?|breasts?|pussy|vagina|penis|dick|cock|ass|butt|booty|private parts?|privates|down there|chest|body)";
/** States and intimate clothing. */
const STATE =
  "(?:naked|nude|nudes|nudity|n00dz|noodz|topless|bottomless|horny|sexy|wet|panties|panty|thong|lingerie|underwear|bra|bikini|hubad|malibog|libog)";
/** Acts (verbs and nouns). */
const ACT =
  "(?:sex|have sex|sexting|sext|masturbat\\w*|finger\\w*|orgasm|cum|blowjob|bj|fuck|fucking|suck|lick|make out|strip|stripping|striptease|undress\\w*|jakol|kantot\\w*|touch yourself|play with yourself|rub yourself|touch\\w* you all over|touch your body|69)";
const TERM = `(?:${ACT}|${STATE}|${BODY})`;

/** A request, demand or proposal addressed to her, opening the clause the term is in. */
const ASK =
  "(?:tell me|can you|could you|will you|would you|wont you|do you want to|you want to|want to|would you like to|do you wanna|are you going to|you should|you have to|you need to|you must|i want you to|i need you to|i would like you to|i would love you to|id like you to|i want to see|i wanna see|i would like to see|i would love to see|can i see|may i see|let me see|show me|send me|give me|lets|let us|i will pay you to|i will pay you for|i pay you for|i can pay you for|how much for)";
/** He proposes or offers an act on her, or his body to her. */
const OFFER =
  "(?:i want to|i wanna|i would rather|i would love to|i would like to|i am going to|i will|i can|i could|i would|can i|could i|may i|let me|i wanna see you|i want to see you)";

const EXPLETIVE_FUCK =
  /\b(?:fuck (?:you|off|u|this|that|it|me up|em|them|him|her|yeah|no|outta)|the fuck|what the fuck|fuck(?:ing|in)? (?:hell|shit|idiot|stupid|moron|loser|ugly|crazy|annoying|weird|boring|retard\w*|sucks|bitch)|fucking (?:a|the|my|this|that|it|hate|love|kidding|joking|serious)|fucked up|shut the fuck)\b/;
const INSULT =
  /\b(?:kick(?:ed|s|ing)? (?:his|her|your|my|their|some|our)? ?ass|(?:dumb|stupid|old|ugly|fat) fuck|ass (?:kicked|kicking|whooping|hole|holes)|kiss my ass|pain in the ass|my ass\b(?! (?:is|looks))|half ass|lazy ass|dumb ?ass|smart ?ass|bad ?ass|jack ?ass|fat ass|your ass (?:over|here|out|back|home|to|in gear|off)|get your (?:butt|ass) (?:over|here|out|back|home|to|in)|(?:a|you|such a|big|total) dick\b(?! (?:pic|picture|photo))|dickhead|dick move|cum (?:to|over|here|back|home|with|and|see|visit|get|online|in|on over))\b/;

/** The match's clause reads as an expletive or an insult, not sex. */
const expletive: MatchCheck = (m, normalized) => {
  const from = Math.max(0, m.index - 30);
  const around = normalized.slice(from, m.index + m[0].length + 30);
  return EXPLETIVE_FUCK.test(around) || INSULT.test(around);
};

/** "i don't want …", "never … you": negated, nothing is asked. */
const NEGATED =
  /\b(?:dont|do not|never|not|wont|will not|didnt|did not|cant|cannot)\s+(?:\w+\s+){0,2}$/;
const negated: MatchCheck = (m, normalized) =>
  NEGATED.test(normalized.slice(Math.max(0, m.index - 25), m.index));

export const SOLICIT_SEXUAL: PatternRule[] = compile({
  type: "solicit.sexual",
  patterns: [
    [
      "undress",
      new RegExp(
        `\\b(?:take|takeoff|pull|get|lift|remove|strip)(?: off| down| up)? (?:all )?(?:of )?(?:your |the |those |ur )?(?:[a-z]+ (?:and|or|n|&) (?:your )?)?${CLOTHES}\\b(?! (?:on|out of (?:the|my) (?:car|bag|closet|laundry)))`,
      ),
      0.95,
    ],
    [
      "undress_off",
      new RegExp(`\\b(?:take|pull|get) (?:your |the )?${CLOTHES} (?:off|down)\\b`),
      0.95,
    ],
    ["all_off", /\btake (?:it|them|everything|all) (?:all )?off\b/, 0.85],
    [
      "wear",
      /\bwear (?:something|nothing|less)(?: (?:short|sexy|small|tight|revealing|thin))?\b(?! (?:warm|nice|comfortable|else))/,
      0.8,
    ],
    ["no_clothes", new RegExp(`\\b(?:without|with no|out of your) ${CLOTHES}\\b`), 0.9],
    ["in_underwear", /\bin (?:your|ur|a) (?:underwear|bra|panties|bikini|towel|lingerie)\b/, 0.95],
    [
      "show_body",
      /\b(?:show|let me see|send|flash)(?: me| us)? (?:your |you )?(?:body|chest|legs|skin|belly|tummy|butt|ass|boobs|tits|breasts?|nipples?|pussy|private\w*|down there)\b/,
      0.9,
    ],
    [
      "photo_of_body",
      /\b(?:send|show|take|want|give|have)(?: me| us)? (?:a |some |more |another |any )?(?:pics?|photos?|pictures?|videos?|vids?|selfies?) of (?:your|you|yourself)(?: \w+)? ?(?:body|chest|legs|skin|belly|tummy|butt|ass|boobs|breasts?|private\w*|without|naked|nude|in (?:your|a) (?:underwear|bra|panties|bikini|towel))\b/,
      0.9,
    ],
    [
      "intimate_photo",
      /\b(?:nudes|n00dz|noodz|(?:naked|nude|nakie|topless|sexy|hot|naughty|bikini|underwear|bra) (?:pics?|photos?|pictures?|selfies?|vids?|videos?|pose|dance|show))\b/,
      0.85,
    ],
    [
      "naughty",
      /\b(?:you|can you|will you|would you|i want you to|want you to|you should|lets|let us)(?: \w+)? (?:be|get|act|feel|look|do something) (?:so |very |really |a bit |little )?(?:naughty|sexy|dirty|horny|wild|bad girl)\b/,
      0.85,
    ],
    ["naughty_for_me", /\b(?:naughty|sexy|dirty|naked|nude|horny|wet) (?:for|with) me\b/, 0.9],
    [
      "touch",
      /\b(?:touch|rub|play with|kiss|feel) (?:yourself|your (?:body|chest|private\w*|legs|lips|breasts?|boobs|pussy))\b|\b(?:kiss|touch|rub|suck|lick) (?:me|my (?:dick|cock|penis|lips|neck))\b/,
      0.8,
    ],
    [
      "change_on_cam",
      new RegExp(
        `\\b(?:change|changing|try on|trying on|put on|wear|model)(?: (?:into|out of|on))? (?:(?:your|ur|a|some|the|new|different|another|that|those|cute|nice) )*(?:${GARMENT})\\b[^.?!]{0,40}\\b(?:on|in front of|infront of|for the|to the) (?:the |my |your |ur |a )?${CAMERA}\\b|\\b(?:on|in front of|infront of) (?:the |your |ur )?${CAMERA}\\b[^.?!]{0,30}\\b(?:change|try on|put on|wear|model)\\b(?: (?:into|out of|on))? (?:(?:your|ur|a|some|the|new|different|another|that|those|cute|nice) )*(?:${GARMENT})\\b`,
      ),
      0.85,
    ],
    // "can you … for me", "do you want to …", "show me your …": a term inside a request to her.
    ["asks_act", new RegExp(`\\b${ASK}\\b(?: \\w+){0,4}? ${TERM}\\b`), 0.85],
    // "i want to … you", "let me … your …": he proposes an act on her.
    [
      "proposes_act",
      new RegExp(
        `\\b${OFFER} (?:\\w+ ){0,2}?(?:${ACT}|see you ${STATE}|see your ${BODY})\\b(?: (?:\\w+ ){0,2}?(?:you|your|yourself|with you|to you))?`,
      ),
      0.85,
    ],
    // "want to see my …?", "i will show you my …": he offers his body to her.
    [
      "offers_body",
      new RegExp(
        `\\b(?:want to see|wanna see|see|show you|send you) my ${BODY}\\b|\\b(?:put|stick|rub|give you|show you) (?:my|his) (?:penis|dick|cock)\\b`,
      ),
      0.85,
    ],
    // "something naughty?": proposing sexual talk or acts to her.
    ["proposes_naughty", /\b(?:something|anything|talk|get|be) (?:naughty|dirty|sexy)\s*\?/, 0.8],
    // "… for me", "get … with me": the term asked for her sake.
    [
      "for_me",
      new RegExp(`\\b${TERM}\\b(?: \\w+){0,3}? (?:for me|with me|on cam|on camera)\\b`),
      0.85,
    ],
    // Taglish requests: undress, show her body, acts proposed to her.
    [
      "taglish",
      /\b(?:hubad (?:ka|ka na|mo)|maghubad ka|pakita (?:mo )?(?:ang )?(?:suso|dede|pepe|katawan)|jakol (?:ka|tayo)|kantot\w* (?:kita|tayo))\b/,
      0.9,
    ],
  ],
  reject: {
    "*": (m, normalized, ctx) => expletive(m, normalized, ctx) || negated(m, normalized, ctx),
  },
});

/** Explicit language addressed to her, or about him in a one-to-one chat, that asks for nothing. */
export const SEXUAL_TALK: PatternRule[] = compile({
  type: "sexual.talk",
  patterns: [
    [
      "about_you",
      new RegExp(
        `\\b(?:you|your|yourself|you are|are you|youre)\\b(?: \\w+){0,3}? (?:${STATE}|${ACT}|${BODY})\\b|\\b(?:${STATE}|${BODY})\\b(?: \\w+){0,2}? (?:you are|are you|you)\\b`,
      ),
      0.7,
    ],
    [
      "about_me",
      new RegExp(
        `\\b(?:i am|i m|i feel|i get|my)(?: so| very| really| getting| all)? (?:${STATE}|${BODY})\\b`,
      ),
      0.6,
    ],
    [
      // "what size bra …", "what color are your panties": questions about her intimate clothing.
      "intimate_question",
      /\b(?:what|which) (?:size|color|colour|kind|type) (?:of )?(?:bra|panties|panty|underwear|thong|lingerie)\b|\bwhat (?:size|color|colour) (?:is|are) your (?:bra|panties|underwear)\b/,
      0.75,
    ],
    ["explicit_word", new RegExp(`\\b(?:${ACT}|porn\\w*|xxx|erotic)\\b`), 0.5],
  ],
  reject: {
    "*": expletive,
    // "my body hurts", "your body is healthy": ordinary body talk is not sexual.
    about_you: (m) =>
      /\b(?:body|chest|butt)\b/.test(m[0]) && !/\b(?:sexy|naked|nude|hot)\b/.test(m[0]),
    about_me: (m) => /\b(?:body|chest|butt|wet|bra|underwear)\b/.test(m[0]),
    explicit_word: (m) => /^(?:suck|lick|finger\w*|strip|69|cum|make out)$/.test(m[0]),
  },
});
