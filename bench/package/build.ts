/**
 * The build half of the package benchmark, in its own process so that its peak RSS is the
 * build's alone (the kernel's maxRSS of this process, worker threads included): builds the
 * referral package of the seeded operation into the given path with a progress bar on stderr
 * and prints one JSON line of figures on stdout.
 * Arguments: <database-url> <operation-id> <package-path> <signing-key-seed-hex>
 * (the seed stays the same for a kept database, whose signed heads the build reuses).
 */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SingleBar } from "cli-progress";
import { fromHex, signingKeyFromSeed } from "@sweetie/core/ledger/index";
import { openStore } from "../../apps/server/src/db/database";
import { ledgerSigner } from "../../apps/server/src/ledger/headAnchor";
import { recordReferralSource } from "../../apps/server/src/referrals/referralSource";
import { writePackageFile } from "../../apps/server/src/referrals/writePackageFile";

const [url, operationId, packagePath, seed] = process.argv.slice(2);
if (!url || !operationId || !packagePath || !seed) {
  throw new Error("usage: build.ts <database-url> <operation-id> <package-path> <seed-hex>");
}

const store = await openStore({ kind: "postgres", url, maxConnections: 4 });
try {
  const db = store.db;
  const anchorDir = await mkdtemp(join(tmpdir(), "sweetie-bench-anchor-"));
  const signer = ledgerSigner(signingKeyFromSeed(fromHex(seed)), join(anchorDir, "anchor.json"));
  const bar = new SingleBar({
    stream: process.stderr,
    format: "building package [{bar}] {value}/{total} conversations | {stage}",
    noTTYOutput: true,
    notTTYSchedule: 2000,
  });
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 50);
  const cpuStart = process.cpuUsage();
  const buildStart = performance.now();
  const subjects = await recordReferralSource.subjects(db, operationId, { country: "NL" });
  bar.start(
    subjects.reduce((n, s) => n + s.conversationIds.length, 0),
    0,
    { stage: "evidence" },
  );
  await writePackageFile(
    db,
    {
      kind: "referral",
      packageId: "bench",
      operation: await recordReferralSource.operation(db, operationId),
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
  const cpu = process.cpuUsage(cpuStart);
  bar.stop();
  clearInterval(sampler);
  const usage = process.resourceUsage();
  process.stdout.write(
    `${JSON.stringify({
      subjects: subjects.length,
      buildSeconds,
      buildCpuSeconds: (cpu.user + cpu.system) / 1e6,
      sampledPeakRssMb: peakRss / 1048576,
      maxRssMb: usage.maxRSS / 1024,
    })}\n`,
  );
} finally {
  await store.close();
}
