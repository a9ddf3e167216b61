/**
 * Counterpart-side behaviour indicators as patterns over normalized text (see ../normalize.ts:
 * "u" is already "you", "ur" is "your", "r" is "are", "im" is "i am", "pls" is "please").
 */
import { PLATFORM_ALTERNATION } from "../lexicon/platformLexicon";
import { SEXUAL_REQUEST_RULES } from "../lexicon/sexualLexicon";
import { rules, type PatternRule } from "./ruleTypes";
import { aboutSomeoneElse } from "./subject";

const AGE_WORD =
  "(?:three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen)";
const FAMILY =
  "(?:mom|dad|parents?|family|sister|brother|sis|bro|lola|lolo|grandma|grandpa|aunt|auntie|tita|uncle|tito|yaya|maid|guardian)";
const CAM = "(?:web ?cam|cam|camera|video call|video chat|vid call|video|facetime)";
const PLATFORM = `(?:${PLATFORM_ALTERNATION})`;

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
  ["like_young", /\bi (?:like|love|prefer) (?:them |girls )?(?:young|younger)\b/, 0.9],
  [
    "young_girl",
    /(?<!\b(?:my|his|her|our|their|a friends) )\b(?:little|young) (?:girls?|lady|ladies)\b(?! (?:of mine|in my))/,
    0.7,
  ],
]);

const ISOLATION_RULES = rules("isolation", [
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
  ["where_family", new RegExp(`\\bwhere (?:is|are) your ${FAMILY}\\b`), 0.8],
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
]);

/** "is your dog home alone?" asks about a pet, not the child. */
const PET_SUBJECT =
  /\b(?:dog|dogs|cat|cats|pet|pets|puppy|kitten|bird|fish|hamster|doggy|kitty)\s+(?:is\s+|are\s+)?$/;
/** "my kid is home alone today" talks about someone else's child, not the persona. */
export const ISOLATION: PatternRule[] = ISOLATION_RULES.map((rule) =>
  rule.id.endsWith("/home_alone")
    ? {
        ...rule,
        accept: (m: RegExpExecArray, normalized: string) =>
          !aboutSomeoneElse(normalized, m.index) && !PET_SUBJECT.test(normalized.slice(0, m.index)),
      }
    : rule,
);

export const SECRECY = rules("secrecy", [
  [
    "dont_tell",
    /\b(?:dont|do not|never|wont|will not|dont you) (?:ever )?(?:tell|say (?:it |this |anything )?to|show (?:this|it) to|mention (?:it |this )?to|let) (?:anyone|anybody|no one|nobody|your|her|him|them)\b/,
    0.9,
  ],
  [
    "promise",
    /\bpromise (?:you |me )?(?:wont|will not|not to|you will not|you wont) (?:tell|say|show)\b/,
    0.9,
  ],
  ["secret", /\b(?:our|a little|little|this is a|its a|keep a|keep our) secret\b/, 0.9],
  [
    "keep_it",
    /\bkeep (?:it|this|that|us|everything|our chat|this chat|our talk)(?: a)? (?:secret|private|between us|quiet|to yourself|hidden|just between)\b/,
    0.9,
  ],
  ["between_us", /\b(?:just |only )?between (?:us|you and me|me and you|the two of us)\b/, 0.85],
  [
    "delete",
    /\b(?:delete|erase|clear|remove|wipe) (?:this|the|our|your|all|all the|all our|these|those)? ?(?:chats?|messages?|msgs?|convos?|conversations?|history|logs?|pics?|photos?|texts?|sms|everything)\b/,
    0.9,
  ],
  [
    "keep_quiet",
    /\bkeep (?:it|this|that) (?:on the low|quiet|lowkey|down low|hush)\b|\bkeep quiet about\b/,
    0.85,
  ],
  [
    "no_one_sees",
    /\b(?:make sure |so )?(?:no one|nobody|noone|your (?:mom|dad|parents)) (?:sees|finds out|catches|reads)\b/,
    0.8,
  ],
  [
    "dont_show",
    /\b(?:dont|do not|never) (?:show|send) (?:this|it|our chat|these|this chat)? ?(?:to )?(?:anyone|anybody|your|nobody)\b/,
    0.85,
  ],
  [
    "no_one_knows",
    /\b(?:no one|nobody|noone|no body) (?:has to|needs to|will ever|will|must|should|would) (?:ever )?know\b/,
    0.9,
  ],
  [
    "must_not_know",
    /\b(?:no one|nobody|noone|your (?:mom|dad|parents|family)) (?:can|must|should|may) (?:not |never )?(?:ever )?know\b|\b(?:your (?:mom|dad|parents|family)) (?:must not|mustnt|should not|shouldnt|can not|cant|cannot|never|wont|will not) (?:ever )?(?:know|find out|see this|see our)\b|\b(?:doesnt|does not|dont|do not|never|wont) find out\b|\bjust (?:us|you and me|the two of us)(?: two)? (?:know|knows)\b/,
    0.85,
  ],
  [
    "dont_let_know",
    /\bdont let (?:your |them |anyone |anybody )?(?:mom|dad|parents|anyone|anybody|them|family)? ?(?:know|see|find out)\b/,
    0.85,
  ],
  [
    "taglish",
    /\b(?:wag mo (?:sabihin|ipaalam|sasabihin)|huwag mo (?:sabihin|ipaalam)|secret natin|atin atin)\b/,
    0.9,
  ],
]);

