import { createHash } from "node:crypto";
import { mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { request as httpRequest } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { filesystemBlobStore } from "../../blobs/filesystemBlobStore";
import { issueTreeHead } from "../../ledger/headIssuer";
import { verifyLedger } from "../../ledger/ledgerVerifier";
import { buildSignedInTeam, type SignedIn } from "../../test/accounts";
import { PNG } from "../../test/evidenceScenario";
import { waitUntil } from "../../test/loopback";
import { multipartBody } from "../../test/multipart";
import { openTestApp, type TestApp } from "../../test/testServer";
import { testSigner } from "../../test/testSigner";

// Acceptance (issue 11): a finding's file is typed by its bytes; HTML, SVG or a polyglot named
// .png is refused and stored nowhere; pages are kept as inert bytes and only ever served as a
// download; 50 MiB streams into the blob store (here the data directory); verify re-hashes it.

const MiB = 1024 * 1024;
let dataDir: string;
let server: TestApp;
let operationId: string;
let subjectId: string;
let analyst: SignedIn;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "sweetie-findings-"));
  server = await openTestApp({
    config: { SWEETIE_BLOB_STORE: "filesystem", SWEETIE_DATA_DIR: dataDir },
  });
  const { operation, members } = await buildSignedInTeam(server.app, server.store.db, ["analyst"]);
  operationId = operation.id;
  analyst = members.analyst.session;
  subjectId = (
    await server.store.db
      .insertInto("subjects")
      .values({ operation_id: operationId, label: "Subject one" })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
});

afterAll(async () => {
  await server?.close();
  await rm(dataDir, { recursive: true, force: true });
});

function upload(fileName: string, bytes: Uint8Array, type = "image/png") {
  const body = multipartBody(
    { title: "Capture", seenAt: "2026-11-30T10:00:00Z", sourceUrl: "https://example.net/p" },
    { name: "file", fileName, type, bytes },
  );
  return server.app.inject({
    method: "POST",
    url: `/api/operations/${operationId}/subjects/${subjectId}/findings`,
    headers: { ...analyst.headers, ...body.headers },
    payload: body.payload,
  });
}

const storedFiles = async () => {
  const root = join(dataDir, "blobs");
  const dirs = await readdir(root).catch(() => [] as string[]);
  let n = 0;
  for (const dir of dirs.filter((d) => d !== "staging"))
    n += (await readdir(join(root, dir))).length;
  const staging = await readdir(join(root, "staging")).catch(() => [] as string[]);
  return { named: n, staging: staging.length };
};
const findingCount = async () =>
  (await server.store.db.selectFrom("findings").select("id").execute()).length;

const text = (s: string) => new TextEncoder().encode(s);

