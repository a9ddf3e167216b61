/** `meet.offline`: the counterpart proposes meeting in person. */
import { rules } from "../ruleTypes";

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
    /\b(?:lets|let us|we should|we can|we could|want to|i want to|i would like to|id like to|would you like to|do you want to|i will|i can|i could) (?:meet(?= (?:you|up|me|and|in person|irl|somewhere|sometime|soon|today|tomorrow|tonight|later|next|this|there|at|when|please|in real)\b|\s*[?!.]|\s*$)|visit you|see you in person|come (?:to )?see you|come over|pick you up|take you out)\b/,
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
  [
    // "when can u come see me", "i will come get you", "u come get me?": coming to her, or her to him.
    "come_see",
    /\b(?:come|coming|comin) (?:to |and |n )?(?:see|get|pick up|visit|meet|pick) (?:you|me|ya)\b(?! (?:on|in) (?:cam|webcam|video|chat|here|skype|my profile))|\b(?:want|wants|wanting|like|need) me to come (?:over|up|down|there|by|to your|see you|get you)\b|\bwhen (?:can|will|could) (?:you|i) come (?:over|see|visit|to)\b/,
    0.85,
  ],
  [
    // "i want you here", "wish i was next to you", "would you go on a date", "ill be on my way".
    "be_together",
    /\b(?:i want you (?:here|with me|over)|i want to be with you|(?:wish|if) (?:i was|i were|you were|you was) (?:(?:next to|with|here with|there with|beside|in bed with) (?:you|me)|here|there)\b|(?:go|going|come|goes) on a date|(?:i will|i am|i ll) be on my way|when you get here|when i get there|(?:chances|chance) (?:that |of )?(?:we|us) (?:hang|hanging) out)\b/,
    0.75,
  ],
  [
    // "so you gonna come?", "ill come today", "what time will you be here", "can we go to the mall".
    "coming_over",
    /\b(?:you|u) (?:gonna|going to|wanna|want to|still|can|could) come\b(?! (?:on|online|back|here on|to the chat|in here|to this))(?= (?:over|here|today|tonight|tomorrow|now|like now|by|to my|see|get|visit)\b|\s*(?:\?|$))|\bi (?:will|can|could|would) come (?:today|tomorrow|tonight|over|by|there|to you|to your|see you|get you|help)\b|\b(?:you will|you ll|will you|you would) be here\b|\bwish i could come\b|\b(?:can|could|should|shall|will) we (?:still )?go (?:to |2 )?(?:the )?(?:mall|movies?|park|beach|pool|fair|restaurant|dinner|lunch|chilis|mcdonalds|my place|your place|motel|hotel)\b|\b(?:at|in|to) (?:the|a|my) (?:motel|hotel)\b|\b(?:thinking about|think about|dream about) seeing (?:you|ya)\b|\bwish i (?:was|were|could be) there\b/,
    0.75,
  ],
  ["pick_up", /\b(?:pick|picking) (?:you|ya) up\b|\bpick you up\b/, 0.85],
  [
    // A time and place: "see you at 8", "see ya at the park", "see you in person".
    "see_you_at",
    /\b(?:see|meet) (?:you|ya) (?:at (?:\d|the (?:park|mall|station|school|store|library|beach)|noon|midnight)|in person|irl|in real life|face to face)\b/,
    0.8,
  ],
  [
    "cant_wait_see",
    /\b(?:cant wait|cannot wait|can not wait|looking forward|lookin forward|waiting) (?:to|till i|until i) (?:(?:see|meet|hold|hug|kiss|cuddle) (?:you|ya)\b|be with (?:you\b|ya\b|finally\b|$))(?! (?:on|in) (?:cam|webcam|video|chat|here|online|tomorrow on))/,
    0.75,
  ],
  ["taglish", /\b(?:kita tayo|magkita tayo|magkita tayo|eb tayo|meet tayo)\b/, 0.9],
]);
