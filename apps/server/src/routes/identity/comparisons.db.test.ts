import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueTreeHead } from "../../ledger/headIssuer";
import { verifyLedger } from "../../ledger/ledgerVerifier";
import { signInAs, type SignedIn } from "../../test/accounts";
import { buildEvidenceScenario, FINDING_PNG, PNG } from "../../test/evidenceScenario";
import { openTestApp, type TestApp } from "../../test/testServer";
import { testSigner } from "../../test/testSigner";

// Issue 11, build 7: two pictures of one subject side by side, both blurred; each side revealed
// through the audited, budgeted reveal (S8), refused past the budget; the analyst's opinion is
// a ledger entry citing both pictures by SHA-256 and shows on the subject's page.

const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
let server: TestApp;
let scenario: Awaited<ReturnType<typeof buildEvidenceScenario>>;
let analyst: SignedIn;
let captureId: string;
let findingId: string;

beforeAll(async () => {
  server = await openTestApp();
  const db = server.store.db;
  scenario = await buildEvidenceScenario(db);
  analyst = await signInAs(server.app, scenario.analyst.username);
  captureId = (
    await db
      .selectFrom("captures")
      .select("id")
      .where("conversation_id", "=", scenario.conversationId)
      .executeTakeFirstOrThrow()
  ).id;
  findingId = scenario.identity.findingIds[0]!;
  // One reveal a day for the analyst: the second side is refused.
  await db
    .insertInto("exposure_budgets")
    .values({
      operation_id: scenario.operation.id,
      user_id: scenario.analyst.id,
      daily_reveals: 1,
      set_by: scenario.supervisor.id,
    })
    .execute();
});

afterAll(async () => {
  await server?.close();
});

const base = () => `/api/operations/${scenario.operation.id}`;
const subjectUrl = () => `${base()}/subjects/${scenario.subjectId}`;
const pictures = () => ({
  left: { kind: "capture", id: captureId },
  right: { kind: "finding", id: findingId },
});
const post = (url: string, payload: object) =>
  server.app.inject({ method: "POST", url, headers: analyst.headers, payload });
const audits = (action: string) =>
  server.store.db
    .selectFrom("audit")
    .select(["target_type", "target_id", "details"])
    .where("action", "=", action)
    .where("actor_id", "=", scenario.analyst.id)
    .execute();

