import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { acceptsConnections, freePort, waitUntil } from "./loopback";

/**
 * A throw-away Debian `prosody` on loopback for tests: a generated config in a temp dir (one
 * virtual host, a MUC component with XEP-0421 occupant ids, MAM, stream management), accounts
 * written into its data dir, started and stopped by the test. `restart()` keeps the port and the
 * data (accounts, archives), as a real server restart does.
 */
export interface ProsodyServer {
  readonly port: number;
  readonly domain: string;
  readonly mucDomain: string;
  readonly service: string;
  readonly dir: string;
  register(username: string, password: string): Promise<void>;
  stop(): Promise<void>;
  start(): Promise<void>;
  restart(): Promise<void>;
  /** Stops the server and removes its directory. */
  dispose(): Promise<void>;
  log(): Promise<string>;
}

const DOMAIN = "localhost";
const MUC_DOMAIN = "conference.localhost";

export async function startProsody(): Promise<ProsodyServer> {
  const dir = await mkdtemp(join(tmpdir(), "sweetie-prosody-"));
  const dataDir = join(dir, "data");
  await mkdir(join(dataDir, DOMAIN, "accounts"), { recursive: true });
  const port = await freePort();
  const configPath = join(dir, "prosody.cfg.lua");
  await writeFile(configPath, prosodyConfig({ dir, dataDir, port }));
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();

  const start = async () => {
    if (child) return;
    const process = spawn("prosody", ["--config", configPath, "-F"], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    process.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child = process;
    exited = new Promise((resolve) => process.once("exit", () => resolve()));
    try {
      await waitUntil(() => !!process.exitCode || acceptsConnections(port), {
        timeoutMs: 30_000,
        what: "prosody to accept connections",
      });
    } catch (error) {
      throw new Error(`prosody did not start: ${stderr}`, { cause: error });
    }
    if (process.exitCode !== null) throw new Error(`prosody exited at start: ${stderr}`);
  };
  const stop = async () => {
    const running = child;
    if (!running) return;
    child = undefined;
    running.kill("SIGTERM");
    const killer = setTimeout(() => running.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(killer);
  };

  await start();
  return {
    port,
    domain: DOMAIN,
    mucDomain: MUC_DOMAIN,
    service: `xmpp://127.0.0.1:${port}`,
    dir,
    async register(username, password) {
      // mod_auth_internal_plain reads this file at each login, so accounts work while running.
      await writeFile(
        join(dataDir, DOMAIN, "accounts", `${encodeNode(username)}.dat`),
        `return {\n\t["password"] = ${luaString(password)};\n};\n`,
      );
    },
    start,
    stop,
    async restart() {
      await stop();
      await start();
    },
    async dispose() {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
    async log() {
      const { readFile } = await import("node:fs/promises");
      return readFile(join(dir, "prosody.log"), "utf8").catch(() => "");
    },
  };
}

function prosodyConfig(input: { dir: string; dataDir: string; port: number }): string {
  return `-- generated for one test run
run_as_root = true
daemonize = false
pidfile = ${luaString(join(input.dir, "prosody.pid"))}
data_path = ${luaString(input.dataDir)}
log = { { levels = { min = "info" }, to = "file", filename = ${luaString(join(input.dir, "prosody.log"))} } }
interfaces = { "127.0.0.1" }
c2s_ports = { ${input.port} }
c2s_interfaces = { "127.0.0.1" }
component_ports = { }
s2s_ports = { }
c2s_require_encryption = false
allow_unencrypted_plain_auth = true
authentication = "internal_plain"
disable_sasl_mechanisms = { "SCRAM-SHA-1", "SCRAM-SHA-256", "DIGEST-MD5" }
modules_enabled = { "disco", "roster", "saslauth", "smacks", "mam", "ping", "presence", "message", "iq", "offline" }
modules_disabled = { "s2s", "http", "bosh", "websocket", "tls", "posix" }
limits = { }
smacks_hibernation_time = 600
default_archive_policy = true
archive_expires_after = "never"
VirtualHost "${DOMAIN}"
Component "${MUC_DOMAIN}" "muc"
  modules_enabled = { "muc_mam" }
  muc_room_locking = false
  restrict_room_creation = false
  muc_occupant_id = true
  muc_room_default_history_length = 20
  muc_room_default_persistent = true
`;
}

/** Prosody's datamanager file name encoding (every character outside [a-z0-9] as %xx). */
function encodeNode(node: string): string {
  return node.replace(/[^a-zA-Z0-9]/g, (char) =>
    [...Buffer.from(char)].map((byte) => `%${byte.toString(16).padStart(2, "0")}`).join(""),
  );
}

function luaString(value: string): string {
  return `"${value.replace(/[\\"]/g, (char) => `\\${char}`).replace(/\n/g, "\\n")}"`;
}