describe("finding uploads", () => {
  it.each([
    [
      "an HTML page named .png",
      "photo.png",
      text("<!DOCTYPE html><html><script>alert(1)</script></html>"),
    ],
    [
      "an SVG drawing named .png",
      "photo.png",
      text('<svg xmlns="http://www.w3.org/2000/svg"><script>x()</script></svg>'),
    ],
    [
      "a polyglot: PNG bytes with a page inside",
      "photo.png",
      Uint8Array.from([...PNG, ...text("<html><script>x()</script>")]),
    ],
    ["a file that is none of the accepted kinds", "notes.png", text("just some text")],
  ])("refuses %s and stores nothing", async (_name, fileName, bytes) => {
    const [before, files] = [await findingCount(), await storedFiles()];
    const response = await upload(fileName, bytes);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      code: "finding_file_rejected",
      errors: [{ field: "file" }],
    });
    expect(await findingCount()).toBe(before);
    expect(await storedFiles()).toEqual({ ...files, staging: 0 });
  });

  it("keeps a saved page as inert bytes, served only as a download", async () => {
    const page = text("<!doctype html><html><body><script>steal()</script></body></html>");
    const response = await upload("saved page.html", page, "text/html");
    expect(response.statusCode, response.body).toBe(201);
    const { id, mediaType } = response.json<{ id: string; mediaType: string }>();
    expect(mediaType).toBe("text/html");
    const file = await server.app.inject({
      method: "GET",
      url: `/api/operations/${operationId}/findings/${id}/file`,
      headers: analyst.headers,
    });
    expect(file.statusCode).toBe(200);
    expect(file.headers["content-type"]).toBe("application/octet-stream");
    expect(file.headers["content-disposition"]).toMatch(
      /^attachment; filename="finding-[0-9a-f-]+\.html"$/,
    );
    expect(file.headers["x-content-type-options"]).toBe("nosniff");
    expect(file.headers["content-security-policy"]).toContain("sandbox");
    expect(file.rawPayload.equals(Buffer.from(page))).toBe(true);
  });

  it("serves an image as itself, never sniffed, and only once revealed (S8)", async () => {
    const response = await upload("photo.png", PNG);
    expect(response.statusCode, response.body).toBe(201);
    const findingId = response.json<{ id: string }>().id;
    const read = () =>
      server.app.inject({
        method: "GET",
        url: `/api/operations/${operationId}/findings/${findingId}/file`,
        headers: analyst.headers,
      });
    const hidden = await read();
    expect(hidden.statusCode).toBe(403);
    expect(hidden.json()).toMatchObject({ code: "reveal_required" });
    const reveal = await server.app.inject({
      method: "POST",
      url: `/api/operations/${operationId}/subjects/${subjectId}/comparison/reveals`,
      headers: analyst.headers,
      payload: { kind: "finding", id: findingId },
    });
    expect(reveal.statusCode, reveal.body).toBe(200);
    const file = await read();
    expect(file.statusCode).toBe(200);
    expect(file.headers["content-type"]).toBe("image/png");
    expect(file.headers["x-content-type-options"]).toBe("nosniff");
  });

  it("lets a PDF be downloaded without a reveal: it is never shown, only saved", async () => {
    const response = await upload("register.pdf", text("%PDF-1.7\n1 0 obj\n"), "application/pdf");
    expect(response.statusCode, response.body).toBe(201);
    const file = await server.app.inject({
      method: "GET",
      url: `/api/operations/${operationId}/findings/${response.json<{ id: string }>().id}/file`,
      headers: analyst.headers,
    });
    expect(file.statusCode).toBe(200);
    expect(file.headers["content-type"]).toBe("application/octet-stream");
    expect(file.headers["content-disposition"]).toMatch(/^attachment/u);
  });

  it("streams a 50 MiB file into the data directory under its SHA-256, and refuses one byte more", async () => {
    const big = new Uint8Array(50 * MiB);
    big.set(text("%PDF-1.7\n"));
    const response = await upload("register.pdf", big, "application/pdf");
    expect(response.statusCode, response.body).toBe(201);
    const sha256 = createHash("sha256").update(big).digest("hex");
    expect(response.json()).toMatchObject({ fileSha256: sha256, mediaType: "application/pdf" });
    expect((await stat(join(dataDir, "blobs", sha256.slice(0, 2), sha256))).size).toBe(50 * MiB);

    const before = await findingCount();
    const tooBig = await upload(
      "register.pdf",
      new Uint8Array(50 * MiB + 1).fill(0x25),
      "application/pdf",
    );
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json()).toMatchObject({ code: "finding_file_too_large" });
    expect(await findingCount()).toBe(before);
    expect((await storedFiles()).staging).toBe(0);
  }, 120_000);

  it("writes an upload to disk while it is still arriving (never holds it whole)", async () => {
    await server.app.listen({ port: 0, host: "127.0.0.1" });
    const address = server.app.server.address();
    const port = typeof address === "object" && address ? address.port : 0;
    const bytes = new Uint8Array(40 * MiB).fill(0x41);
    bytes.set(text("%PDF-1.7\n"));
    const body = multipartBody(
      { title: "Register", seenAt: "2026-11-30T10:00:00Z", sourceUrl: "https://example.net/r" },
      { name: "file", fileName: "register.pdf", type: "application/pdf", bytes },
    );
    const staged = async () => {
      const dir = join(dataDir, "blobs", "staging");
      const names = await readdir(dir).catch(() => [] as string[]);
      const sizes = await Promise.all(names.map(async (n) => (await stat(join(dir, n))).size));
      return Math.max(0, ...sizes);
    };
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = httpRequest(
        {
          host: "127.0.0.1",
          port,
          method: "POST",
          path: `/api/operations/${operationId}/subjects/${subjectId}/findings`,
          headers: {
            ...analyst.headers,
            ...body.headers,
            "content-length": String(body.payload.length),
          },
        },
        (response) => {
          let received = "";
          response.on("data", (chunk: Buffer) => (received += chunk.toString("utf8")));
          response.on("end", () => resolve({ status: response.statusCode ?? 0, body: received }));
        },
      );
      request.on("error", reject);
      // All but the last 8 MiB; the rest only once 24 MiB of the file are on disk.
      const held = body.payload.length - 8 * MiB;
      request.write(body.payload.subarray(0, held));
      void waitUntil(async () => (await staged()) >= 24 * MiB, {
        what: "the file's first bytes on disk before the upload ends",
        timeoutMs: 60_000,
      }).then(
        () => request.end(body.payload.subarray(held)),
        (error: unknown) => {
          request.destroy();
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
    const { status, body: reply } = await answer;
    expect(status, reply).toBe(201);
    expect(JSON.parse(reply)).toMatchObject({
      fileSha256: createHash("sha256").update(bytes).digest("hex"),
    });
  }, 120_000);

  it("ledger verify re-hashes the files in the data directory", async () => {
    await issueTreeHead(server.store.db, testSigner(), operationId);
    const blobs = filesystemBlobStore(join(dataDir, "blobs"));
    expect((await verifyLedger(server.store.db, { operationId, blobs })).problem).toBeNull();
    const finding = await server.store.db
      .selectFrom("findings")
      .select(["id", "file_sha256"])
      .where("file_media_type", "=", "image/png")
      .executeTakeFirstOrThrow();
    const entry = await server.store.db
      .selectFrom("ledger_entries")
      .select("id")
      .where("source_id", "=", finding.id)
      .executeTakeFirstOrThrow();
    const sha = finding.file_sha256!;
    await writeFile(join(dataDir, "blobs", sha.slice(0, 2), sha), Uint8Array.from([...PNG, 0]));
    const verdict = await verifyLedger(server.store.db, { operationId, blobs });
    expect(verdict.problem?.entryId).toBe(entry.id);
  });
});
