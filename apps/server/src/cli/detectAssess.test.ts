/** The `sweetie detect` / `sweetie assess` contract, run as a reviewer runs it: a child process. */
import { spawn, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const bin = fileURLToPath(new URL("../../../../bin/sweetie.js", import.meta.url));

function run(
  verb: string,
  lines: unknown[],
  args: string[] = [],
): { status: number | null; out: unknown[]; err: string } {
  const input = lines.map((l) => (typeof l === "string" ? l : JSON.stringify(l))).join("\n") + "\n";
  const proc = spawnSync(process.execPath, [bin, verb, ...args], {
    input,
    encoding: "utf8",
    timeout: 60_000,
  });
  return {
    status: proc.status,
    out: proc.stdout
      .split("\n")
      .filter((l) => l.trim() !== "")
      .map((l) => JSON.parse(l) as unknown),
    err: proc.stderr,
  };
}

const conversation = [
  { type: "conversation", conv: "t1", initiator: "counterpart", extra: "ignored" },
  { type: "message", conv: "t1", id: "t1.1", dir: "in", text: "how old r u?", at: "2026-01-01" },
  { type: "message", conv: "t1", id: "t1.2", dir: "out", text: "10" },
  {
    type: "message",
    conv: "t1",
    id: "t1.3",
    dir: "in",
    text: "can u turn on ur cam, i send 20 usd",
  },
  { type: "message", conv: "t1", id: "t1.4", dir: "in", text: "my skype is joe_1970" },
  { type: "message", conv: "t1", id: "t1.5", dir: "out", text: "sorry my internet is down, bye" },
];

describe("sweetie detect", () => {
  it("writes one line per message with typed, located indicators", () => {
    const { status, out } = run("detect", conversation);
    expect(status).toBe(0);
    expect(out).toHaveLength(5);
    const byId = new Map(
      (out as Array<{ id: string; indicators: Array<{ type: string; value?: string }> }>).map(
        (o) => [o.id, o],
      ),
    );
    expect(byId.get("t1.1")!.indicators.map((i) => i.type)).toEqual(["age.query"]);
    expect(byId.get("t1.2")!.indicators.map((i) => i.type)).toEqual(["persona.age_statement"]);
    expect(
      byId
        .get("t1.3")!
        .indicators.map((i) => i.type)
        .sort(),
    ).toEqual(["payment.offer", "solicit.webcam"]);
    expect(byId.get("t1.4")!.indicators).toContainEqual(
      expect.objectContaining({ type: "id.handle", value: "joe_1970" }),
    );
    expect(byId.get("t1.5")!.indicators.map((i) => i.type)).toEqual(["persona.break_off"]);
  }, 60_000);

  it("reports a malformed line with its number and exits 2", () => {
    const { status, err, out } = run("detect", [
      conversation[0],
      "{not json",
      conversation[1],
      { type: "message", conv: "t1" },
    ]);
    expect(status).toBe(2);
    expect(err).toMatch(/line 2/);
    expect(err).toMatch(/line 4/);
    expect(out).toHaveLength(1);
  }, 60_000);
});

/** Every string anywhere in a parsed output line. */
function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value !== null && typeof value === "object") return Object.values(value).flatMap(strings);
  return [];
}

describe("sweetie detect as a process", () => {
  it("exits 2 with a sentence on an unknown option", () => {
    const { status, err, out } = run("detect", conversation, ["--bogus"]);
    expect(status).toBe(2);
    expect(err).toMatch(/unknown option '--bogus'/);
    expect(out).toEqual([]);
  }, 60_000);

  it("exits 2 with a sentence on a region that is not a country code", () => {
    for (const region of ["XX", "Philippines", "1"]) {
      const { status, err } = run("detect", conversation, ["--region", region]);
      expect(status, region).toBe(2);
      expect(err).toMatch(/is not a two-letter ISO country code/);
    }
    expect(run("detect", conversation, ["--region", "gb"]).status).toBe(0);
  }, 60_000);

  it("stops quietly when the reader closes the output pipe", async () => {
    const child = spawn(process.execPath, [bin, "detect"], { stdio: ["pipe", "pipe", "pipe"] });
    let err = "";
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.stdout.once("data", () => child.stdout.destroy());
    child.stdin.on("error", () => undefined);
    const lines = [JSON.stringify(conversation[0])];
    for (let i = 0; i < 60_000; i++)
      lines.push(JSON.stringify({ type: "message", conv: "t1", id: i, dir: "in", text: "hi u" }));
    child.stdin.end(lines.join("\n") + "\n");
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(err).not.toMatch(/EPIPE|Error/);
    expect(code).toBe(0);
  }, 60_000);

  it("never writes half a surrogate pair into an output value", () => {
    const lone = "\ud800";
    const { status, out } = run("detect", [
      { type: "conversation", conv: `c${lone}`, initiator: "counterpart" },
      {
        type: "message",
        conv: `c${lone}`,
        id: `m${lone}1`,
        dir: "in",
        text: `mail me at joe${lone}@example.org or www.example.org/a${lone}b, my skype is joe${lone}x, im Joe\udc00 from Cebu`,
      },
    ]);
    expect(status).toBe(0);
    expect(out).toHaveLength(1);
    const values = strings(out);
    expect(values.length).toBeGreaterThan(2);
    for (const v of values) expect(v.isWellFormed(), JSON.stringify(v)).toBe(true);
  }, 60_000);
});

describe("sweetie assess", () => {
  it("writes one line per conversation", () => {
    const { status, out } = run("assess", [
      ...conversation,
      { type: "conversation", conv: 2, initiator: "persona" },
      { type: "message", conv: 2, id: 1, dir: "out", text: "hi" },
    ]);
    expect(status).toBe(0);
    expect(out).toEqual([
      { conv: "t1", stage: "payment", broken_off: true, proposed: true, flags: [] },
      {
        conv: 2,
        stage: "approached",
        broken_off: false,
        proposed: false,
        flags: ["persona_initiated"],
      },
    ]);
  }, 60_000);
});
