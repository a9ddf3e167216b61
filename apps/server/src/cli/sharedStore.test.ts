import { execFile, spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// One writer per embedded store, with real processes: a `sweetie serve` child on a PGlite data
// directory, and the `sweetie` command run beside it the way a person would.

const bin = fileURLToPath(new URL("../../../../bin/sweetie.js", import.meta.url));
const PASSWORD = "kettle orbit marigold";

describe("the CLI and a running server share the embedded store", () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let server: ChildProcess | undefined;
  let url: string;
  let operationId: string;

  const sweetie = (args: string[], stdin = "") =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      const child = execFile("node", [bin, ...args], { env }, (error, stdout, stderr) => {
        resolve({
          code: error ? (typeof error.code === "number" ? error.code : 1) : 0,
          stdout,
          stderr,
        });
      });
      child.stdin?.end(stdin);
    });

  /** Starts `sweetie serve` and resolves once it serves, with everything it printed. */
  const startServer = () =>
    new Promise<string>((resolve, reject) => {
      const child = spawn("node", [bin, "serve", "--seed"], { env });
      server = child;
      let output = "";
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const match = /serving on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (match) {
          url = match[1]!;
          resolve(output);
        }
      };
      child.stdout.on("data", onData);
      child.stderr.on("data", onData);
      child.on("exit", (code) => reject(new Error(`serve exited with ${code}: ${output}`)));
    });

  const stopServer = async (signal: NodeJS.Signals) => {
    const child = server!;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill(signal);
    await exited;
    server = undefined;
  };

  async function signIn(username: string): Promise<string> {
    const response = await fetch(`${url}/api/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username, password: PASSWORD }),
    });
    expect(response.status, `${username} signs in`).toBeLessThan(300);
    return response.headers.get("set-cookie")!.split(";")[0]!;
  }

  const get = async (path: string, cookie: string) => {
    const response = await fetch(`${url}${path}`, { headers: { cookie } });
    expect(response.status, path).toBe(200);
    return response.json() as Promise<Record<string, unknown>>;
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "sweetie-shared-"));
    env = { ...process.env, SWEETIE_DATA_DIR: dataDir, PORT: "0", HOST: "127.0.0.1" };
    delete env.DATABASE_URL;
    delete env.SWEETIE_MIGRATION_DATABASE_URL;
    await startServer();
  }, 120_000);

  afterAll(async () => {
    if (server) await stopServer("SIGTERM");
    await rm(dataDir, { recursive: true, force: true });
  });

  it("holds the store with a lock and publishes its local address with a private token", async () => {
    const lock = JSON.parse(await readFile(join(dataDir, "sweetie.lock"), "utf8")) as {
      pid: number;
      command: string;
    };
    expect(lock).toMatchObject({ pid: server!.pid, command: "serve" });
    const published = join(dataDir, "server.json");
    expect((await stat(published)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(published, "utf8"))).toMatchObject({ url, pid: lock.pid });
  });

  it("creates users through the running server: they sign in at once", async () => {
    const boss = await sweetie(["user", "add", "boss", "--role", "admin"], `${PASSWORD}\n`);
    expect(boss.stderr).toBe("");
    expect(boss.code).toBe(0);
    expect(boss.stdout).toContain("through the running server");
    const cookie = await signIn("boss");
    const { operations } = (await get("/api/operations", cookie)) as {
      operations: { id: string; isTraining: boolean }[];
    };
    operationId = operations.find((operation) => operation.isTraining)!.id;

    const operator = await sweetie(
      ["user", "add", "ana.reyes", "--role", "operator", "--operation", operationId],
      `${PASSWORD}\n`,
    );
    expect(operator.code, operator.stderr).toBe(0);
    await signIn("ana.reyes");

    // The one username rule, before anything is sent; and a refusal by the server is not a success.
    const badName = await sweetie(["user", "add", "Ana Reyes", "--role", "admin"], "");
    expect(badName.code).toBe(2);
    expect(badName.stderr).toContain("lowercase letters");
    const taken = await sweetie(["user", "add", "boss", "--role", "admin"], "");
    expect(taken.code).toBe(2);
    expect(taken.stderr).toContain("already exists");
    expect(taken.stdout).not.toContain("Created");
  }, 60_000);

  it("runs simulate's traffic in the server, where the console sees it", async () => {
    const run = await sweetie([
      "simulate",
      "--operation",
      operationId,
      "--as",
      "ana.reyes",
      "--counterparts",
      "3",
      "--rate",
      "6",
      "--seconds",
      "3",
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("run by the server that holds the store");
    const cookie = await signIn("ana.reyes");
    const { conversations } = (await get(
      `/api/operations/${operationId}/conversations`,
      cookie,
    )) as { conversations: unknown[] };
    expect(conversations.length).toBeGreaterThan(0);
  }, 60_000);

  it("refuses other writing verbs with what to do, and changes nothing", async () => {
    const migrate = await sweetie(["migrate"]);
    expect(migrate.code).toBe(2);
    expect(migrate.stderr).toContain("is in use by `sweetie serve`");
    expect(migrate.stderr).toContain("Stop it first");
    expect(migrate.stdout).toBe("");
  }, 30_000);

  it("after kill -9, the next start removes the stale lock and has lost nothing", async () => {
    const killed = server!.pid;
    await stopServer("SIGKILL");
    expect(existsSync(join(dataDir, "sweetie.lock"))).toBe(true);

    const output = await startServer();
    expect(output).toContain(`Removed a stale lock: \`sweetie serve\` (process ${killed}`);
    const cookie = await signIn("ana.reyes");
    const { conversations } = (await get(
      `/api/operations/${operationId}/conversations`,
      cookie,
    )) as { conversations: unknown[] };
    expect(conversations.length).toBeGreaterThan(0);

    await stopServer("SIGTERM");
    expect(existsSync(join(dataDir, "sweetie.lock"))).toBe(false);
    expect(existsSync(join(dataDir, "server.json"))).toBe(false);
  }, 120_000);
});
