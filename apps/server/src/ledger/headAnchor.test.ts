import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  createFrontier,
  frontierAppend,
  frontierRoot,
  generateSigningKey,
  leafHash,
  signTreeHead,
  toHex,
  utf8,
} from "@sweetie/core/ledger/index";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HeadAnchor, headAnchorPath } from "./headAnchor";

const OPERATION = "6f1c3f0e-5b8a-4a52-9d0e-1c2b3a4d5e6f";
const key = generateSigningKey();
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "sweetie-anchor-test-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function signedAt(size: number) {
  const frontier = createFrontier();
  for (let i = 0; i < size; i++) frontierAppend(frontier, leafHash(utf8(`entry ${i}`)));
  const head = signTreeHead(
    {
      operation: OPERATION,
      size,
      root: toHex(frontierRoot(frontier)),
      time: "2026-12-01T00:00:00Z",
    },
    key,
  );
  return { head, frontier };
}

describe("the head anchor file", () => {
  it("keeps the last head and frontier per operation, never moving back", async () => {
    const anchor = new HeadAnchor(join(dir, "a.json"));
    expect(await anchor.last(OPERATION)).toBeNull();
    const five = signedAt(5);
    const three = signedAt(3);
    await anchor.record(five.head, five.frontier);
    await anchor.record(three.head, three.frontier);
    const kept = await new HeadAnchor(join(dir, "a.json")).last(OPERATION);
    expect(kept?.head).toEqual(five.head);
    expect(kept?.frontier).toEqual(five.frontier);
    expect(await anchor.all()).toEqual([five.head]);
  });

  it("refuses to start over when the file is damaged", async () => {
    const path = join(dir, "damaged.json");
    await writeFile(path, "{ not json");
    await expect(new HeadAnchor(path).last(OPERATION)).rejects.toThrow(/damaged; restore it/);
    await writeFile(path, JSON.stringify({ format: "sweetie.ledger.anchor", version: 1 }));
    await expect(new HeadAnchor(path).last(OPERATION)).rejects.toThrow(/damaged/);
    expect(await readFile(path, "utf8")).toContain("sweetie.ledger.anchor");
  });

  it("lives in the data directory unless SWEETIE_HEAD_ANCHOR_FILE says where", () => {
    expect(headAnchorPath("/srv/sweetie", {})).toBe("/srv/sweetie/ledger-head-anchor.json");
    expect(
      headAnchorPath("/srv/sweetie", { SWEETIE_HEAD_ANCHOR_FILE: "/secure/anchor.json" }),
    ).toBe("/secure/anchor.json");
  });
});
