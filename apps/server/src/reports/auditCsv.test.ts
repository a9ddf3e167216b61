import { describe, expect, it } from "vitest";
import { auditCsv, csvCell } from "./auditCsv";

describe("audit CSV", () => {
  it("quotes commas, quotes and line breaks (RFC 4180)", () => {
    expect(csvCell('a "b", c')).toBe('"a ""b"", c"');
    expect(csvCell("line\nbreak")).toBe('"line\nbreak"');
    expect(csvCell(null)).toBe("");
    expect(csvCell(42)).toBe("42");
  });

  it("keeps spreadsheet formulas from running", () => {
    expect(csvCell("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("@sum")).toBe("'@sum");
  });

  it("writes a header and one line per entry", () => {
    const csv = auditCsv([
      {
        id: 7,
        at: "2026-12-01T10:00:00.000Z",
        actor: "sam",
        actorIp: "127.0.0.1",
        action: "conversation.confirm",
        targetType: "conversation",
        targetId: "c1",
        details: { reason: "age stated, then asked" },
      },
    ]);
    expect(csv.split("\r\n")).toEqual([
      "id,at,actor,actor_ip,action,target_type,target_id,details",
      '7,2026-12-01T10:00:00.000Z,sam,127.0.0.1,conversation.confirm,conversation,c1,"{""reason"":""age stated, then asked""}"',
      "",
    ]);
  });
});
