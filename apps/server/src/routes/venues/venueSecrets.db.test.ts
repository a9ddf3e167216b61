import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { OperationRow } from "../../db/tables/operations";
import { buildSignedInTeam, type SignedIn } from "../../test/accounts";
import { waitUntil } from "../../test/loopback";
import { startProsody, type ProsodyServer } from "../../test/prosody";
import { useTestApp } from "../../test/testHooks";
import { bodyOf, connectCounterpart } from "../../test/xmppCounterpart";

// A network's secret is used to sign in and for nothing else: with a known password on a real
// prosody (and one that is wrong), every venue route is exercised, successes and failures, and
// the password, its base64 and the SASL PLAIN token carrying it appear in no response, no line of
// the server's log and nothing the process printed.

vi.setConfig({ testTimeout: 120_000 });

const SECRET = `s3cret-${randomUUID()}`;
const WRONG = `wrong-${randomUUID()}`;
const logLines: string[] = [];

describe("network secrets never leave the server", () => {
  const server = useTestApp({ logStream: { write: (line) => void logLines.push(line) } });
  let prosody: ProsodyServer;
  let operation: OperationRow;
  let supervisor: SignedIn;
  let operator: SignedIn;
  const printed: string[] = [];
  const responses: string[] = [];
  const url = (path: string) => `/api/operations/${operation.id}${path}`;

  beforeAll(async () => {
    prosody = await startProsody();
    await prosody.register("ana-s", SECRET);
    await prosody.register("ana-w", "the-real-one");
    const team = await buildSignedInTeam(server.app, server.store.db, ["supervisor", "operator"]);
    operation = team.operation;
    supervisor = team.members.supervisor.session;
    operator = team.members.operator.session;
    await server.store.db
      .updateTable("operations")
      .set({ permitted_venues: JSON.stringify([`xmpp:den@${prosody.mucDomain}`]) })
      .where("id", "=", operation.id)
      .execute();
    // Everything the process prints while the routes run (connector errors go to the console).
    for (const stream of [process.stdout, process.stderr]) {
      const write = stream.write.bind(stream);
      vi.spyOn(stream, "write").mockImplementation((chunk: string | Uint8Array, ...rest) => {
        printed.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
        return write(chunk, ...(rest as []));
      });
    }
    for (const method of ["log", "info", "warn", "error", "debug"] as const) {
      const original = console[method].bind(console);
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        printed.push(args.map((arg) => (arg instanceof Error ? arg.stack : String(arg))).join(" "));
        original(...args);
      });
    }
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await prosody?.dispose();
  });

  async function call(
    session: SignedIn,
    method: "GET" | "POST",
    path: string,
    payload?: object,
  ): Promise<{ statusCode: number; json: () => unknown }> {
    const response = await server.app.inject({
      method,
      url: url(path),
      headers: session.headers,
      ...(payload ? { payload } : {}),
    });
    responses.push(`${method} ${path} ${response.statusCode} ${response.body}`);
    return { statusCode: response.statusCode, json: () => response.json() };
  }

  const network = (accountName: string, secret: string) => ({
    protocol: "xmpp",
    host: "127.0.0.1",
    port: prosody.port,
    tls: false,
    accountName: `${accountName}@${prosody.domain}`,
    secret,
    rooms: [`den@${prosody.mucDomain}`],
  });

  it("exercises every venue route with a known secret, and finds it nowhere", async () => {
    // Refused inputs that carry the secret: validation, authorization, duplicates.
    expect(
      (await call(supervisor, "POST", "/networks", { ...network("ana-s", SECRET), port: 0 }))
        .statusCode,
    ).toBe(400);
    expect(
      (
        await call(supervisor, "POST", "/networks", {
          ...network("ana-s", SECRET),
          rooms: ["other@x"],
        })
      ).statusCode,
    ).toBe(403);
    expect((await call(operator, "POST", "/networks", network("ana-s", SECRET))).statusCode).toBe(
      403,
    );
    expect(
      (
        await call(supervisor, "POST", "/networks", {
          ...network("ana-extra", SECRET),
          extra: SECRET,
        })
      ).statusCode,
    ).toBeLessThan(500);
    const added = await call(supervisor, "POST", "/networks", network("ana-s", SECRET));
    expect(added.statusCode).toBe(201);
    const wrong = await call(supervisor, "POST", "/networks", {
      ...network("ana-w", WRONG),
      rooms: [],
    });
    expect(wrong.statusCode).toBe(201);
    const { networkId } = added.json() as { networkId: string };
    const wrongId = (wrong.json() as { networkId: string }).networkId;

    const tested = await call(supervisor, "POST", `/networks/${networkId}/test`);
    expect(tested.json()).toMatchObject({ ok: true });
    const failed = await call(supervisor, "POST", `/networks/${wrongId}/test`);
    expect(failed.json()).toMatchObject({ ok: false });
    expect((await call(operator, "POST", `/networks/${networkId}/test`)).statusCode).toBe(403);

    const venueAddress = `xmpp:den@${prosody.mucDomain}`;
    const present = await call(operator, "POST", "/presence", { venueAddress, displayName: "ana" });
    expect(present.statusCode).toBe(201);
    const bob = await connectCounterpart(prosody, `bob-${randomUUID().slice(0, 6)}`);
    try {
      await bob.join(`den@${prosody.mucDomain}`, "bobby");
      await bob.say(`den@${prosody.mucDomain}/ana`, `is ${SECRET.slice(0, 6)} your password?`);
      let conversationId = "";
      await waitUntil(
        async () => {
          await server.app.consoleRuntime.queue.drain();
          const list = await call(operator, "GET", "/conversations");
          const items = (list.json() as { conversations: { id: string }[] }).conversations;
          conversationId = items[0]?.id ?? "";
          return items.length === 1;
        },
        { what: "the conversation", timeoutMs: 30_000 },
      );
      const sent = await call(operator, "POST", `/conversations/${conversationId}/messages`, {
        moveId: "greeting",
        language: "en",
      });
      expect(sent.json()).toMatchObject({ delivery: "sent" });
      await waitUntil(() => bob.inbox.some((stanza) => bodyOf(stanza) !== null), {
        what: "the greeting",
      });
      await call(operator, "GET", `/conversations/${conversationId}`);
      await call(operator, "GET", "/console");
      await call(supervisor, "GET", "/venues");
      await call(operator, "GET", "/venues");
      await call(supervisor, "GET", "/audit");
      // The server goes away under the connector (errors are printed) and comes back.
      await prosody.restart();
      await waitUntil(
        () =>
          server.app.consoleRuntime.hub.statusFor(operation.id, networkId)?.state === "connected",
        { what: "the connector to be back", timeoutMs: 60_000 },
      );
      await call(operator, "GET", "/venues");
      const left = await call(operator, "POST", "/presence/leave", { venueAddress });
      expect(left.json()).toMatchObject({ left: true });
      await call(supervisor, "GET", "/venues");
    } finally {
      await bob.stop();
    }

    expect(logLines.length).toBeGreaterThan(10);
    expect(printed.some((line) => line.includes("xmpp:"))).toBe(true);
    const haystack = [...responses, ...logLines, ...printed].join("\n");
    const plainToken = (user: string, secret: string) =>
      Buffer.from(`\u0000${user}\u0000${secret}`).toString("base64");
    for (const secret of [SECRET, WRONG]) {
      for (const form of [
        secret,
        Buffer.from(secret).toString("base64"),
        Buffer.from(secret).toString("base64url"),
        Buffer.from(secret).toString("hex"),
        encodeURIComponent(secret),
      ]) {
        expect(haystack.includes(form), `${form} was found`).toBe(false);
      }
    }
    expect(haystack.includes(plainToken("ana-s", SECRET))).toBe(false);
    expect(haystack.includes(plainToken("ana-w", WRONG))).toBe(false);
  });
});
