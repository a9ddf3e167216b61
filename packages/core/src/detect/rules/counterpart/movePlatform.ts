/** `contact.move_platform`: the counterpart asks to move to another app, to phone or SMS. */
import { compile, type PatternRule, type RecognizerPattern } from "../ruleTypes";
import { PLATFORM } from "./vocabulary";

const MOVE_PATTERNS: readonly RecognizerPattern[] = [
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
    // To phone or SMS: "text me", "whats ur number", "u got a cell", "can i call you".
    "phone",
    /\b(?:text|txt|sms|msg|ring|phone) me\b|\bcall me\b(?= (?:on|at|tonight|tomorrow|later|now|please|sometime|back|asap|today|when|if|after|before|on my)\b|\s*(?:[.!?,]|$))|\b(?:what is|whats|give me|send me|tell me|can i have|can i get|may i have|i need|drop) your (?:phone |cell |cellphone |mobile |cp |house |home )?(?:number|num|digits|cell|phone number|#)\b|\b(?:do you have|you have|you got|have you got|got) (?:a |your own )?(?:cell|cellphone|cell phone|mobile|phone|cp)\b(?! (?:charger|case|game))|\b(?:can|could|may|should) i (?:call|text|txt|ring) you\b|\bnumber (?:so i can|and i will|n i will|i will) (?:call|text)\b/,
    0.85,
  ],
  [
    // The app named inside a sentence: "im on kik if you want", "skype is easier".
    "i_am_on",
    new RegExp(
      `\\b(?:i am|i m) (?:on|in) (?:${PLATFORM})\\b(?= (?:if|too|also|as|so|add)\\b|\\s*[.!,]|\\s*$)|\\b(?:${PLATFORM}) (?:is|would be|will be) (?:better|easier|safer|more private|faster)\\b`,
    ),
    0.8,
  ],
  [
    "platform_me",
    new RegExp(
      `\\b(?:skype|kik|whatsapp|viber|telegram|snap|snapchat|facetime|wechat|imo|msn|aim|ym|yahoo) me\\b`,
    ),
    0.85,
  ],
];

export const MOVE_PLATFORM: PatternRule[] = compile({
  type: "contact.move_platform",
  patterns: MOVE_PATTERNS,
  reject: {
    // "text me on 0917 555 0199" gives his number: that is the disclosure `id.phone`, not a move.
    // "can i call you on facetime" asks for a video call: that is `solicit.webcam`.
    phone: (m, normalized) => {
      const after = normalized.slice(m.index + m[0].length);
      return (
        /\d[\d\s().-]{6,}/.test(after) ||
        /^ (?:on|via|over|with) (?:facetime|video|cam|webcam)\b/.test(after)
      );
    },
  },
});