export const MEET_OFFLINE = rules("meet.offline", [
  ["meet_up", /\bmeet (?:up|in person|irl|in real life|somewhere|face to face|for real)\b/, 0.9],
  [
    "hang_out",
    /\b(?:lets|let us|can we|we can|we could|want to|wanna|we should) hang out\b|\bwhen can (?:i|we) see (?:you|each other)\b/,
    0.8,
  ],
  [
    "can_we_meet",
    /\b(?:can|could|shall|should|will|when can|where can) (?:we|i) (?:meet|visit you|see you in person|see you irl|come over|pick you up)\b/,
    0.9,
  ],
  [
    "want_meet",
    /\b(?:lets|let us|we should|we can|we could|want to|i want to|i would like to|id like to|would you like to|do you want to|i will|i can|i could) (?:meet(?= (?:you|up|me|in person|irl|somewhere|sometime|soon|today|tomorrow|tonight|later|next|this|there|at|when|please|in real)\b|\s*[?!.]|\s*$)|visit you|see you in person|come (?:to )?see you|come over|pick you up|take you out)\b/,
    0.85,
  ],
  [
    "travel_to_you",
    /\bi (?:will|can|could|would|am going to|plan to|want to) (?:come|fly|travel|go|drive|be)\b[^.?!]{0,30}\b(?:see|meet|visit|pick up) you\b|\bi (?:will|can|could|would|am going to) (?:come|fly|travel|go) to your (?:place|house|city|town|country|school)\b/,
    0.85,
  ],
  [
    "meet_you",
    /(?<!\b(?:nice|glad|good|pleased|great|happy|lovely|cool) to )(?<!\b(?:nice|glad) )\bmeet you\b(?! (?:on|in) (?:cam|webcam|video|skype|here|chat))/,
    0.7,
  ],
  [
    "come_see",
    /\b(?:can|could|may|will|should) i (?:come (?:and |to )?(?:see|visit) you|visit you)\b|(?<!\bto )\b(?:meet|meet up)\s*\?+\W*$/,
    0.75,
  ],
  ["taglish", /\b(?:kita tayo|magkita tayo|magkita tayo|eb tayo|meet tayo)\b/, 0.9],
]);

/**
 * An amount of money is payment talk when it is addressed to the persona, tied to paying or
 * sending, or stands nearly alone ("yes 30 usd"); "i paid 10 dollars for lunch" is not.
 */
function amountIsOffer(_match: RegExpExecArray, normalized: string): boolean {
  if (
    /\b(?:you|your|pay|send|give|offer|per|each|padala|ipadala|magpadala|via|thru|through)\b|\bfor (?:a|the|it|that|this)\b/.test(
      normalized,
    )
  )
    return true;
  let words = 1;
  for (let i = 0; i < normalized.length; i++) if (normalized.charCodeAt(i) === 32) words++;
  return words <= 5;
}

