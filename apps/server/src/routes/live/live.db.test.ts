import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { ManualTimers } from "../../connectors/training/timers";
import type { OperationRow } from "../../db/tables/operations";
import { buildOperationWithTeam, buildUser, TEST_PASSWORD } from "../../test/accounts";
import { useTestApp } from "../../test/testHooks";

const LOBBY = "training://lobby";
const onPostgres = process.env.SWEETIE_TEST_STORE === "postgres";

interface Frame {
  type: string;
  messages?: { body: string; direction: string }[];
  conversations?: { counterpartHandle: string }[];
}

/** Signs in over HTTP like a browser; returns the cookie and CSRF header. */
async function signIn(baseUrl: string, username: string) {
  const response = await fetch(`${baseUrl}/api/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: TEST_PASSWORD }),
  });
  if (response.status !== 200)
    throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return {
    cookie,
    headers: { cookie, "x-csrf-token": csrfToken, "content-type": "application/json" },
  };
}

/** Opens the live stream and collects its frames. */
async function openLive(baseUrl: string, operationId: string, cookie: string) {
  const socket = new WebSocket(
    `${baseUrl.replace("http", "ws")}/api/operations/${operationId}/live`,
    {
      headers: { cookie },
    },
  );
  const frames: Frame[] = [];
  const closed = once(socket, "close");
  socket.on("message", (data: Buffer) => frames.push(JSON.parse(data.toString("utf8")) as Frame));
  await once(socket, "open");
  const waitFor = async (predicate: (frame: Frame) => boolean, timeoutMs = 15_000) => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const found = frames.find(predicate);
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(
      `no matching frame within ${timeoutMs} ms; got ${JSON.stringify(frames.map((f) => f.type))}`,
    );
  };
  return { socket, frames, waitFor, closed };
}

describe("live stream", () => {
  let operation: OperationRow;
  let operatorName: string;
  let analystName: string;
  let analystId: string;
  const timers = new ManualTimers(Date.now());
  const server = useTestApp({ listen: true, training: { timers, seed: 3 } });

  beforeAll(async () => {
    const operator = await buildUser(server.store.db);
    const analyst = await buildUser(server.store.db);
    operatorName = operator.username;
    analystName = analyst.username;
    analystId = analyst.id;
    operation = await buildOperationWithTeam(server.store.db, {
      isTraining: true,
      team: [
        { userId: operator.id, role: "operator" },
        { userId: analyst.id, role: "analyst" },
      ],
    });
  });

  it("refuses a socket without a session, and streams ingested messages with the REST presenters", async () => {
    const anonymous = new WebSocket(
      `${server.url.replace("http", "ws")}/api/operations/${operation.id}/live`,
    );
    const refused = await new Promise<string>((resolve) => {
      anonymous.on("unexpected-response", (request, response) => {
        // Listening for this event means the client must end the request itself.
        request.destroy();
        resolve(`http ${response.statusCode}`);
      });
      anonymous.on("close", (code) => resolve(`closed ${code}`));
      anonymous.on("error", () => undefined);
    });
    expect(refused).toBe("http 401");

    const operator = await signIn(server.url, operatorName);
    const analyst = await signIn(server.url, analystName);
    const live = await openLive(server.url, operation.id, analyst.cookie);
    await live.waitFor((frame) => frame.type === "hello");
    const presence = await fetch(`${server.url}/api/operations/${operation.id}/presence`, {
      method: "POST",
      headers: operator.headers,
      body: JSON.stringify({ venueAddress: LOBBY, displayName: "ana" }),
    });
    expect(presence.status).toBe(201);
    server.app.consoleRuntime.hub.trainingRange(operation.id)!.spawn("hostile_markup", LOBBY);
    timers.advance(5_000);
    const frame = await live.waitFor((candidate) => candidate.type === "messages");
    expect(frame.messages![0]!.body).toContain("<script>");
    expect(frame.conversations![0]!.counterpartHandle.startsWith("<")).toBe(true);

    // Removed from the team: the next event is not sent, the socket is told and closed.
    await server.store.db.deleteFrom("memberships").where("user_id", "=", analystId).execute();
    const before = live.frames.length;
    server.app.consoleRuntime.hub.trainingRange(operation.id)!.spawn("ignores_persona", LOBBY);
    timers.advance(5_000);
    await live.waitFor((candidate) => candidate.type === "revoked");
    expect(live.frames.slice(before).some((candidate) => candidate.type === "messages")).toBe(
      false,
    );
    const [code] = (await live.closed) as [number];
    expect(code).toBe(4403);
  });

  it.runIf(onPostgres)(
    "shows live, on a console connected to one server process, a message ingested by another",
    async () => {
      const url = server.store.url!;
      const port = 41_000 + Math.floor(Math.random() * 2_000);
      const child: ChildProcess = spawn(
        process.execPath,
        [fileURLToPath(new URL("../../../../../bin/sweetie.js", import.meta.url)), "serve"],
        {
          env: { ...process.env, DATABASE_URL: url, PORT: String(port), HOST: "127.0.0.1" },
          stdio: ["ignore", "pipe", "pipe"],
        },
      );
      try {
        let output = "";
        child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
        child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
        const deadline = Date.now() + 60_000;
        while (!output.includes("Sweetie is serving")) {
          if (Date.now() > deadline || child.exitCode !== null)
            throw new Error(`second process did not start:\n${output}`);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        const second = `http://127.0.0.1:${port}`;
        await server.store.db
          .insertInto("memberships")
          .values({ operation_id: operation.id, user_id: analystId, role: "analyst" })
          .execute();

        const analyst = await signIn(server.url, analystName);
        const live = await openLive(server.url, operation.id, analyst.cookie);
        await live.waitFor((frame) => frame.type === "hello");

        const operator = await signIn(second, operatorName);
        const presence = await fetch(`${second}/api/operations/${operation.id}/presence`, {
          method: "POST",
          headers: operator.headers,
          body: JSON.stringify({ venueAddress: LOBBY, displayName: "ana" }),
        });
        expect(presence.status).toBe(201);
        const spawned = await fetch(
          `${second}/api/operations/${operation.id}/training/counterparts`,
          {
            method: "POST",
            headers: operator.headers,
            body: JSON.stringify({ venueAddress: LOBBY, behaviourId: "ignores_persona" }),
          },
        );
        const { handle } = (await spawned.json()) as { handle: string };
        const frame = await live.waitFor(
          (candidate) =>
            candidate.type === "messages" &&
            candidate.conversations!.some((c) => c.counterpartHandle === handle),
          20_000,
        );
        expect(frame.messages![0]).toMatchObject({ direction: "in", body: "hey" });
        live.socket.close();
      } finally {
        child.kill("SIGTERM");
        if (child.exitCode === null) await once(child, "exit");
      }
    },
  );
});
