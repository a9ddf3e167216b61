/**
 * End-to-end check on our own labelled conversations: every message gets exactly its labelled
 * indicators and every conversation exactly its expected assessment.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { advanceContext, contextFor, startContext } from "../detect/context";
import { detect } from "../detect/detect";
import { loadPlaceIndex } from "../detect/places/gazetteer";
import type { Direction } from "../detect/types";
import { assessMessage, startAssessment, summarize, type Initiator } from "./assessment";
import { OWN_CORPUS } from "./testdata/ownCorpus";

interface Conversation {
  id: string;
  initiator: Initiator;
  messages: Array<{
    dir: Direction;
    text: string;
    labels: string[];
    values: Record<string, string>;
  }>;
  expect: { stage: string; brokenOff: boolean; proposed: boolean; flags: string[] };
}

function parse(corpus: string): Conversation[] {
  const conversations: Conversation[] = [];
  for (const line of corpus.split("\n")) {
    const header = /^# (\S+) (counterpart|persona)$/.exec(line);
    if (header) {
      conversations.push({
        id: header[1]!,
        initiator: header[2] as Initiator,
        messages: [],
        expect: { stage: "", brokenOff: false, proposed: false, flags: [] },
      });
      continue;
    }
    const current = conversations[conversations.length - 1];
    if (current === undefined || line.trim() === "") continue;
    if (line.startsWith("> ") || line.startsWith("< ")) {
      const [text = "", labelText = ""] = line.slice(2).split(" | ");
      const labels: string[] = [];
      const values: Record<string, string> = {};
      for (const label of labelText.match(/\S+="[^"]*"|\S+/g) ?? []) {
        const [kind = "", value] = label.split("=");
        labels.push(kind);
        if (value !== undefined) values[kind] = value.replace(/^"|"$/g, "");
      }
      current.messages.push({
        dir: line.startsWith(">") ? "in" : "out",
        text: text.trim(),
        labels,
        values,
      });
    } else if (line.startsWith("= ")) {
      const fields = Object.fromEntries(
        line
          .slice(2)
          .split(" ")
          .map((pair) => pair.split("=")),
      );
      current.expect = {
        stage: fields.stage ?? "",
        brokenOff: fields.broken_off === "true",
        proposed: fields.proposed === "true",
        flags: (fields.flags ?? "").split(",").filter(Boolean),
      };
    }
  }
  return conversations;
}

beforeAll(async () => {
  await loadPlaceIndex();
});

describe("own labelled conversations", () => {
  for (const conversation of parse(OWN_CORPUS)) {
    it(`${conversation.id}: indicators and assessment`, () => {
      let context = startContext("PH");
      let state = startAssessment(conversation.initiator);
      for (const m of conversation.messages) {
        const found = detect(m.text, contextFor(context, m.dir));
        expect([...new Set(found.map((i) => i.type))].sort(), m.text).toEqual([...m.labels].sort());
        for (const [kind, value] of Object.entries(m.values)) {
          const got = found
            .filter((i) => i.type === kind)
            .map((i) => (i.value ?? "").toLowerCase());
          expect(got, m.text).toContain(value.toLowerCase());
        }
        context = advanceContext(context, m.dir, found);
        state = assessMessage(state, m, found);
      }
      expect(summarize(state)).toEqual(conversation.expect);
    });
  }
});