const PAYMENT_RULES = rules("payment.offer", [
  ["amount_symbol_after", /\b\d+(?:[.,]\d+)?\s?[$₱€£]/, 0.85],
  [
    "give_amount",
    /\b(?:give|send|pay|offer) (?:you |u )?(?:\d{2,}|\d+(?:\.\d)? ?k)\b(?! ?(?:minutes|mins|min|seconds|secs|hours|hrs|percent|%|times|days))/,
    0.8,
  ],
  ["want_earn", /\b(?:want to|wanna|like to|you can) earn\b/, 0.85],
  [
    // "load" and payment apps as verbs: "ill load u 300", "gcash u later", "load you up".
    "load_you",
    /\b(?:load|eload|pasaload|gcash|paypal|venmo|remit) (?:you|u)(?= (?:\d+|[$₱€£]|some|with|now|later|tonight|po|first|if|when|after|again|up|tomorrow)\b|\s*(?:[.!?,]|$))/,
    0.85,
  ],
  [
    "amount_currency",
    /(?:[$₱€£]\s?\d|\b\d+(?:[.,]\d+)?\s?k?\s?(?:dollars?|usd|bucks|pesos?|php|euros?|eur|pounds?|gbp|aud|cad|sgd|quid)\b)/,
    0.9,
  ],
  [
    "i_pay",
    /\bi (?:can |will |could |would |am going to |want to |ll )?(?:pay|reward)\b(?! (?:my|the|for my|bills|rent|attention|taxes|with my))/,
    0.9,
  ],
  [
    "send_money",
    /\b(?:send|give|pay)(?: you)? ?[$₱€£]|\b(?:pay|send|give|transfer|buy|gift|load|sent you|paid you|padala|ipadala|magpadala|padalhan)\b(?: you| u)?[^.?!]{0,25}\b(?:money|cash|dollars|pesos|eload|load|gifts?|presents?|iphone|new phone|a phone|gcash|paypal|allowance|reward|gift card|stuff|things|toys|food|shoes|gadgets|laptop|tablet|ipad|anything you want)\b/,
    0.9,
  ],
  [
    "earn_money",
    /\b(?:earn|make|get|want|need|like)(?: some| extra| easy| quick| a little| more)? (?:money|cash|pera)\b/,
    0.9,
  ],
  [
    "want_load",
    /\b(?:you|do you) (?:want|need|like) (?:some |a |more |free )?(?:load|eload|pasaload|gcash|pera|gifts?|presents?)\b/,
    0.8,
  ],
  [
    "for_money",
    /\b(?:for|some|extra|easy|quick|much) (?:money|cash)\b|\b(?:money|cash|load|a gift|gifts|presents?) for you\b/,
    0.85,
  ],
  [
    "how_much",
    /\bhow much\b(?=\s*(?:[?!.]|$|for\b|do you (?:want|charge|need|ask|get)|you (?:want|charge|need|ask)|would you|will you|should i|is it\b|to\b|money|cash|pesos|dollars|\$|per\b|an? (?:hour|minute|show)))/,
    0.75,
  ],
  [
    "price",
    /\b(?:your price|what price|the price|name your price|your rate|what rate|how much do you charge)\b/,
    0.85,
  ],
  [
    "service",
    /\b(?:western union|moneygram|money gram|paypal|gcash|g cash|paymaya|maya|palawan express|palawan|cebuana|m ?lhuillier|remittance|remit|bitcoin|btc|crypto|venmo|cash ?app|zelle|wire transfer|bank transfer|remitly|worldremit|world remit|xoom|wise transfer|lbc padala|gift cards?|amazon card|steam card|itunes card|eload)\b/,
    0.85,
  ],
  [
    "taglish",
    /\b(?:bayad|babayaran|bayaran kita|pera|magkano|(?:bigyan|bibigyan|bigay) (?:kita|ka)|padalhan kita|pasaload\w*|ipapasaload|load(?:an)? kita|papadalhan kita)\b/,
    0.85,
  ],
]);
export const PAYMENT_OFFER: PatternRule[] = PAYMENT_RULES.map((rule) =>
  rule.id.endsWith("/amount_currency") ? { ...rule, accept: amountIsOffer } : rule,
);

