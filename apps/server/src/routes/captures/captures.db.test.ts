import { CAPTURE_LIMIT_MESSAGE } from "@sweetie/core/api/limits";
import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { ManualTimers } from "../../connectors/training/timers";
import { buildSignedInTeam, type SignedIn } from "../../test/accounts";
import { useTestApp } from "../../test/testHooks";
import { goPresentInLobby, letCounterpartWrite } from "../../test/trainingRange";

// The smallest valid PNG (1×1), built here rather than read from a fixture.
const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082",
  "hex",
);

describe("webcam captures", () => {
  let operationId: string;
  let conversationId: string;
  let operator: SignedIn;
  let analyst: SignedIn;
  const timers = new ManualTimers(Date.now());
  const server = useTestApp({ training: { timers, seed: 4 } });

  beforeAll(async () => {
    const team = await buildSignedInTeam(server.app, server.store.db, ["operator", "analyst"]);
    operationId = team.operation.id;
    operator = team.members.operator.session;
    analyst = team.members.analyst.session;
    await goPresentInLobby(server.app, operationId, operator.headers);
    await letCounterpartWrite(server.app, operationId, timers);
    conversationId = (
      await server.store.db.selectFrom("conversations").select("id").executeTakeFirstOrThrow()
    ).id;
  });

  const upload = (by: SignedIn, bytes: Buffer, mediaType: string, fileName = "cam.png") =>
    server.app.inject({
      method: "POST",
      url: `/api/operations/${operationId}/conversations/${conversationId}/captures`,
      headers: by.headers,
      payload: { fileName, mediaType, dataBase64: bytes.toString("base64") },
    });

  it("stores a capture with its SHA-256, ledgers it, serves it inert (nosniff, sandboxed, not cached) and audits every read", async () => {
    expect((await upload(analyst, PNG, "image/png")).statusCode).toBe(403);
    const created = await upload(operator, PNG, "image/png", "<img src=x onerror=alert(1)>.png");
    expect(created.statusCode).toBe(201);
    const { capture } = created.json<{
      capture: { id: string; sha256: string; sizeBytes: number };
    }>();
    expect(capture.sha256).toBe(createHash("sha256").update(PNG).digest("hex"));
    expect(capture.sizeBytes).toBe(PNG.length);

    const ledgered = await server.store.db
      .selectFrom("ledger_entries")
      .select("kind")
      .where("kind", "=", "capture")
      .execute();
    expect(ledgered).toHaveLength(1);

    const list = await server.app.inject({
      url: `/api/operations/${operationId}/conversations/${conversationId}/captures`,
      headers: analyst.headers,
    });
    expect(list.json<{ captures: { fileName: string }[] }>().captures[0]!.fileName).toBe(
      "<img src=x onerror=alert(1)>.png",
    );

    // The server withholds the bytes until the person reveals the capture (S8).
    const hidden = await server.app.inject({
      url: `/api/operations/${operationId}/captures/${capture.id}/content`,
      headers: analyst.headers,
    });
    expect(hidden.statusCode).toBe(403);
    expect(hidden.json()).toMatchObject({ code: "reveal_required" });
    const reveal = await server.app.inject({
      method: "POST",
      url: `/api/operations/${operationId}/reveals`,
      headers: analyst.headers,
      payload: { targetType: "capture", targetId: capture.id },
    });
    expect(reveal.statusCode).toBe(200);
    const content = await server.app.inject({
      url: `/api/operations/${operationId}/captures/${capture.id}/content`,
      headers: analyst.headers,
    });
    expect(content.statusCode).toBe(200);
    expect(content.headers["content-type"]).toBe("image/png");
    expect(content.rawPayload.equals(PNG)).toBe(true);
    // Counterpart bytes (S7): never sniffed into something runnable, sandboxed, never cached.
    expect(content.headers["x-content-type-options"]).toBe("nosniff");
    expect(content.headers["content-security-policy"]).toBe("default-src 'none'; sandbox");
    expect(content.headers["cache-control"]).toBe("no-store");
    expect(content.headers["content-disposition"]).toBe("inline");
    const reads = await server.store.db
      .selectFrom("audit")
      .select("action")
      .where("action", "=", "capture.read")
      .execute();
    expect(reads).toHaveLength(1);
  });

  it("refuses mislabelled, foreign and oversized files, storing nothing", async () => {
    const mislabelled = await upload(operator, PNG, "image/jpeg");
    expect(mislabelled.json()).toMatchObject({ code: "capture_rejected" });
    const html = await upload(
      operator,
      Buffer.from("<html><script>x</script></html>"),
      "text/html",
    );
    expect(html.json()).toMatchObject({ code: "capture_rejected" });
    const big = Buffer.alloc(5 * 1024 * 1024 + 10);
    PNG.copy(big);
    const oversized = await upload(operator, big, "image/png");
    expect(oversized.json()).toMatchObject({ code: "capture_rejected" });
    // One sentence states the limit, whether the file or the whole request is too large.
    expect(oversized.json<{ detail: string }>().detail).toContain(CAPTURE_LIMIT_MESSAGE);
    const huge = Buffer.alloc(8 * 1024 * 1024);
    PNG.copy(huge);
    const tooLarge = await upload(operator, huge, "image/png");
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json()).toMatchObject({
      code: "payload_too_large",
      detail: CAPTURE_LIMIT_MESSAGE,
    });
    expect(await server.store.db.selectFrom("captures").select("id").execute()).toHaveLength(1);
  });
});
