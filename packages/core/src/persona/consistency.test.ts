import { beforeAll, describe, expect, it } from "vitest";
import { loadPlaceIndex, type PlaceIndex } from "../detect/places/gazetteer";
import { checkPersonaConsistency, type PersonaFacts } from "./consistency";

const persona: PersonaFacts = { age: 10, location: "Cebu, Philippines" };
let places: PlaceIndex;

beforeAll(async () => {
  places = await loadPlaceIndex();
});

const kinds = (text: string, facts = persona) =>
  checkPersonaConsistency(text, facts, places).map((w) => `${w.kind}:${w.stated}`);

describe("the persona consistency guard", () => {
  it("holds a message that states another age, in digits, words or Taglish", () => {
    expect(kinds("im 12 years old")).toEqual(["age:12"]);
    expect(kinds("i am twelve")).toEqual(["age:12"]);
    expect(kinds("13 na ako")).toEqual(["age:13"]);
    expect(kinds("11/f here")).toEqual(["age:11"]);
  });

  it("lets the declared age, a school grade and other people's ages through", () => {
    expect(kinds("im 10")).toEqual([]);
    expect(kinds("ten po ako")).toEqual([]);
    expect(kinds("grade 5 ako")).toEqual([]);
    expect(kinds("my sister is 14")).toEqual([]);
    expect(kinds("wait 5 minutes")).toEqual([]);
    expect(kinds("hi, how are you?")).toEqual([]);
  });

  it("holds a message that puts the persona somewhere else", () => {
    expect(kinds("i live in manila")).toEqual(["location:manila"]);
    expect(kinds("taga davao ako")).toEqual(["location:davao"]);
    expect(kinds("im from london")).toEqual(["location:london"]);
  });

  it("lets the declared place, its country and places it cannot compare through", () => {
    expect(kinds("i live in cebu")).toEqual([]);
    expect(kinds("im from the philippines")).toEqual([]);
    expect(kinds("i live in manila", { age: 10, location: "unspecified" })).toEqual([]);
    expect(checkPersonaConsistency("i live in manila", persona, undefined)).toEqual([]);
  });

  it("says in words what the contradiction is, with its place in the text", () => {
    const [warning] = checkPersonaConsistency("ok. im 12 and from manila", persona, places);
    expect(warning).toMatchObject({
      kind: "age",
      message: "The persona is 10, but this message says 12.",
    });
    const text = "ok. im 12 and from manila";
    const all = checkPersonaConsistency(text, persona, places);
    expect(all.map((w) => text.slice(w.start, w.end))).toEqual(["im 12", "manila"]);
    expect(all[1]!.message).toBe(
      "The persona lives in Cebu, Philippines, but this message says manila.",
    );
  });
});
