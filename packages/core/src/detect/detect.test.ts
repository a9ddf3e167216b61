/**
 * Per-indicator cases: positives in chat spelling and word orders that the development corpus
 * does not use, and hard negatives (the same words in harmless sentences). Short and
 * non-graphic: behaviours are named, never described (S1).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { detect } from "./detect";
import { loadPlaceIndex } from "./places/gazetteer";
import { cases, type Cases } from "./detect.cases";
import type { DetectContext, IndicatorType } from "./types";

beforeAll(async () => {
  await loadPlaceIndex();
});

const incoming: DetectContext = { dir: "in" };
const outgoing: DetectContext = { dir: "out" };

function types(text: string, ctx: DetectContext = incoming): IndicatorType[] {
  return detect(text, ctx).map((i) => i.type);
}

describe("detect: per indicator", () => {
  for (const [type, c] of Object.entries(cases) as Array<[IndicatorType, Cases]>) {
    describe(type, () => {
      for (const text of c.positives)
        it(`finds it in ${JSON.stringify(text)}`, () => expect(types(text, c.ctx)).toContain(type));
      for (const text of c.negatives)
        it(`not in ${JSON.stringify(text)}`, () => expect(types(text, c.ctx)).not.toContain(type));
    });
  }
});

describe("detect: context", () => {
  it("a bare number answering an age question is an age statement", () => {
    const ctx: DetectContext = { dir: "out", previous: { dir: "in", types: ["age.query"] } };
    expect(types("10", ctx)).toContain("persona.age_statement");
    expect(types("ten po", ctx)).toContain("persona.age_statement");
    expect(types("10, why?", ctx)).toContain("persona.age_statement");
    expect(types("10", outgoing)).not.toContain("persona.age_statement");
  });

  it("a pending age question still counts after another persona line", () => {
    expect(
      types("9", { dir: "out", previous: { dir: "out", types: [] }, ageQuestionPending: true }),
    ).toContain("persona.age_statement");
  });

  it("a short acceptance right after the persona's age is an acknowledgement", () => {
    const ctx: DetectContext = {
      dir: "in",
      previous: { dir: "out", types: ["persona.age_statement"] },
    };
    expect(types("thats fine lol", ctx)).toContain("age.acknowledged");
    // Taglish and chat shrugs: "it's fine", "no problem".
    for (const reply of [
      "ok lang yan",
      "ayos lang",
      "sige lang",
      "oks lang po",
      "di bale",
      "walang problema sakin",
      "10 is fine",
      "no prob",
      "fair enough",
      "keri lang",
    ])
      expect(types(reply, ctx), reply).toContain("age.acknowledged");
    for (const reply of ["ok lang ba mag chat?", "sige bye", "i am tired"])
      expect(types(reply, ctx), reply).not.toContain("age.acknowledged");
    expect(types("its ok", ctx)).toContain("age.acknowledged");
    for (const reply of [
      "oh ok",
      "ok cool",
      "no problem dear",
      "and?",
      "oh 10, nice",
      "10? ok",
      "really? cool",
    ]) {
      expect(types(reply, ctx), reply).toContain("age.acknowledged");
    }
    for (const reply of [
      "nice. do u want to earn some money?",
      "so what do you like",
      "ok dont tell her",
    ]) {
      expect(types(reply, ctx), reply).not.toContain("age.acknowledged");
    }
    expect(types("ok bye", ctx)).not.toContain("age.acknowledged");
    expect(types("its ok", incoming)).not.toContain("age.acknowledged");
  });

  it("an acceptance of the persona's age that opens a longer message still counts", () => {
    const ctx: DetectContext = {
      dir: "in",
      previous: { dir: "out", types: ["persona.age_statement"] },
    };
    const combined = detect("i dont mind. can u open ur webcam", ctx);
    expect(combined.map((i) => i.type)).toEqual(
      expect.arrayContaining(["age.acknowledged", "solicit.webcam"]),
    );
    const ack = combined.find((i) => i.type === "age.acknowledged");
    expect(ack && "i dont mind. can u open ur webcam".slice(ack.start, ack.end)).toBe(
      "i dont mind",
    );
    for (const reply of [
      "dont mind, wanna cam?",
      "thats fine lol. do u have a cam",
      "doesnt matter to me. where r u from",
      "oh thats ok, so what do u like to do",
      "i dont mind can u open ur cam",
      "no worries! u have skype?",
      "ok lang po, may cam ka?",
      "okay lang, may webcam ka ba?",
      "ok lng po may cam ka?",
    ])
      expect(types(reply, ctx), reply).toContain("age.acknowledged");
    for (const reply of [
      "ok. so what do u like to do",
      "cool, what games do u play",
      "i dont mind the rain. its nice here",
      "so what, can u cam",
      "ok may cam ka?",
    ])
      expect(types(reply, ctx), reply).not.toContain("age.acknowledged");
    expect(types("i dont mind. can u open ur webcam", incoming)).not.toContain("age.acknowledged");
  });

  it("persona lines never carry counterpart indicators and vice versa", () => {
    expect(types("im 10 from manila, call me at 09171234567", outgoing)).toEqual([
      "persona.age_statement",
    ]);
    expect(types("sorry my internet is slow, bye")).not.toContain("persona.break_off");
  });
});

describe("detect: spans and values", () => {
  it("maps spans back to the original text through chat spelling", () => {
    const text = "HEYYY can U turn on ur CAM plz";
    const found = detect(text, incoming).find((i) => i.type === "solicit.webcam");
    expect(found).toBeDefined();
    expect(text.slice(found!.start, found!.end).toLowerCase()).toContain("cam");
  });

  it("reports the rule that fired and a confidence", () => {
    for (const i of detect("asl? do u have cam", incoming)) {
      expect(i.rule.startsWith(i.type)).toBe(true);
      expect(i.confidence).toBeGreaterThan(0);
      expect(i.confidence).toBeLessThanOrEqual(1);
    }
  });

  it("extracts identifier values", () => {
    const value = (
      text: string,
      type: IndicatorType,
      ctx: DetectContext = incoming,
    ): string | undefined => detect(text, ctx).find((i) => i.type === type)?.value;
    expect(value("email me: Joe.B@Mail.com", "id.email")).toBe("joe.b@mail.com");
    expect(value("call me 0917 555 0199", "id.phone", { dir: "in", region: "PH" })).toBe(
      "+639175550199",
    );
    expect(value("text me +44 7700 900123", "id.phone")).toBe("+447700900123");
    expect(value("see www.example.org/abc.", "id.url")).toBe("www.example.org/abc");
    expect(value("my skype is dave_uk_1970", "id.handle")).toBe("dave_uk_1970");
    expect(detect("kik: peto_dk", incoming).find((i) => i.type === "id.handle")?.platform).toBe(
      "kik",
    );
    expect(value("my name is Peter Olsen, from Denmark", "id.name")).toBe("Peter Olsen");
    expect(value("my name is Peter Olsen, from Denmark", "id.location")).toBe("Denmark");
    expect(detect("i live in Leeds", incoming).find((i) => i.type === "id.location")?.country).toBe(
      "GB",
    );
    expect(value("im 52 and single", "id.age_self")).toBe("52");
    expect(value("my name is peter olsen", "id.name")).toBe("peter olsen");
    expect(value("my name is mike nice to meet u", "id.name")).toBe("mike");
    expect(value("i work as a truck driver", "id.occupation")).toBe("truck driver");
    const line = "im Sam, 41, from Perth, nurse by trade";
    expect(value(line, "id.name")).toBe("Sam");
    expect(value(line, "id.age_self")).toBe("41");
    expect(value(line, "id.location")).toBe("Perth");
    expect(value(line, "id.occupation")).toBe("nurse");
    expect(value("im a bus driver", "id.occupation")).toBe("bus driver");
    expect(value("im mark, 38, from cebu, a bus driver", "id.occupation")).toBe("bus driver");
    expect(value("im jon, 45, manila, engineer", "id.location")).toBe("manila");
    expect(value("i stay in Makati", "id.location")).toBe("Makati");
    expect(
      detect("nakatira ako sa pasig", incoming).find((i) => i.type === "id.location")?.country,
    ).toBe("PH");
    const snap = detect("sc tomlee88", incoming).find((i) => i.type === "id.handle");
    expect(snap?.value).toBe("tomlee88");
    expect(snap?.platform).toBe("snapchat");
  });

  it("detects nothing in an empty message", () => {
    expect(detect("", incoming)).toEqual([]);
  });
});
