import { spawn, type ChildProcess } from "node:child_process";
import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { acceptsConnections, freePort, waitUntil } from "./loopback";

/** The server name ngircd gives itself in the tests (the `001` prefix). */
export const NGIRCD_SERVER_NAME = "irc.test.local";

export interface NgircdOptions {
  /** Also listen with TLS (a self-signed certificate made for the run) on `tlsPort`. */
  tls?: boolean;
}

/**
 * Debian's ngircd on loopback, on a free port, with a configuration generated in a temp dir
 * (installed by scripts/ensure-system-deps.sh). `stop()` and `start()` again keep the port,
 * so a test can take the network away mid-conversation and bring it back.
 */
export class NgircdServer {
  readonly host = "127.0.0.1";
  readonly serverName = NGIRCD_SERVER_NAME;
  private child: ChildProcess | undefined;
  private constructor(
    readonly port: number,
    readonly tlsPort: number | null,
    private readonly dir: string,
    private readonly configFile: string,
  ) {}

  static async start(options: NgircdOptions = {}): Promise<NgircdServer> {
    const dir = mkdtempSync(join(tmpdir(), "sweetie-ngircd-"));
    // ngircd drops to user nobody: it must still read its files.
    chmodSync(dir, 0o755);
    const port = await freePort();
    const tlsPort = options.tls ? await freePort() : null;
    const motd = join(dir, "motd");
    writeFileSync(motd, "loopback test server\n");
    const lines = [
      "[Global]",
      `Name = ${NGIRCD_SERVER_NAME}`,
      "Info = Sweetie test network",
      "Listen = 127.0.0.1",
      `Ports = ${port}`,
      `MotdFile = ${motd}`,
      "[Limits]",
      "MaxConnectionsIP = 0",
      "MaxNickLength = 30",
      "PingTimeout = 120",
      "[Options]",
      "PAM = no",
      "Ident = no",
      "DNS = no",
      `IncludeDir = ${dir}/conf.d`,
    ];
    if (tlsPort) {
      const key = join(dir, "key.pem");
      const cert = join(dir, "cert.pem");
      execFileSync(
        "openssl",
        ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
          .concat(["-keyout", key, "-out", cert])
          .concat(["-days", "1", "-subj", "/CN=127.0.0.1"]),
        { stdio: "ignore" },
      );
      chmodSync(key, 0o644);
      lines.push("[SSL]", `CertFile = ${cert}`, `KeyFile = ${key}`, `Ports = ${tlsPort}`);
    }
    const configFile = join(dir, "ngircd.conf");
    writeFileSync(configFile, `${lines.join("\n")}\n`, { mode: 0o644 });
    const server = new NgircdServer(port, tlsPort, dir, configFile);
    await server.start();
    return server;
  }

  /** Starts (again) on the same port; resolves once it accepts connections. */
  async start(): Promise<void> {
    if (this.child) return;
    const child = spawn("ngircd", ["-n", "-f", this.configFile], { stdio: "ignore" });
    this.child = child;
    child.once("exit", () => {
      if (this.child === child) this.child = undefined;
    });
    await waitUntil(() => acceptsConnections(this.port), { what: `ngircd on port ${this.port}` });
  }

  /** Stops the server (every client is disconnected); resolves once the process is gone. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = undefined;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;
    await waitUntil(async () => !(await acceptsConnections(this.port)), { what: "ngircd to stop" });
  }

  async close(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