const SOLICIT_WEBCAM_RULES = rules("solicit.webcam", [
  [
    "have_cam",
    new RegExp(
      `\\b(?:do|did|does|can) (?:you|your phone|your laptop|your computer) (?:have|got|own|use|has) (?:a |an |any |your |some )?(?:web ?cam|cam|camera|video)\\b`,
    ),
    0.9,
  ],
  ["bare_cam", /^\W*(?:web ?cam|cam|video call|vc)\s*\?+\W*$/, 0.85],
  ["taglish_show", /\bpakita (?:mo )?(?:ang )?(?:sarili|ka|katawan|mukha)\b/, 0.8],
  [
    "show_me_bare",
    /\bshow (?:me|us)(?= (?:(?:please|now|baby|babe|ok|already|first) )*(?:i (?:will )?(?:give|pay|send)|for (?:me|money|\d|a (?:bit|while|minute))|and i (?:will )?(?:give|pay|send))\b)/,
    0.7,
  ],
  [
    "show_yourself",
    /\bshow (?:me |us )?(?:yourself|your face|you)\b(?! (?:later|around|the way))/,
    0.75,
  ],
  ["go_live", /\bgo live\b|\bcamm?ing\b|\bcan we (?:video|cam|facetime)\b/, 0.8],
  ["platform_video", new RegExp(`\\b(?:${PLATFORM}) (?:video|cam|vc|video call)\\s*\\?`), 0.8],
  [
    "have_cam_q",
    /\byou (?:have|got) (?:a |an |any )?(?:web ?cam|cam|camera)(?: (?:on|in) (?:your|the) \w+)?\s*\?/,
    0.9,
  ],
  [
    // "cam" as a verb: "wanna cam?", "lets cam", "down to video?"
    "cam_invite",
    /\b(?:want to|lets|let us|shall we|can we|down to|up for|ready to|care to) (?:cam|webcam|do cam|video)\b(?! (?:games?|shop|store|editing|clip))/,
    0.85,
  ],
  [
    "cam_when",
    /^\W*(?:web ?cam|cam|vc|video call|video)(?: (?:now|tonight|later|please|first|again|rn|right now|baby|babe|po|with me|today))+\s*\?*\W*$/,
    0.85,
  ],
  [
    "on_cam",
    new RegExp(
      `(?<!\\b(?:i am|i was|i will be|i m) )\\b(?:turn on|switch on|open|start|go on|get on|come on|hop on|jump on|be on|show on|appear on|on) (?:your |the |to |a )?${CAM}\\b`,
    ),
    0.9,
  ],
  ["cam_verb", /\b(?:turn|switch) (?:your |the )?(?:web ?cam|cam|camera|video) on\b/, 0.9],
  [
    // "change ur clothes in front of the cam", "dance infront of ur camera for me"
    "front_of_cam",
    /\b(?:in front of|infront of|infront|in front) (?:your |the |a )?(?:web ?cam|cam|camera|video)\b/,
    0.85,
  ],
  [
    "show_request",
    /\b(?:do|give|perform|put on|make|want|for|how much for|pay for|buy) (?:me |us |you )?(?:a |an |the |your |some |little |private |special |live |nice |quick |small |short |cam |webcam )*show\b(?! (?:me|us|you))/,
    0.85,
  ],
  ["show_kind", /\b(?:private|cam|webcam|live|special|little|pvt|personal) show\b/, 0.9],
  [
    "call",
    /(?<!\bmy )(?<!\bfor )\b(?:video call|video chat|videocall|vid call|facetime|cam to cam|camshow|cam session|video me|v call)\b(?! (?:is|was|for work))/,
    0.85,
  ],
  [
    "can_you_cam",
    /\b(?:can|will|would|could) you (?:cam|webcam|video call|video chat)\b|\bcam (?:for|with) me\b/,
    0.9,
  ],
  [
    "see_you",
    /\b(?:let me|can i|could i|i want to|want to|i would like to|i wanna|may i) (?:see|watch) you\b(?! (?:later|soon|tomorrow|again|there|in person|irl|at|in real))/,
    0.7,
  ],
  [
    // Asking whether the persona has a camera, as the English "do u have a cam" (dev corpus:
    // solicit.webcam): "may webcam ka?", "meron ka bang cam", "may camera phone mo?", "ikaw may
    // cam?". "ba" is a dropped particle. "may cam ako" (the counterpart's own) is not asked.
    "taglish_have_cam",
    /\b(?:may|meron|mayroon) (?:ka |kang |kayo |kayong |ka bang |kayo bang |bang )?(?:web ?cam|cam|camera)(?: (?:ka|kayo)\b|(?: (?:ang|yung|ung|sa))? (?:phone|cp|cellphone|laptop|tablet|computer|pc|ipad) mo\b|\s*\?)|\b(?:may|meron|mayroon) (?:ka|kang|kayo|kayong|ka bang|kayo bang) (?:web ?cam|cam|camera)\b|\bikaw (?:may|meron) (?:web ?cam|cam|camera)\b/,
    0.85,
  ],
  [
    "taglish",
    /\b(?:may cam ka|open (?:mo )?(?:cam|camera)|buksan (?:mo )?(?:ang )?(?:cam|camera)|(?:on|open|buksan|bukas) mo (?:ang )?(?:cam|camera|video)|(?:cam|vc|video call|video) (?:ka|tayo)\b(?! (?:ba sa|sa)? ?(?:work|trabaho)))\b/,
    0.9,
  ],
]);

