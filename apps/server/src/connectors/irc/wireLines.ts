// Byte-level reading of IRC lines (RFC 1459 / 2812 framing), for what the library would decode
// lossily: the exact bytes of a message's text, and case-insensitive nick comparison.

const SPACE = 0x20;
const COLON = 0x3a;
const CR = 0x0d;
const LF = 0x0a;

/** The line without its CR LF (or lone LF). */
export function withoutLineEnd(line: Uint8Array): Uint8Array {
  let end = line.length;
  if (end > 0 && line[end - 1] === LF) end -= 1;
  if (end > 0 && line[end - 1] === CR) end -= 1;
  return line.subarray(0, end);
}

/**
 * The bytes of the last parameter of a raw IRC line (a PRIVMSG's text), exactly as received:
 * past the tags, the prefix, the command and the middle parameters. Empty when there is none.
 */
export function lastParamBytes(raw: Uint8Array): Uint8Array {
  const line = withoutLineEnd(raw);
  let i = 0;
  const skipWord = () => {
    while (i < line.length && line[i] !== SPACE) i += 1;
  };
  const skipSpaces = () => {
    while (i < line.length && line[i] === SPACE) i += 1;
  };
  if (line[i] === 0x40 /* @ tags */) {
    skipWord();
    skipSpaces();
  }
  if (line[i] === COLON /* prefix */) {
    skipWord();
    skipSpaces();
  }
  skipWord(); // command
  let last = line.subarray(line.length);
  for (;;) {
    skipSpaces();
    if (i >= line.length) return last;
    if (line[i] === COLON) return line.subarray(i + 1);
    const start = i;
    skipWord();
    last = line.subarray(start, i);
  }
}

/** RFC 1459 case mapping: nicks that differ only so are the same person. */
export function ircLower(nick: string): string {
  return nick
    .toLowerCase()
    .replaceAll("[", "{")
    .replaceAll("]", "}")
    .replaceAll("\\", "|")
    .replaceAll("~", "^");
}

const NICK_FIRST = /[A-Za-z[\]\\`_^{|}]/;
const NICK_REST = /[A-Za-z0-9[\]\\`_^{|}-]/;

/**
 * The persona's display names as IRC nicks, in order: characters IRC refuses dropped, cut to
 * `maxLength`, then a bounded numeric suffix of the first (the fallback when all are taken).
 */
export function nickCandidates(displayNames: readonly string[], maxLength = 30, suffixes = 9) {
  const nicks: string[] = [];
  for (const name of displayNames) {
    const chars = [...name].filter((c, index) =>
      index === 0 ? NICK_FIRST.test(c) : NICK_REST.test(c),
    );
    while (chars.length > 0 && !NICK_FIRST.test(chars[0]!)) chars.shift();
    const nick = chars.join("").slice(0, maxLength);
    if (nick && !nicks.some((existing) => ircLower(existing) === ircLower(nick))) nicks.push(nick);
  }
  const base = nicks[0] ?? "guest";
  if (nicks.length === 0) nicks.push(base);
  for (let n = 1; n <= suffixes; n += 1) nicks.push(`${base.slice(0, maxLength - 1)}${n}`);
  return nicks;
}
