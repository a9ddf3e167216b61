/** `secrecy`: the counterpart asks the child to keep the contact secret or to delete it. */
import { rules } from "../ruleTypes";

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
  [
    "secret",
    /\b(?:our|a little|little|lil|this is a|its a|keep a|keep our|be our) (?:own )?secret\b/,
    0.9,
  ],
  [
    // "only you and me", "just the two of us know": the contact is to stay theirs.
    "only_us",
    /\b(?:only|just) (?:you and me|me and you|you and i|the two of us|us two)\b(?! (?:and|with) (?:my|your|the|our) )/,
    0.8,
  ],
  [
    // He promises not to tell: "i wouldnt tell them", "i will never tell anyone".
    "i_wont_tell",
    /\bi (?:wouldnt|would not|wont|will not|will never|would never|never|promise not to|dont) (?:ever )?tell (?:them|anyone|anybody|your|no one|nobody)\b/,
    0.8,
  ],
  [
    "keep_it",
    /\bkeep (?:it|this|that|us|everything|our chat|this chat|our talk)(?: a)? (?:secret|private|between us|quiet|to yourself|hidden|just between)\b/,
    0.9,
  ],
  ["between_us", /\b(?:just |only )?between (?:us|you and me|me and you|the two of us)\b/, 0.85],
  [
    "delete",
    /\b(?:delete|erase|clear|remove|wipe) (?:this|the|our|your|my|all|all the|all our|these|those)? ?(?:chats?|messages?|msgs?|convos?|conversations?|history|logs?|pics?|photos?|texts?|sms|comments?|everything)\b|\b(?:you can|you should|you better|you need to|make sure you|please|want me to) (?:delete|erase) (?:it|that|them|this)\b/,
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