/**
 * "i sat in front of the camera all day", "my dog ran in front of the cam": someone else (or the
 * counterpart himself) is the one in front of the camera, so nothing is asked of the persona.
 */
const SOMEONE_ELSE_IN_FRONT =
  /(?:^|[.,!?;] ?|\b(?:and|but|so|when|while|because|then|lol|haha) )(?:i|we|he|she|they|it|my \w+|our \w+|his \w+|her \w+|the \w+|a \w+) (?:\w+ ){0,2}$/;
export const SOLICIT_WEBCAM: PatternRule[] = SOLICIT_WEBCAM_RULES.map((rule) =>
  rule.id.endsWith("/front_of_cam")
    ? {
        ...rule,
        accept: (m: RegExpExecArray, normalized: string) =>
          !SOMEONE_ELSE_IN_FRONT.test(normalized.slice(0, m.index)),
      }
    : rule,
);

export const SOLICIT_SEXUAL = rules("solicit.sexual", SEXUAL_REQUEST_RULES);

export const MOVE_PLATFORM = rules("contact.move_platform", [
  [
    "add_me_on",
    new RegExp(
      `\\b(?:add|message|text|call|find|follow|contact|hit me up|hmu|dm|pm|reach|ping|buzz|chat with|talk to) (?:me |us )?(?:on|in|at|via|through|over) (?:${PLATFORM})\\b`,
    ),
    0.9,
  ],
  [
    "lets_move",
    new RegExp(
      `\\b(?:lets|let us|we can|we could|can we|shall we|could we|want to|we should|i want to|come|go|move|switch|continue|better|lipat tayo|lipat ka|tara|punta tayo) (?:talk |chat |go |move |switch |continue |video |call |text |message )?(?:on|in|to|via|over|through|sa) (?:${PLATFORM})\\b`,
    ),
    0.9,
  ],
  [
    "do_you_have",
    new RegExp(
      `\\b(?:do|did) you (?:have|got|use|own) (?:a |an )?(?:${PLATFORM})\\b|\\b(?:are you|r you) (?:on|in) (?:${PLATFORM})\\b(?! (?:now|right now|already))|\\byou (?:on|in) (?:${PLATFORM})\\s*\\?|\\byou (?:have|got) (?:${PLATFORM})\\s*\\?`,
    ),
    0.9,
  ],
  [
    "whats_your",
    new RegExp(`\\b(?:what is|whats|give me|send me|tell me) your (?:${PLATFORM})\\b`),
    0.9,
  ],
  [
    "install",
    new RegExp(
      `\\b(?:download|install|get|make|open|create) (?:a |an )?(?:${PLATFORM})(?: account| app)?\\b(?! (?:is|was))`,
    ),
    0.8,
  ],
  [
    "got_platform",
    new RegExp(
      `^\\W*(?:(?:got|have|you got|you have|any) )?(?:${PLATFORM})\\s*\\?+\\W*$|^\\W*(?:got|have|you got|you have|any) (?:${PLATFORM})\\s*\\?`,
    ),
    0.85,
  ],
  [
    "taglish_add",
    new RegExp(
      `\\badd (?:mo )?(?:ako|me|kita|ko) (?:sa|on|in) (?:${PLATFORM})\\b|\\bmay (?:${PLATFORM}) ka\\b|\\b(?:chat|usap|video|vc|call|text|message) (?:tayo|mo ako|mo ko) (?:sa|on|in) (?:${PLATFORM})\\b`,
    ),
    0.9,
  ],
  [
    // Invites into a group or server: "join my discord", "come to my telegram group".
    "join_my",
    new RegExp(
      `\\b(?:join|come to|come join|come on|hop on|hop in|get on|jump on|add me on|add me in) (?:me |us )?(?:on |in )?(?:my |our |the )(?:${PLATFORM})(?: (?:group|server|channel|chat|gc|room))?\\b|\\bjoin (?:${PLATFORM})\\b(?! (?:is|was))|\\b(?:join|come to|come join) (?:my|our) (?:group|server|channel|gc|chat|room) (?:on|in) (?:${PLATFORM})\\b`,
    ),
    0.85,
  ],
  [
    // "wa" for WhatsApp, only in an explicit move ("lets chat on wa", "text me on wa").
    "on_wa",
    /\b(?:lets|let us|we can|can we|shall we|chat|talk|text|message|add me|call me|hmu|pm me|dm me|contact me|reach me|move|switch) (?:(?:chat|talk|me|us) )?(?:on|in|via|thru|through|over) wa\b/,
    0.85,
  ],
  [
    // Asking for his WhatsApp as "wa": "whats ur wa?", "send me ur wa", "u have wa?", "may wa ka?".
    // Never bare "wa" ("seattle, wa"; Cebuano "wa" is "no").
    "ask_wa",
    /\b(?:what is|whats|give me|send me|tell me|drop|share|pm me|dm me|i need|can i have|can i get) your wa\b(?! state)|\b(?:do you|you|can i) (?:have|got|use|get) (?:a |your )?wa\s*\?|^\W*(?:got|have|any|your) wa\s*\?|\bmay wa ka\b/,
    0.85,
  ],
  [
    "platform_me",
    new RegExp(`\\b(?:skype|kik|whatsapp|viber|telegram|snap|snapchat|facetime|wechat|imo) me\\b`),
    0.85,
  ],
]);

