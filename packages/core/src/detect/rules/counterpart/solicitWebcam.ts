/** `solicit.webcam`: the counterpart asks the persona onto camera or a video call. */
import { compile, type PatternRule, type RecognizerPattern } from "../ruleTypes";
import { CAM, PLATFORM } from "./vocabulary";

const SOLICIT_WEBCAM_PATTERNS: readonly RecognizerPattern[] = [
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
];

/**
 * "i sat in front of the camera all day", "my dog ran in front of the cam": someone else (or the
 * counterpart himself) is the one in front of the camera, so nothing is asked of the persona.
 */
const SOMEONE_ELSE_IN_FRONT =
  /(?:^|[.,!?;] ?|\b(?:and|but|so|when|while|because|then|lol|haha) )(?:i|we|he|she|they|it|my \w+|our \w+|his \w+|her \w+|the \w+|a \w+) (?:\w+ ){0,2}$/;
export const SOLICIT_WEBCAM: PatternRule[] = compile({
  type: "solicit.webcam",
  patterns: SOLICIT_WEBCAM_PATTERNS,
  reject: {
    front_of_cam: (m, normalized) => SOMEONE_ELSE_IN_FRONT.test(normalized.slice(0, m.index)),
  },
});
