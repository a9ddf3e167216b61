/**
 * `npm run bench -- package [subjects] [messages-per-subject] [capture-kib]`: builds a referral
 * package for 1,000 subjects × 50 messages (one webcam still of 256 KiB each, JPEG-sized random
 * bytes) from a throw-away PostgreSQL database on 127.0.0.1:5432, through the real paths: the
 * counterparts' messages go through ingest (detector, protocol, ledger), each conversation is
 * confirmed by a supervisor (decision, subject, link) and gets a capture, then the package is
 * built (streamed ZIP: entries, proofs, transcripts, captures, report.pdf, verify.html) with a
 * progress bar, and `sweetie verify` checks it. `openssl dgst -sha256` hashes the same file in
 * the same run. Peak RSS is sampled every 50 ms during the build (process.memoryUsage) and
 * reported with the process's maxRSS (which includes seeding). The package is left in a temp
 * folder outside the repository. Writes bench/results/package.json.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, statSync, writeFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { SingleBar } from "cli-progress";
import { sql } from "kysely";
import pg from "pg";
import { generateSigningKey } from "@sweetie/core/ledger/index";
import { runVerify } from "../apps/server/src/cli/verify";
import { addCapture } from "../apps/server/src/commands/addCapture";
import { ingestMessages, type IngestItem } from "../apps/server/src/commands/ingestMessages";
import { reviewConversation } from "../apps/server/src/commands/reviewConversation";
import { coreAnalyzer } from "../apps/server/src/conversations/coreAnalyzer";
import { ledgerEvidence } from "../apps/server/src/conversations/ledgerEvidence";
import { openStore } from "../apps/server/src/db/database";
import { migrateToLatest } from "../apps/server/src/db/migrator";
import { ledgerSigner } from "../apps/server/src/ledger/headAnchor";
import { recordReferralSource } from "../apps/server/src/referrals/referralSource";
import { writePackageFile } from "../apps/server/src/referrals/writePackageFile";
import { buildOperationWithTeam, buildUser } from "../apps/server/src/test/accounts";
import { buildVenue } from "../apps/server/src/test/factories";

const SUBJECTS = Number(process.argv[2] ?? 1000);
const MESSAGES = Number(process.argv[3] ?? 50);
const CAPTURE_BYTES = Number(process.argv[4] ?? 256) * 1024;
const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const LINES = [
  "hi asl?",
  "how old r u",
  "where do you live",
  "do you have a cam",
  "i can send load",
  "are you alone now",
  "ok",
  "lol",
  "u there?",
  "what school grade",
];

const actor = (user: { id: string; username: string }) => ({
  userId: user.id,
  username: user.username,
  isAdmin: false,
  ip: "127.0.0.1",
});

async function main() {
  const name = `sweetie_bench_pkg_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const store = await openStore({ kind: "postgres", url: url.toString(), maxConnections: 4 });
  try {
    await migrateToLatest(store.db);
    const db = store.db;
    const [operator, supervisor] = [await buildUser(db), await buildUser(db)];
    const operation = await buildOperationWithTeam(db, {
      name: "Benchmark operation",
      team: [
        { userId: operator.id, role: "operator" },
        { userId: supervisor.id, role: "supervisor" },
      ],
    });
    const venue = await buildVenue(db, operation.id);
    const persona = await db
      .insertInto("personas")
      .values({
        operation_id: operation.id,
        name: "ana",
        age: 10,
        gender: "girl",
        location: "Cebu",
        display_names: JSON.stringify(["ana"]),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const ports = { analyzer: coreAnalyzer, evidence: ledgerEvidence };
    const seedStart = performance.now();
    const t0 = Date.now() - SUBJECTS * MESSAGES;
    for (let from = 0; from < SUBJECTS; from += 20) {
      const items: IngestItem[] = [];
      for (let s = from; s < Math.min(SUBJECTS, from + 20); s++) {
        for (let m = 0; m < MESSAGES; m++) {
          items.push({
            operationId: operation.id,
            venueId: venue.id,
            personaId: persona.id,
            message: {
              venueAddress: "training://lobby",
              counterpartId: `cp-${s}`,
              counterpartHandle: `counterpart ${s}`,
              bytes: new TextEncoder().encode(`${LINES[(s + m) % LINES.length]} (${m})`),
              receivedAt: new Date(t0 + s * MESSAGES + m),
            },
          });
        }
      }
      await db.transaction().execute((trx) => ingestMessages(trx, ports, items));
    }
    const conversations = await db
      .selectFrom("conversations")
      .select("id")
      .where("operation_id", "=", operation.id)
      .orderBy("created_at")
      .execute();
    await sql`update conversations set proposed = true where operation_id = ${operation.id}`.execute(
      db,
    );
    const jpeg = (i: number) => {
      const bytes = randomBytes(CAPTURE_BYTES);
      bytes.set([0xff, 0xd8, 0xff, 0xe0], 0);
      bytes.writeUInt32BE(i, 8);
      return bytes;
    };
    for (const [i, c] of conversations.entries()) {
      await db.transaction().execute((trx) =>
        reviewConversation(trx, ports, {
          actor: actor(supervisor),
          operationId: operation.id,
          conversationId: c.id,
          decision: "confirm",
          reason: "asked for a paid webcam show after the age statement",
        }),
      );
      await addCapture(db, ports, {
        actor: actor(operator),
        operationId: operation.id,
        conversationId: c.id,
        fileName: `cam-${i}.jpg`,
        mediaType: "image/jpeg",
        bytes: jpeg(i),
      });
    }
    await sql`update subjects set country = 'NL' where operation_id = ${operation.id}`.execute(db);
    const seedSeconds = (performance.now() - seedStart) / 1000;
    console.log(
      `seeded ${conversations.length} subjects × ${MESSAGES} messages in ${seedSeconds.toFixed(1)} s`,
    );

    const outDir = await mkdtemp(join(tmpdir(), "sweetie-bench-package-"));
    const packagePath = join(outDir, "referral-NL.zip");
    const anchorDir = await mkdtemp(join(tmpdir(), "sweetie-bench-anchor-"));
    const signer = ledgerSigner(generateSigningKey(), join(anchorDir, "anchor.json"));
    global.gc?.();
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 50);
    const bar = new SingleBar({
      stream: process.stderr,
      format: "building package [{bar}] {value}/{total} conversations | {stage}",
      noTTYOutput: true,
      notTTYSchedule: 2000,
    });
    bar.start(conversations.length, 0, { stage: "evidence" });
    const buildStart = performance.now();
    const subjects = await recordReferralSource.subjects(db, operation.id, { country: "NL" });
    await writePackageFile(
      db,
      {
        kind: "referral",
        packageId: "bench",
        operation: await recordReferralSource.operation(db, operation.id),
        subjects,
        country: "NL",
        agency: "Benchmark agency",
        signer,
        now: new Date(),
      },
      packagePath,
      (p) => bar.update(p.conversationsDone, { stage: p.stage }),
    );
    const buildSeconds = (performance.now() - buildStart) / 1000;
    bar.stop();
    clearInterval(sampler);
    const packageBytes = statSync(packagePath).size;

    const quiet = { out: () => undefined, err: (l: string) => console.error(l), isTTY: false };
    const verifyStart = performance.now();
    const verifyCpu = process.cpuUsage();
    const verified = await runVerify(packagePath, {}, quiet);
    const verifySeconds = (performance.now() - verifyStart) / 1000;
    const verifyCpuUsed = process.cpuUsage(verifyCpu);
    const verifyCpuSeconds = (verifyCpuUsed.user + verifyCpuUsed.system) / 1e6;
    const opensslStart = performance.now();
    // bash's `time -p` gives openssl's own CPU time beside the wall time measured here.
    const openssl = spawnSync("bash", ["-c", 'time -p openssl dgst -sha256 "$0"', packagePath], {
      encoding: "utf8",
    });
    const opensslSeconds = (performance.now() - opensslStart) / 1000;
    if (openssl.status !== 0) throw new Error(`openssl failed: ${openssl.stderr}`);
    const cpuOf = (label: string) =>
      Number(
        /^(user|sys) ([\d.]+)$/m.exec(
          openssl.stderr
            .split("\n")
            .filter((l) => l.startsWith(label))
            .join("\n"),
        )?.[2] ?? 0,
      );
    const opensslCpuSeconds = cpuOf("user") + cpuOf("sys");

    const figures = {
      subjects: subjects.length,
      messages: subjects.length * MESSAGES,
      captureBytesEach: CAPTURE_BYTES,
      store: "postgres",
      seedSeconds: round(seedSeconds),
      buildSeconds: round(buildSeconds),
      peakRssMb: round(peakRss / 1048576),
      processMaxRssMb: round(process.resourceUsage().maxRSS / 1024),
      packageBytes,
      verifyOk: verified.code === 0,
      entriesProved: verified.verdict?.entriesProved ?? 0,
      verifySeconds: round(verifySeconds),
      opensslSeconds: round(opensslSeconds),
      verifyRatioToOpenssl: round(opensslSeconds / verifySeconds),
      verifyCpuSeconds: round(verifyCpuSeconds),
      opensslCpuSeconds: round(opensslCpuSeconds),
      verifyCpuRatioToOpenssl: round(opensslCpuSeconds / verifyCpuSeconds),
      targets: { buildSeconds: 60, peakRssMb: 500, verifyRatioToOpenssl: 0.7 },
      packagePath,
      loadAverage: loadavg().map(round),
      cpus: cpus().length,
      node: process.version,
      at: new Date().toISOString(),
      note: "the machine is shared with other work; load average at the end of the run",
    };
    console.log(JSON.stringify(figures, null, 2));
    mkdirSync("bench/results", { recursive: true });
    writeFileSync("bench/results/package.json", `${JSON.stringify(figures, null, 2)}\n`);
  } finally {
    await store.close();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

await main();
