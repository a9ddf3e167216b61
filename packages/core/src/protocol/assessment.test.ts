/** The conversation assessment: stages, break-off, proposal and each S6 flag (DESIGN.md S6). */
import { beforeAll, describe, expect, it } from "vitest";
import { advanceContext, contextFor, startContext } from "../detect/context";
import { detect } from "../detect/detect";
import { loadPlaceIndex } from "../detect/places/gazetteer";
import type { Direction } from "../detect/types";
import {
  assessMessage,
  startAssessment,
  summarize,
  type Assessment,
  type Initiator,
} from "./assessment";

beforeAll(async () => {
  await loadPlaceIndex();
});

/** Run a scripted conversation ("> " counterpart, "< " persona) through detect and assess. */
function assess(initiator: Initiator, script: string[]): Assessment {
  let context = startContext("PH");
  let state = startAssessment(initiator);
  for (const line of script) {
    const dir: Direction = line.startsWith("<") ? "out" : "in";
    const text = line.slice(2);
    const indicators = detect(text, contextFor(context, dir));
    context = advanceContext(context, dir, indicators);
    state = assessMessage(state, { dir, text }, indicators);
  }
  return summarize(state);
}

describe("stages", () => {
  it("starts approached", () => {
    expect(assess("counterpart", ["> hello", "< hi"])).toEqual({
      stage: "approached",
      brokenOff: false,
      proposed: false,
      flags: [],
    });
  });

  it("reaches age_stated with the persona's age", () => {
    expect(assess("counterpart", ["> how old r u", "< 10"]).stage).toBe("age_stated");
  });

  it("reaches solicited and is proposed when the age came first", () => {
    const a = assess("counterpart", [
      "> hey",
      "< hi im 10",
      "> open ur cam for me",
      "< my wifi is so slow, bye",
    ]);
    expect(a).toEqual({ stage: "solicited", brokenOff: true, proposed: true, flags: [] });
  });

  it("a request for pictures of herself solicits like a webcam request", () => {
    const a = assess("counterpart", ["> hey", "< hi im 10", "> send me a pic of u"]);
    expect(a).toEqual({ stage: "solicited", brokenOff: false, proposed: true, flags: [] });
  });

  it("remarks on a picture and his own pictures do not solicit", () => {
    for (const remark of ["> nice pic", "> wanna see my pic?", "> i will send u pics of my dog"])
      expect(assess("counterpart", ["> hey", "< hi im 10", remark]).stage, remark).toBe(
        "age_stated",
      );
  });

  it("reaches payment when money is discussed in a solicited conversation, before or after", () => {
    expect(
      assess("counterpart", ["< im 10", "> want some money?", "> can u do a show on cam"]).stage,
    ).toBe("payment");
    expect(
      assess("counterpart", ["< im 10", "> can u do a show on cam", "> i send 20 usd"]).stage,
    ).toBe("payment");
  });

  it("does not reach payment on money talk without a solicitation", () => {
    expect(assess("counterpart", ["< im 10", "> i can send you load"]).stage).toBe("age_stated");
  });

  it("asking about payment after the counterpart solicited is protocol and not flagged", () => {
    const a = assess("counterpart", [
      "< hi im 10",
      "> can u do a private show",
      "< do u want to pay?",
      "> yes 30 usd",
    ]);
    expect(a).toEqual({ stage: "payment", brokenOff: false, proposed: true, flags: [] });
  });
});

describe("S6 flags", () => {
  it("persona_initiated when the persona opened the conversation", () => {
    const a = assess("persona", ["< hi", "> how old r u", "< 10", "> turn on ur cam"]);
    expect(a.flags).toEqual(["persona_initiated"]);
    expect(a.proposed).toBe(false);
  });

  it("persona_raised_first when the persona offered the webcam before any solicitation, and a yes accepts it", () => {
    const a = assess("counterpart", ["< hi im 10", "< wanna see me on cam?", "> yes please"]);
    expect(a).toEqual({
      stage: "solicited",
      brokenOff: false,
      proposed: false,
      flags: ["persona_raised_first"],
    });
  });

  it("'ya sure' after a persona offer accepts it ('ya' there is yes, not you)", () => {
    for (const reply of ["ya sure", "oh ya", "ya ok lol"])
      expect(
        assess("counterpart", ["< hi im 10", "< wanna see me on cam?", `> ${reply}`]).stage,
        reply,
      ).toBe("solicited");
    expect(
      assess("counterpart", ["< hi im 10", "< wanna see me on cam?", "> ya sure?"]).stage,
    ).toBe("age_stated");
  });

  it("a goodbye alone is not a break-off; leaving with an excuse is", () => {
    expect(assess("counterpart", ["< hi im 10", "> ok bye", "< bye"]).brokenOff).toBe(false);
    expect(assess("counterpart", ["< hi im 10", "> do u have cam", "< bye!"]).brokenOff).toBe(
      false,
    );
    expect(
      assess("counterpart", ["< hi im 10", "> do u have cam", "< my battery is dying, bye"])
        .brokenOff,
    ).toBe(true);
  });

  it("a yes that does not follow a persona offer is not an acceptance", () => {
    expect(assess("counterpart", ["< hi im 10", "> yes"]).stage).toBe("age_stated");
  });

  it("a persona offer after the counterpart already solicited is not flagged", () => {
    const a = assess("counterpart", ["< im 10", "> do u have cam", "< i can show you on cam"]);
    expect(a.flags).toEqual([]);
    expect(a.proposed).toBe(true);
  });

  it("no_prior_age_statement when the solicitation came before the age", () => {
    const a = assess("counterpart", ["> hey", "> take off ur shirt", "< im only 10"]);
    expect(a).toEqual({
      stage: "solicited",
      brokenOff: false,
      proposed: false,
      flags: ["no_prior_age_statement"],
    });
  });

  it("flags combine", () => {
    const a = assess("persona", ["< hi", "< do you want to see me on cam?", "> sure"]);
    expect(a.flags.sort()).toEqual([
      "no_prior_age_statement",
      "persona_initiated",
      "persona_raised_first",
    ]);
  });
});

describe("assessMessage", () => {
  it("is pure: the previous state is left unchanged", () => {
    const start = startAssessment("counterpart");
    const snapshot = JSON.stringify(start);
    assessMessage(start, { dir: "in", text: "x" }, [
      { type: "solicit.webcam", start: 0, end: 1, confidence: 1, rule: "t" },
    ]);
    expect(JSON.stringify(start)).toBe(snapshot);
  });
});