describe("side-by-side image comparison", () => {
  it("opens both pictures blurred, with their hashes and today's remaining reveals", async () => {
    const response = await post(`${subjectUrl()}/comparison`, pictures());
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.left).toMatchObject({ kind: "capture", sha256: sha(PNG), revealed: false });
    expect(body.right).toMatchObject({
      kind: "finding",
      sha256: sha(FINDING_PNG),
      revealed: false,
    });
    expect(body.exposure).toMatchObject({ used: 0, remaining: 1, mayReveal: true });
    expect(await audits("image_comparison.opened")).toHaveLength(1);
  });

  it("withholds a finding's picture until it is revealed", async () => {
    const response = await server.app.inject({
      method: "GET",
      url: `${base()}/findings/${findingId}/image`,
      headers: analyst.headers,
    });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: "reveal_required" });
  });

  it("reveals one side through the audited, budgeted reveal, then serves its bytes", async () => {
    const response = await post(`${subjectUrl()}/comparison/reveals`, pictures().right);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      side: { kind: "finding", id: findingId, revealed: true },
      exposure: { used: 1, remaining: 0 },
    });
    expect(await audits("evidence.reveal")).toContainEqual(
      expect.objectContaining({ target_type: "finding", target_id: findingId }),
    );
    const image = await server.app.inject({
      method: "GET",
      url: `${base()}/findings/${findingId}/image`,
      headers: analyst.headers,
    });
    expect(image.statusCode).toBe(200);
    expect(image.headers["content-type"]).toBe("image/png");
    expect(sha(image.rawPayload)).toBe(sha(FINDING_PNG));
    expect(await audits("finding.file.read")).toHaveLength(1);
    // The comparison now shows the finding revealed and the capture still blurred.
    const reopened = (await post(`${subjectUrl()}/comparison`, pictures())).json();
    expect(reopened.left.revealed).toBe(false);
    expect(reopened.right.revealed).toBe(true);
  });

  it("refuses the other side past the budget, says what to do, and audits the refusal", async () => {
    const response = await post(`${subjectUrl()}/comparison/reveals`, pictures().left);
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: "exposure_budget_exceeded" });
    expect(response.json().detail).toMatch(/supervisor/u);
    expect(await audits("evidence.reveal_refused")).toContainEqual(
      expect.objectContaining({ target_type: "capture", target_id: captureId }),
    );
  });

  it("refuses an opinion until this person has revealed both pictures", async () => {
    const refused = await post(`${subjectUrl()}/image-comparisons`, {
      ...pictures(),
      opinion: "different_people",
      reason: "only one of them seen",
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: "reveal_required" });
    expect(refused.json().detail).toMatch(/Reveal both pictures/u);
    expect(
      await server.store.db
        .selectFrom("image_comparisons")
        .select("id")
        .where("subject_id", "=", scenario.subjectId)
        .where("reason", "=", "only one of them seen")
        .execute(),
    ).toEqual([]);
    // A supervisor raises the budget; the analyst reveals the other side too.
    await server.store.db
      .updateTable("exposure_budgets")
      .set({ daily_reveals: 2 })
      .where("operation_id", "=", scenario.operation.id)
      .where("user_id", "=", scenario.analyst.id)
      .execute();
    const revealed = await post(`${subjectUrl()}/comparison/reveals`, pictures().left);
    expect(revealed.statusCode, revealed.body).toBe(200);
  });

  it("requires a reason, and two different pictures of this subject", async () => {
    const noReason = await post(`${subjectUrl()}/image-comparisons`, {
      ...pictures(),
      opinion: "same_person",
      reason: "  ",
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain("reason");
    const same = await post(`${subjectUrl()}/image-comparisons`, {
      left: pictures().right,
      right: pictures().right,
      opinion: "same_person",
      reason: "x",
    });
    expect(same.statusCode).toBe(400);
    const other = await server.store.db
      .insertInto("subjects")
      .values({ operation_id: scenario.operation.id, label: "Someone else" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const elsewhere = await post(`${base()}/subjects/${other.id}/image-comparisons`, {
      ...pictures(),
      opinion: "same_person",
      reason: "x",
    });
    expect(elsewhere.statusCode).toBe(404);
    expect(elsewhere.json().detail).toMatch(/subject's page/u);
  });

  it("records the opinion as a ledger entry citing both pictures by SHA-256, listed on the subject", async () => {
    const response = await post(`${subjectUrl()}/image-comparisons`, {
      ...pictures(),
      opinion: "different_people",
      reason: "different room and a different wall colour",
    });
    expect(response.statusCode, response.body).toBe(201);
    const { id } = response.json();
    const entry = await server.store.db
      .selectFrom("ledger_entries")
      .select("kind")
      .where("source_table", "=", "image_comparisons")
      .where("source_id", "=", id)
      .executeTakeFirstOrThrow();
    expect(entry.kind).toBe("image_comparison");
    const detail = (
      await server.app.inject({ method: "GET", url: subjectUrl(), headers: analyst.headers })
    ).json();
    const listed = detail.comparisons.find((c: { id: string }) => c.id === id);
    expect(listed).toMatchObject({
      opinion: "different_people",
      reason: "different room and a different wall colour",
      left: { kind: "capture", sha256: sha(PNG) },
      right: { kind: "finding", sha256: sha(FINDING_PNG) },
    });
    expect(detail.timeline.map((t: { text: string }) => t.text)).toContainEqual(
      expect.stringContaining("show different people"),
    );
    await issueTreeHead(server.store.db, testSigner(), scenario.operation.id);
    expect(
      (await verifyLedger(server.store.db, { operationId: scenario.operation.id })).problem,
    ).toBeNull();
  });
});
