/** The counterpart accepting what the persona just said (her age): feeds `age.acknowledged`. */

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
