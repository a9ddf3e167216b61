/** `age.acknowledged`: the counterpart shows he knows the persona is a child. */
import { rules } from "../ruleTypes";
import { AGE_WORD } from "./vocabulary";

export const AGE_ACKNOWLEDGED = rules("age.acknowledged", [
  [
    "you_young",
    /\b(?:you are|your|are you|you) (?:so |very |too |really |still |just |only |such |soo |quite )*(?:young|a kid|a child|a little girl|a little kid|a baby|underage|a minor|a little one)\b/,
    0.9,
  ],
  [
    "age_no_matter",
    /\bage (?:doesnt|does not|dont|do not|wont|isnt|is not|never) (?:matter|bother|count|mean)/,
    0.95,
  ],
  [
    "dont_worry_age",
    /\b(?:dont|do not|never) (?:worry|care|think) about (?:your|the|that|our) age\b/,
    0.9,
  ],
  ["age_number", /\bage (?:is )?(?:just |only )?a number\b/, 0.95],
  [
    "dont_mind_age",
    /\b(?:dont|do not|doesnt|wont) (?:care|mind|bother)\b[^.?!]{0,20}\b(?:age|young|\d{1,2})\b/,
    0.85,
  ],
  [
    "mature_for_age",
    /\b(?:mature|old|grown up|big|tall|smart|pretty) for (?:(?:your|a|an) )?(?:age|\d{1,2} years? old|\d{1,2}|ten)\b/,
    0.95,
  ],
  [
    "so_you_are_n",
    /\b(?:oh|so|ah|wow|omg)\W+(?:you are|your|you) (?:only |just )?(?:\d{1,2}|ten|nine|eleven|twelve)\b/,
    0.85,
  ],
  [
    "i_know_age",
    /\bi know (?:that )?(?:you are|your|you) (?:only |just )?(?:\d{1,2}|young|a kid|underage|a minor)\b/,
    0.95,
  ],
  [
    "should_leave",
    /\byou (?:should|must|need to|have to|better) (?:not be (?:here|in (?:this|the|a|these) (?:chat|room|site|app|place|chatroom|chats))|leave (?:this|the|here|now)|get off (?:this|the|here)|go offline|log off|not chat|not be chatting|not be online|not be on here)\b/,
    0.85,
  ],
  [
    "adults_only",
    /\b(?:this|the|that|these) (?:site|app|chat|room|chatroom|chats|place|game) (?:is|are) (?:only )?(?:for|only for) (?:adults|grown ups|grownups|18|over 18|older people)\b|\b(?:kids|children|people|friends|someone|boys|girls) your (?:own )?age\b|\byou (?:should not|shouldnt|should nt) be (?:on|in|here|chatting|talking|online)\b/,
    0.85,
  ],
  [
    "not_safe_for_kids",
    /\bnot (?:safe |good |a place )?for (?:kids|children|a kid|a child|minors|little girls|young girls)\b/,
    0.9,
  ],
  [
    "thought_older",
    /\bi thought (?:that )?(?:you were|your|you are|you where) (?:older|an adult|18|grown up|a grown up|over 18)\b/,
    0.85,
  ],
  [
    "look_older",
    /\byou (?:look|seem|sound|act) (?:much |so |a lot |way )?(?:older|more mature|mature|grown up|like (?:a )?(?:\d{2}|teen|teenager|lady|woman))\b/,
    0.8,
  ],
  ["nice_age", /\b(?:good|nice|great|perfect|cute|fun|lovely|sweet|best) age\b/, 0.8],
  ["too_young", /\b(?:too young|underage|jailbait|jail bait)\b/, 0.9],
  [
    "thats_young",
    /\b(?:thats|that is|so you are|so your) (?:so |very |too |really |pretty )?(?:young|a kid|a baby)\b/,
    0.85,
  ],
  [
    "age_no_problem",
    /\bage (?:aint|is not|isnt|is no) (?:nothing|a problem|an issue|problem|issue)\b|\b(?:your |the )?age is (?:fine|ok|okay|no problem|not a problem|perfect)\b|\bage (?:is )?not (?:a )?(?:problem|issue)\b/,
    0.9,
  ],
  [
    "young_is_fine",
    /\b(?:young|your age|age|being young) (?:is|s) (?:fine|ok|okay|cool|no problem|perfect|good|nice|alright)\b|\b(?:you are|your) (?:so |very |really |quite )?mature\b|\bstill (?:a|just a) (?:baby|kid|child)\b/,
    0.8,
  ],
  ["old_enough", /\byou are (?:old|mature|big) enough\b/, 0.85],
  [
    "taglish",
    /\b(?:bata ka pa|bata pa|ang bata mo|bata ka|batang bata|(?:kid|baby|bata|minor) ka pa|ok lang (?:kahit )?bata)\b/,
    0.85,
  ],
  [
    "so_young",
    /(?<!\b(?:i was|i am|we were|i felt|i feel|was|were) )\b(?:so|very|too|soo|really|quite|such) young\b(?! (?:to|when|at|in|back|then|once)\b)|\b(?:so|too|very) little\s*(?:[.!?]|$|lol|haha)/,
    0.8,
  ],
  ["only_age", new RegExp(`\\b(?:only|just) (?:\\d{1,2}|${AGE_WORD})\\s*\\?`), 0.85],
  [
    // Age awareness without the word "young": "the age thing", "if you were 16 it would be legal",
    // "when you turn 18", "you would get me in trouble", "i could go to jail".
    "implicit_age",
    /\b(?:the|your|our) age (?:thing|difference|gap|issue)\b|\bif you (?:were|was|where) (?:\d{2}|older|18|legal|of age|a bit older)\b|\b(?:when|once|till|until) you (?:turn|are|get) (?:16|17|18|older|legal|of age)\b|\bi (?:could|would|will|can|might) (?:go to|end up in|get sent to|get) (?:jail|prison|arrested)\b|\b(?:you|that) (?:would |will |could |might )?(?:get|got) me (?:in trouble|arrested|in jail|locked up)\b|\b(?:too|so|very) young for me\b|\bi am (?:a lot |much |way |so )?older than you\b/,
    0.8,
  ],
  ["like_young", /\bi (?:like|love|prefer) (?:them |girls )?(?:young|younger)\b/, 0.9],
  [
    "young_girl",
    /(?<!\b(?:my|his|her|our|their|a friends) )\b(?:little|young) (?:girls?|lady|ladies)\b(?! (?:of mine|in my))/,
    0.7,
  ],
]);
