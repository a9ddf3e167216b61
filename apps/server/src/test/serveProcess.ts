import { execFile, spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The `sweetie` command as a user runs it (bin/sweetie.js). */
export const SWEETIE_BIN = fileURLToPath(new URL("../../../../bin/sweetie.js", import.meta.url));

/** A `sweetie serve` child process on loopback, started by a test and stopped by it. */
export interface ServeProcess {
  url: string;
  child: ChildProcess;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** Ends it with `signal` and resolves once it is gone. */
  stop(signal: NodeJS.Signals): Promise<void>;
}

/** Runs a `sweetie` verb to its end. */
export function runSweetie(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile("node", [SWEETIE_BIN, ...args], { env }, (error, stdout, stderr) => {
      resolve({
        code: error ? (typeof error.code === "number" ? error.code : 1) : 0,
        stdout,
        stderr,
      });
    });
  });
}

/** Starts `sweetie serve` (PORT=0: a free loopback port) and resolves once it serves. */
export function startServe(env: NodeJS.ProcessEnv): Promise<ServeProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn("node", [SWEETIE_BIN, "serve"], {
      env: { ...env, PORT: "0", HOST: "127.0.0.1" },
    });
    let output = "";
    let exited = false;
    const gone = new Promise<void>((done) =>
      child.once("exit", () => {
        exited = true;
        done();
      }),
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /serving on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        child.stdout.off("data", onData);
        child.stdout.on("data", (more: Buffer) => (output += more.toString()));
        resolve({
          url: match[1]!,
          child,
          output: () => output,
          async stop(signal) {
            if (!exited) child.kill(signal);
            await gone;
          },
        });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => reject(new Error(`serve exited with ${code}: ${output}`)));
  });
}

/** A signed-in user of a server process, over real HTTP. */
export interface HttpSession {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body: unknown): Promise<{ status: number; body: T }>;
}

export async function signInOverHttp(
  baseUrl: string,
  username: string,
  password: string,
): Promise<HttpSession> {
  const response = await fetch(`${baseUrl}/api/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) {
    throw new Error(`sign-in as ${username} failed: ${response.status} ${await response.text()}`);
  }
  const cookie = response.headers.get("set-cookie")!.split(";")[0]!;
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return {
    async get<T>(path: string) {
      const answer = await fetch(`${baseUrl}${path}`, { headers: { cookie } });
      if (answer.status !== 200) throw new Error(`GET ${path}: ${answer.status}`);
      return (await answer.json()) as T;
    },
    async post<T>(path: string, body: unknown) {
      const answer = await fetch(`${baseUrl}${path}`, {
        method: "POST",
        headers: { cookie, "x-csrf-token": csrfToken, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      return { status: answer.status, body: (await answer.json()) as T };
    },
  };
}
