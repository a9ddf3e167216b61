import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { splitText } from "./ircConnector";
import { ircLower, lastParamBytes, nickCandidates, withoutLineEnd } from "./wireLines";
import { channelOfVenue, ircVenueAddress } from "./ircVenue";

const bytes = (text: string) => new Uint8Array(Buffer.from(text, "latin1"));

describe("IRC wire lines", () => {
  it("finds a message's text bytes past tags, prefix and middle parameters", () => {
    expect(Buffer.from(lastParamBytes(bytes(":a!b@c PRIVMSG ana :hi there\r\n"))).toString()).toBe(
      "hi there",
    );
    expect(
      Buffer.from(lastParamBytes(bytes("@time=x :a!b@c PRIVMSG ana ::colon first\r\n"))).toString(),
    ).toBe(":colon first");
    expect(Buffer.from(lastParamBytes(bytes(":srv 001 ana\n"))).toString()).toBe("ana");
    expect(lastParamBytes(bytes("PING\r\n"))).toHaveLength(0);
  });

  it("returns the trailing bytes unchanged, whatever they are", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (payload) => {
        const clean = payload.filter((b) => b !== 0x0a && b !== 0x0d);
        const line = Buffer.concat([
          Buffer.from(":x!y@z PRIVMSG ana :"),
          clean,
          Buffer.from("\r\n"),
        ]);
        expect(Buffer.from(lastParamBytes(new Uint8Array(line))).equals(Buffer.from(clean))).toBe(
          true,
        );
      }),
    );
  });

  it("strips CR LF or a lone LF, nothing else", () => {
    expect(Buffer.from(withoutLineEnd(bytes("a\r\n"))).toString()).toBe("a");
    expect(Buffer.from(withoutLineEnd(bytes("a\n"))).toString()).toBe("a");
    expect(Buffer.from(withoutLineEnd(bytes("a\r"))).toString()).toBe("a");
  });

  it("compares nicks with IRC's case mapping", () => {
    expect(ircLower("Ana[1]\\~")).toBe("ana{1}|^");
  });

  it("makes nicks from the display names, then a bounded suffix", () => {
    expect(nickCandidates(["Ana B", "<b>x</b>", "1lena"], 30, 3)).toEqual([
      "AnaB",
      "bxb",
      "lena",
      "AnaB1",
      "AnaB2",
      "AnaB3",
    ]);
    expect(nickCandidates(["☺"], 30, 1)).toEqual(["guest", "guest1"]);
  });

  it("reads the channel of a venue address and writes it back", () => {
    expect(channelOfVenue("irc://irc.example.org/#lobby")).toBe("#lobby");
    expect(channelOfVenue("irc://127.0.0.1:6668/%23games")).toBe("#games");
    expect(channelOfVenue("irc://host/lobby")).toBeNull();
    expect(channelOfVenue("irc://host/#a b")).toBeNull();
    expect(ircVenueAddress("Irc.Example.org", 6667, false, "#Lobby")).toBe(
      "irc://irc.example.org/#lobby",
    );
    expect(ircVenueAddress("127.0.0.1", 7000, true, "#x")).toBe("irc://127.0.0.1:7000/#x");
  });

  it("cuts persona text into lines under the limit without splitting a character", () => {
    const long = "é".repeat(400);
    const parts = splitText(`${long}\nsecond`);
    expect(parts.join("")).toBe(`${long}second`);
    for (const part of parts) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(350);
    expect(parts.at(-1)).toBe("second");
  });
});
