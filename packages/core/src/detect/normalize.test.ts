import { describe, expect, it } from "vitest";
import { normalize, originalSpan } from "./normalize";
import { isAffirmative } from "./affirmative";

describe("normalize", () => {
  it("lower-cases, expands chat spelling and cuts repeated letters", () => {
    expect(normalize("HEYYY u r SOOO cute pls").text).toBe("heyy you are soo cute please");
    expect(normalize("im 10, dont tell ur mom").text).toBe("i am 10, dont tell your mom");
  });

  it("reads leetspeak inside words but keeps numbers", () => {
    expect(normalize("c4m 10 h3llo 1970").text).toBe("cam 10 hello 1970");
  });

  it("drops Taglish particles and folds whitespace", () => {
    expect(normalize("10   po\n\tako").text).toBe("10 ako");
  });

  it("reads 'ya' as 'yes' where it opens a clause that is not a question, else as 'you'", () => {
    const pairs: ReadonlyArray<readonly [string, string]> = [
      ["ya sure", "yeah sure"],
      ["ya", "yeah"],
      ["oh ya sure", "oh yeah sure"],
      ["yah i can", "yeah i can"],
      ["ok. ya, why not", "ok. yeah, why not"],
      ["how old are ya", "how old are you"],
      ["see ya later", "see you later"],
      ["ya know", "you know"],
      ["ya sure?", "you sure?"],
      ["ya got a cam?", "you got a cam?"],
    ];
    for (const [text, expected] of pairs) expect(normalize(text).text, text).toBe(expected);
  });

  it("keeps 'lang' after 'ok' ('ok lang' is 'it's fine') and drops it elsewhere", () => {
    expect(normalize("ok lang po").text).toBe("ok lang");
    expect(normalize("okay lng").text).toBe("ok lang");
    expect(normalize("ten lang po ako").text).toBe("ten ako");
    const text = "OK lng";
    const n = normalize(text);
    const span = originalSpan(n, 3, 7);
    expect(text.slice(span.start, span.end)).toBe("lng");
  });

  it("maps every normalized span back to the original text", () => {
    const text = "Hi, can U go on CAM?";
    const n = normalize(text);
    const at = n.text.indexOf("you");
    const span = originalSpan(n, at, at + 3);
    expect(text.slice(span.start, span.end)).toBe("U");
    const cam = n.text.indexOf("cam");
    const camSpan = originalSpan(n, cam, cam + 3);
    expect(text.slice(camSpan.start, camSpan.end)).toBe("CAM");
  });
});

describe("isAffirmative", () => {
  it("accepts chat and Taglish yeses", () => {
    for (const yes of [
      "yes",
      "yesss",
      "Yeah!",
      "ok sure",
      "oo",
      "sige po",
      "yes please",
      "i want",
      "go for it",
      "i'd love that",
      "mhm",
      "g ako",
      "game ako",
      "tara",
      "oo naman",
      "yess!!",
      "hell yes",
      "ya sure",
      "ya",
      "oh ya sure",
      "yah ok",
      "ok lang",
    ])
      expect(isAffirmative(yes)).toBe(true);
  });

  it("rejects refusals and other replies", () => {
    for (const no of [
      "no",
      "not now",
      "yes but no",
      "why?",
      "hmm maybe later",
      "no thanks",
      "hindi",
      "ayoko",
      "how much?",
      "no way",
      "k bye",
      "ya sure?",
      "see ya",
    ])
      expect(isAffirmative(no)).toBe(false);
  });
});
