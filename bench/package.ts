/**
 * `npm run bench -- package [subjects] [messages-per-subject] [capture-kib]`: builds a referral
 * package for 1,000 subjects × 50 messages (one webcam still of 256 KiB each) from a throw-away
 * PostgreSQL database on 127.0.0.1:5432, through the real paths (bench/package/seed.ts seeds it
 * through ingest, review and capture), then checks it with `sweetie verify` and hashes the same
 * file with `openssl dgst -sha256` in the same run.
 *
 * The build runs in its own process (bench/package/build.ts) with a progress bar, so its peak
 * RSS is the kernel's maxRSS of the build alone, worker threads included. Verify and openssl run
 * three times each, alternating, and the fastest of each is compared (the machine is shared;
 * every sample is reported). The package is left in a temp folder outside the repository.
 * BENCH_DB=<name> keeps the seeded database under that name and reuses it on the next run.
 * Writes bench/results/package.json.
 */
import { spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, statSync, writeFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { runVerify } from "../apps/server/src/cli/verify";
import { openStore } from "../apps/server/src/db/database";
import { migrateToLatest } from "../apps/server/src/db/migrator";
import { BENCH_OPERATION, seedPackageOperation } from "./package/seed";

const SUBJECTS = Number(process.argv[2] ?? 1000);
const MESSAGES = Number(process.argv[3] ?? 50);
const CAPTURE_BYTES = Number(process.argv[4] ?? 256) * 1024;
const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const KEPT = process.env.BENCH_DB;
const RUNS = 3;

async function main() {
  if (KEPT !== undefined && !/^[a-z_][a-z0-9_]*$/.test(KEPT)) {
    throw new Error("BENCH_DB must be a plain lowercase database name");
  }
  const name = KEPT ?? `sweetie_bench_pkg_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const exists = (await admin.query("select 1 from pg_database where datname = $1", [name]))
    .rowCount;
  if (!exists) await admin.query(`create database ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const store = await openStore({ kind: "postgres", url: url.toString(), maxConnections: 4 });
  let dropped = false;
  try {
    await migrateToLatest(store.db);
    const db = store.db;
    const seeded = await db
      .selectFrom("operations")
      .select("id")
      .where("name", "=", BENCH_OPERATION)
      .executeTakeFirst();
    let operationId: string;
    let seedSeconds: number | null = null;
    if (seeded) {
      operationId = seeded.id;
      console.log(`reusing the operation seeded in database ${name}`);
    } else {
      const seedStart = performance.now();
      operationId = await seedPackageOperation(db, SUBJECTS, MESSAGES, CAPTURE_BYTES);
      seedSeconds = (performance.now() - seedStart) / 1000;
      console.log(
        `seeded ${SUBJECTS} subjects × ${MESSAGES} messages in ${seedSeconds.toFixed(1)} s`,
      );
    }
    const messages = Number(
      (
        await db
          .selectFrom("messages")
          .innerJoin("conversations", "conversations.id", "messages.conversation_id")
          .select((eb) => eb.fn.countAll<string>().as("n"))
          .where("conversations.operation_id", "=", operationId)
          .executeTakeFirstOrThrow()
      ).n,
    );
    await store.close();

    const outDir = await mkdtemp(join(tmpdir(), "sweetie-bench-package-"));
    const packagePath = join(outDir, "referral-NL.zip");
    const loadBefore = loadavg().map(round);
    const build = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        "bench/package/build.ts",
        url.toString(),
        operationId,
        packagePath,
        // The log key: the same for a kept database, whose signed heads the build reuses.
        createHash("sha256").update(`sweetie-bench-log-key:${name}`).digest("hex"),
      ],
      { stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" },
    );
    if (build.status !== 0) throw new Error(`the build failed (exit ${build.status})`);
    const built = JSON.parse(build.stdout.trim().split("\n").at(-1)!) as {
      subjects: number;
      buildSeconds: number;
      buildCpuSeconds: number;
      sampledPeakRssMb: number;
      maxRssMb: number;
    };
    const packageBytes = statSync(packagePath).size;

    const quiet = { out: () => undefined, err: (l: string) => console.error(l), isTTY: false };
    const verifyRuns: { seconds: number; cpuSeconds: number; ok: boolean; proved: number }[] = [];
    const opensslRuns: { seconds: number; cpuSeconds: number }[] = [];
    for (let run = 0; run < RUNS; run++) {
      const cpu = process.cpuUsage();
      const start = performance.now();
      const verified = await runVerify(packagePath, {}, quiet);
      const seconds = (performance.now() - start) / 1000;
      const used = process.cpuUsage(cpu);
      verifyRuns.push({
        seconds,
        cpuSeconds: (used.user + used.system) / 1e6,
        ok: verified.code === 0,
        proved: verified.verdict?.entriesProved ?? 0,
      });
      opensslRuns.push(openssl(packagePath));
    }
    const fastest = <T extends { seconds: number }>(runs: T[]) =>
      runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
    const verify = fastest(verifyRuns);
    const ossl = fastest(opensslRuns);
    const figures = {
      subjects: built.subjects,
      messages,
      captureBytesEach: CAPTURE_BYTES,
      store: "postgres",
      seedSeconds: seedSeconds === null ? null : round(seedSeconds),
      buildSeconds: round(built.buildSeconds),
      buildCpuSeconds: round(built.buildCpuSeconds),
      peakRssMb: round(built.maxRssMb),
      sampledPeakRssMb: round(built.sampledPeakRssMb),
      packageBytes,
      verifyOk: verifyRuns.every((r) => r.ok),
      entriesProved: verify.proved,
      verifySeconds: round(verify.seconds),
      opensslSeconds: round(ossl.seconds),
      verifyRatioToOpenssl: round(ossl.seconds / verify.seconds),
      verifyCpuSeconds: round(verify.cpuSeconds),
      opensslCpuSeconds: round(ossl.cpuSeconds),
      verifyCpuRatioToOpenssl: round(ossl.cpuSeconds / verify.cpuSeconds),
      verifySamples: verifyRuns.map((r) => ({
        seconds: round(r.seconds),
        cpuSeconds: round(r.cpuSeconds),
      })),
      opensslSamples: opensslRuns.map((r) => ({
        seconds: round(r.seconds),
        cpuSeconds: round(r.cpuSeconds),
      })),
      targets: { buildSeconds: 60, peakRssMb: 500, verifyRatioToOpenssl: 0.7 },
      packagePath,
      loadAverageBeforeBuild: loadBefore,
      loadAverage: loadavg().map(round),
      cpus: cpus().length,
      node: process.version,
      at: new Date().toISOString(),
      note:
        "buildSeconds: wall time of the build in its own process (module loading excluded); " +
        "peakRssMb: that process's maxRSS (worker threads included; PostgreSQL's own memory is not). " +
        "Verify and openssl ran alternately, fastest of each compared; the machine is shared.",
    };
    console.log(JSON.stringify(figures, null, 2));
    mkdirSync("bench/results", { recursive: true });
    writeFileSync("bench/results/package.json", `${JSON.stringify(figures, null, 2)}\n`);
    if (!KEPT) {
      await admin.query(`drop database if exists ${name} with (force)`);
      dropped = true;
    }
  } finally {
    await store.close().catch(() => undefined);
    if (!KEPT && !dropped) await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

/** `openssl dgst -sha256` over the file: wall time here, its own CPU time from bash's `time -p`. */
function openssl(path: string): { seconds: number; cpuSeconds: number } {
  const start = performance.now();
  const run = spawnSync("bash", ["-c", 'time -p openssl dgst -sha256 "$0"', path], {
    encoding: "utf8",
  });
  const seconds = (performance.now() - start) / 1000;
  if (run.status !== 0) throw new Error(`openssl failed: ${run.stderr}`);
  const field = (label: string) =>
    Number(new RegExp(`^${label} ([\\d.]+)$`, "m").exec(run.stderr)?.[1] ?? 0);
  return { seconds, cpuSeconds: field("user") + field("sys") };
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

await main();
