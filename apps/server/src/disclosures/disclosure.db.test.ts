import { spawnSync } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runVerify } from "../cli/verify";
import { ManualTimers } from "../connectors/training/timers";
import type { OperationRow } from "../db/tables/operations";
import { verifyLedger } from "../ledger/ledgerVerifier";
import { openZipPackage } from "../referrals/packageReaders";
import { buildSignedInTeam, type SignedIn } from "../test/accounts";
import { buildIdentityEvidence } from "../test/identityScenario";
import { signEveryLedger } from "../test/testSigner";
import { useTestApp } from "../test/testHooks";
import { goPresentInLobby, LOBBY } from "../test/trainingRange";

// Acceptance (issue 12, item 6): a disclosure of a seeded conversation (a library move that was
// delivered, typed words that were not, a reveal) and of its subject passes `sweetie verify`;
// its transcript holds the failed delivery and every operator move with who made it; one byte
// changed in a file fails naming the file. Exports are the legal reviewer's and supervisor's.

interface DisclosureAnswer {
  disclosure: {
    id: string;
    status: string;
    failure: string | null;
    package: { fileName: string } | null;
  };
}

const timers = new ManualTimers(Date.now());
const server = useTestApp({ training: { timers, seed: 4 } });
let operation: OperationRow;
let team: Awaited<
  ReturnType<typeof buildSignedInTeam<"operator" | "supervisor" | "legal" | "analyst">>
>;
let conversationId: string;
let dir: string;
const lines: string[] = [];
const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l), isTTY: false };
const verify = async (path: string) => {
  lines.length = 0;
  return (await runVerify(path, {}, io)).code;
};
const url = (path: string) => `/api/operations/${operation.id}${path}`;

