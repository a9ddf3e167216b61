/** `payment.offer`: the counterpart offers or discusses money, load or gifts. */
import { compile, type PatternRule, type RecognizerPattern } from "../ruleTypes";

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

const PAYMENT_PATTERNS: readonly RecognizerPattern[] = [
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
];

export const PAYMENT_OFFER: PatternRule[] = compile({
  type: "payment.offer",
  patterns: PAYMENT_PATTERNS,
  reject: { amount_currency: (m, normalized) => !amountIsOffer(m, normalized) },
});