/** A short reply that accepts what the persona just said, e.g. "thats ok" right after "im 10". */
const ACCEPT =
  "(?:ok|so|and|fine|thats ok|its ok|that is ok|thats fine|its fine|no problem|np|no worries|doesnt matter|that doesnt matter|it doesnt matter|i dont mind|dont mind|dont care|i dont care|so what|whatever|nice|cool|perfect|good|great|sure|thats cool|its cool|even better|all good|its all good|thats alright|its alright|alright|no biggie|no big deal|thats nice|really|oh really|for real|i see|wow|doesnt bother me|that doesnt bother me|im ok with (?:that|it)|i like that|thats even better|age doesnt matter|(?:\\d{1,2}|ten|nine|eleven|twelve) is (?:fine|ok|okay|cool|perfect|good|nice|alright)|ok lang|okay lang|oks lang|ok lang yan|okay lang yan|ayos lang|ayos lang yan|sige|sige lang|di bale|walang problema|keri lang|keri|oks|ayos|no prob|thats cool with me|works for me|fair enough|even better)";
export const ACCEPTING_REPLY = new RegExp(
  `^\\W*(?:(?:oh|lol|haha+|hehe+|hmm+|wow|well|ah+|oh well|aw+|ok|okay|hm+)\\W+)*${ACCEPT}(?:\\W+(?:${ACCEPT}|lol|haha+|hehe+|with me|by me|for me|then|dear|hun|babe|sweetie|po|yan|naman|sakin|sa akin|ha|hah))*\\W*$`,
);

/**
 * Accepting phrases that say something on their own, so they still count when the message goes
 * on ("i dont mind. can u open ur webcam"); weak ones like "ok" or "cool" count only alone.
 */
const STRONG_ACCEPT =
  "(?:thats ok|its ok|that is ok|thats fine|its fine|thats okay|its okay|no problem|no worries|doesnt matter|that doesnt matter|it doesnt matter|does not matter|i dont mind|dont mind|i do not mind|i dont care|dont care|age doesnt matter|age is just a number|doesnt bother me|that doesnt bother me|im ok with (?:that|it)|thats even better|even better|thats cool with me|ok lang|okay lang|oks lang|ok lang yan|ayos lang|di bale|walang problema|keri lang)";
export const ACCEPTING_LEAD = new RegExp(
  `^\\W*(?:(?:oh|lol|haha+|hehe+|hmm+|well|ah+|ok|okay|hm+)\\W+)*${STRONG_ACCEPT}(?:\\W+(?:with me|by me|for me|to me|then|dear|hun|babe|po|lol|haha+|naman))*(?=\\s*[.,!;~]|\\s+(?:can|could|will|would|wanna|want|lets|so|but|do|are|r|you|u|just|send|show|open|turn|may|meron|pwede|buksan|pakita)\\b)`,
);

export const COUNTERPART_RULES: readonly PatternRule[] = [
  ...AGE_QUERY,
  ...AGE_ACKNOWLEDGED,
  ...ISOLATION,
  ...SECRECY,
  ...MEET_OFFLINE,
  ...PAYMENT_OFFER,
  ...SOLICIT_WEBCAM,
  ...SOLICIT_SEXUAL,
  ...MOVE_PLATFORM,
];
