/**
 * Messaging apps and social networks a counterpart may try to move the conversation to, with
 * the spellings people type. Keys are normalized spellings, values the canonical platform name.
 */
export const PLATFORM_NAMES: ReadonlyMap<string, string> = new Map([
  ["skype", "skype"],
  ["skpe", "skype"],
  ["kik", "kik"],
  ["kikk", "kik"],
  ["whatsapp", "whatsapp"],
  ["whats app", "whatsapp"],
  ["watsapp", "whatsapp"],
  ["wassap", "whatsapp"],
  ["whatapp", "whatsapp"],
  ["viber", "viber"],
  ["telegram", "telegram"],
  ["tele", "telegram"],
  ["tg", "telegram"],
  ["snapchat", "snapchat"],
  ["snap", "snapchat"],
  ["sc", "snapchat"],
  ["instagram", "instagram"],
  ["insta", "instagram"],
  ["ig", "instagram"],
  ["facebook", "facebook"],
  ["fb", "facebook"],
  ["messenger", "messenger"],
  ["fb messenger", "messenger"],
  ["wechat", "wechat"],
  ["discord", "discord"],
  ["tiktok", "tiktok"],
  ["zoom", "zoom"],
  ["google meet", "google meet"],
  ["hangouts", "hangouts"],
  ["duo", "duo"],
  ["facetime", "facetime"],
  ["imo", "imo"],
  ["line app", "line"],
  ["omegle", "omegle"],
  ["yahoo messenger", "yahoo"],
  ["ym", "yahoo"],
  ["twitter", "twitter"],
  ["tango", "tango"],
  ["wickr", "wickr"],
  ["threema", "threema"],
  ["signal app", "signal"],
  ["icq", "icq"],
  ["teams", "teams"],
  ["msn", "msn"],
  ["msn messenger", "msn"],
  ["aim", "aim"],
  ["aol", "aim"],
  ["myspace", "myspace"],
  ["yahoo", "yahoo"],
  ["yim", "yahoo"],
  ["hi5", "hi5"],
  ["friendster", "friendster"],
]);

/** Regex alternation of the normalized spellings, longest first so "whats app" wins over "whats". */
export const PLATFORM_ALTERNATION = [...PLATFORM_NAMES.keys()]
  .sort((a, b) => b.length - a.length)
  .map((k) => k.replace(/ /g, "\\s"))
  .join("|");

/** Look up the canonical platform for a spelling as typed (any case, single spaces). */
export function canonicalPlatform(typed: string): string | undefined {
  return PLATFORM_NAMES.get(typed.toLowerCase().replace(/\s+/g, " "));
}