/** Starts an export as `who` and waits (for a condition, not a time) until it is built. */
async function exportAndDownload(who: SignedIn, scope: string, targetId: string, name: string) {
  const started = await server.app.inject({
    method: "POST",
    url: url("/disclosures"),
    headers: who.headers,
    payload: { scope, targetId },
  });
  expect(started.statusCode, started.body).toBe(202);
  const id = started.json<DisclosureAnswer>().disclosure.id;
  let answer: DisclosureAnswer["disclosure"];
  for (;;) {
    const read = await server.app.inject({ url: url(`/disclosures/${id}`), headers: who.headers });
    answer = read.json<DisclosureAnswer>().disclosure;
    if (answer.status !== "building") break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  expect(answer.failure).toBeNull();
  expect(answer.status).toBe("ready");
  const download = await server.app.inject({
    url: url(`/disclosures/${id}/package`),
    headers: who.headers,
  });
  expect(download.statusCode).toBe(200);
  expect(download.headers["content-disposition"]).toContain(answer.package!.fileName);
  const path = join(dir, name);
  await writeFile(path, download.rawPayload);
  return { id, path };
}

async function unzip(zipPath: string, folder: string) {
  const reader = await openZipPackage(zipPath);
  for (const path of reader.paths()) {
    const target = join(folder, ...path.split("/"));
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, await reader.read(path));
  }
  const paths = [...reader.paths()];
  reader.close();
  return paths;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "sweetie-disclosure-test-"));
  team = await buildSignedInTeam(
    server.app,
    server.store.db,
    ["operator", "supervisor", "legal", "analyst"],
    { isTraining: true },
  );
  operation = team.operation;
  const operator = team.members.operator.session;
  expect((await goPresentInLobby(server.app, operation.id, operator.headers)).statusCode).toBe(201);
  const range = server.app.consoleRuntime.hub.trainingRange(operation.id)!;
  range.spawn("solicits_after_age_statement", LOBBY);
  timers.advance(10_000);
  await server.app.consoleRuntime.queue.drain();
  const list = await server.app.inject({ url: url("/conversations"), headers: operator.headers });
  conversationId = list.json<{ conversations: { id: string }[] }>().conversations[0]!.id;
  const send = (payload: Record<string, string>) =>
    server.app.inject({
      method: "POST",
      url: url(`/conversations/${conversationId}/messages`),
      headers: operator.headers,
      payload,
    });
  expect((await send({ moveId: "age_statement", language: "en" })).json()).toMatchObject({
    delivery: "sent",
  });
  await range.fault(60);
  expect((await send({ text: "are you there" })).json()).toMatchObject({ delivery: "failed" });
  // The legal reviewer reveals the counterpart's first message (S8: a logged choice).
  const first = await server.store.db
    .selectFrom("messages")
    .select("id")
    .where("conversation_id", "=", conversationId)
    .where("direction", "=", "in")
    .orderBy("seq")
    .executeTakeFirstOrThrow();
  const reveal = await server.app.inject({
    method: "POST",
    url: url("/reveals"),
    headers: team.members.legal.session.headers,
    payload: { targetType: "message", targetId: first.id },
  });
  expect(reveal.statusCode, reveal.body).toBe(200);
}, 120_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("disclosure export of a conversation", () => {
  let zipPath: string;
  let folder: string;
  let paths: string[];

  beforeAll(async () => {
    ({ path: zipPath } = await exportAndDownload(
      team.members.legal.session,
      "conversation",
      conversationId,
      "conversation.zip",
    ));
    folder = join(dir, "conversation");
    paths = await unzip(zipPath, folder);
  }, 120_000);

  it("passes sweetie verify, as a ZIP and unzipped, and says it is a disclosure", async () => {
    expect(await verify(zipPath)).toBe(0);
    expect(lines.join("\n")).toMatch(/Disclosure package, operation/);
    expect(lines.join("\n")).toMatch(/RESULT: the package is intact/);
    expect(await verify(folder)).toBe(0);
    expect(paths).toEqual(expect.arrayContaining(["report.pdf", "verify.html", "manifest.json"]));
  });

  it("holds the full transcript: every operator move with who made it, and the failed delivery", async () => {
    const transcript = await readFile(
      join(folder, "evidence", "conversations", conversationId, "transcript.txt"),
      "utf8",
    );
    const operator = team.members.operator.user.username;
    expect(transcript).toMatch(/DISCLOSURE TRANSCRIPT \(unredacted\)/);
    expect(transcript).toMatch(
      new RegExp(
        `library move "age_statement" \\(library version [^)]+\\), chosen by the operator — by operator .*\\(${operator}\\)`,
      ),
    );
    expect(transcript).toMatch(
      new RegExp(`words typed by the operator — by operator .*\\(${operator}\\)`),
    );
    expect(transcript).toContain("    are you there");
    expect(transcript).toMatch(/delivery: NOT DELIVERED .*stays in the record/);
    expect(transcript).toMatch(/delivery: delivered to the network/);
    expect(transcript).toMatch(/Delivery FAILED: message #\d+ was not delivered/);
    expect(transcript).toMatch(
      new RegExp(`\\(${team.members.legal.user.username}\\) revealed message #\\d+`),
    );
  });

  it("is recorded: a disclosure ledger entry that verifies, and audit records of start, export and download", async () => {
    const entry = await server.store.db
      .selectFrom("ledger_entries")
      .select(["kind", "source_table"])
      .where("operation_id", "=", operation.id)
      .where("kind", "=", "disclosure")
      .executeTakeFirst();
    expect(entry?.source_table).toBe("disclosure_exports");
    await signEveryLedger(server.store.db);
    expect((await verifyLedger(server.store.db, { operationId: operation.id })).problem).toBeNull();
    const { rows } = await sql<{ action: string }>`
      select action from audit where operation_id = ${operation.id}
         and action like 'disclosure.%' order by id`.execute(server.store.db);
    expect(rows.map((r) => r.action)).toEqual(
      expect.arrayContaining(["disclosure.start", "disclosure.export", "disclosure.download"]),
    );
  });

  it.each([
    ["the transcript", (p: string) => p.endsWith("transcript.txt")],
    ["the entries", (p: string) => p.endsWith("entries.jsonl")],
    ["the report", (p: string) => p === "report.pdf"],
  ])("fails naming %s when one byte of it changes", async (_what, pick) => {
    const path = paths.find(pick)!;
    const file = join(folder, ...path.split("/"));
    const original = await readFile(file);
    const changed = Buffer.from(original);
    const i = Math.floor(changed.length * 0.4);
    changed[i] = changed[i] === 0x61 ? 0x62 : 0x61;
    await writeFile(file, changed);
    try {
      expect(await verify(folder)).toBe(1);
      expect(lines.filter((l) => l.includes("FAILED  ")).join("\n")).toContain(`FAILED  ${path}`);
    } finally {
      await writeFile(file, original);
    }
  });

  it("report.pdf renders (pdftoppm) and lists the moves and the failed delivery", async () => {
    const pdf = join(folder, "report.pdf");
    const text = spawnSync("pdftotext", [pdf, "-"], { encoding: "utf8" });
    expect(text.status).toBe(0);
    const words = text.stdout.replace(/\s+/g, " ");
    expect(words).toContain("Disclosure");
    expect(words).toMatch(/NOT DELIVERED/);
    expect(words).toMatch(/library move "age_statement"/);
    const png = spawnSync("pdftoppm", ["-png", "-r", "50", pdf, join(dir, "report")]);
    expect(png.status).toBe(0);
    if (process.env.SWEETIE_KEEP_SCREENSHOTS) {
      await mkdir("screenshots", { recursive: true });
      spawnSync("pdftoppm", ["-png", "-r", "70", pdf, join("screenshots", "disclosure-report")]);
    }
  });
});

describe("disclosure export of a subject, and who may export", () => {
  it("exports the subject a review made, with all its conversations, and it verifies", async () => {
    await sql`update conversations set proposed = true where id = ${conversationId}`.execute(
      server.store.db,
    );
    const review = await server.app.inject({
      method: "POST",
      url: url(`/conversations/${conversationId}/review`),
      headers: team.members.supervisor.session.headers,
      payload: {
        decision: "confirm",
        reason: "asked for a paid webcam show after the age statement",
      },
    });
    expect(review.statusCode, review.body).toBe(200);
    const subjectId = review.json<{ subjectId: string }>().subjectId;
    const { path } = await exportAndDownload(
      team.members.supervisor.session,
      "subject",
      subjectId,
      "subject.zip",
    );
    expect(await verify(path)).toBe(0);
    const reader = await openZipPackage(path);
    expect(reader.paths()).toContain(`evidence/conversations/${conversationId}/transcript.txt`);
    reader.close();
  }, 120_000);

  it("carries the subject's whole identification, retractions included, each entry proved", async () => {
    const subjectId = (
      await server.store.db
        .selectFrom("subject_conversations")
        .select("subject_id")
        .where("conversation_id", "=", conversationId)
        .executeTakeFirstOrThrow()
    ).subject_id;
    const image = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
    const identity = await buildIdentityEvidence(server.store.db, {
      operationId: operation.id,
      conversationId,
      subjectId,
      analyst: team.members.analyst.user,
      supervisor: team.members.supervisor.user,
      image,
    });
    const { path } = await exportAndDownload(
      team.members.supervisor.session,
      "subject",
      subjectId,
      "subject-identified.zip",
    );
    expect(await verify(path)).toBe(0);
    expect(lines.join("\n")).toMatch(/3 finding files|2 finding files/);
    const reader = await openZipPackage(path);
    const entries = new TextDecoder()
      .decode(await reader.read(`evidence/subjects/${subjectId}/identification.jsonl`))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { kind: string });
    // Unlike a referral: the retracted citation and its retraction, every finding and
    // observation of the subject, and the decision about another subject.
    const kinds = new Set(entries.map((e) => e.kind));
    for (const kind of [
      "claim",
      "claim_citation",
      "claim_grading",
      "claim_signoff",
      "retraction",
      "finding",
      "observation",
      "country_confirmation",
      "subject_merge",
    ])
      expect(kinds, kind).toContain(kind);
    expect(entries.filter((e) => e.kind === "finding")).toHaveLength(3);
    const picture = `evidence/subjects/${subjectId}/finding-${identity.findingIds[0]}.png`;
    expect(Buffer.from(await reader.read(picture)).equals(Buffer.from(image))).toBe(true);
    reader.close();
  }, 120_000);

  it("refuses analysts and operators, and says plainly when there is nothing to export", async () => {
    for (const role of ["analyst", "operator"] as const) {
      const response = await server.app.inject({
        method: "POST",
        url: url("/disclosures"),
        headers: team.members[role].session.headers,
        payload: { scope: "conversation", targetId: conversationId },
      });
      expect(response.statusCode, role).toBe(403);
    }
    const subject = await server.store.db
      .insertInto("subjects")
      .values({ operation_id: operation.id, label: "No conversations" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const empty = await server.app.inject({
      method: "POST",
      url: url("/disclosures"),
      headers: team.members.legal.session.headers,
      payload: { scope: "subject", targetId: subject.id },
    });
    expect(empty.statusCode).toBe(409);
    expect(empty.json()).toMatchObject({ code: "disclosure_nothing_to_export" });
    expect(empty.json<{ detail: string }>().detail).toMatch(/no conversation yet/);
  });
});
