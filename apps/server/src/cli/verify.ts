import { SingleBar } from "cli-progress";
import type { Command } from "commander";
import { summarizeVerdict, verifyPackage, type PackageVerdict } from "@sweetie/core/referral/index";
import { runWitness, type WitnessOptions } from "./witness";
import "../ledger/nativeEd25519";
import "../ledger/nativeSha256";
import { openPackage } from "../referrals/packageReaders";
import type { CliIo } from "./ledger";
import { UsageError } from "./usageError";

const processIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  isTTY: Boolean(process.stderr.isTTY),
};

// Packages larger than this get a progress bar (on a terminal).
const LARGE = 32 * 1024 * 1024;

/**
 * `sweetie verify <package>`: checks a referral or disclosure package (ZIP or unzipped folder)
 * offline. 0 when every check holds; 1 naming each item that failed.
 */
export async function runVerify(
  path: string,
  options: { trustedKeys?: string[]; witness?: WitnessOptions },
  io: CliIo = processIo,
): Promise<{ code: number; verdict: PackageVerdict | null }> {
  let reader;
  try {
    reader = await openPackage(path);
  } catch (error) {
    io.err(`sweetie verify: cannot open ${path} as a package (${(error as Error).message}).`);
    io.err("  Give the .zip file as it was received, or the folder it was unzipped into.");
    return { code: 1, verdict: null };
  }
  let bar: SingleBar | null = null;
  try {
    const verdict = await verifyPackage(reader, {
      trustedKeys: options.trustedKeys ?? [],
      onProgress({ doneBytes, totalBytes }) {
        if (!bar && io.isTTY && totalBytes >= LARGE) {
          bar = new SingleBar({
            stream: process.stderr,
            format: "checking package [{bar}] {percentage}% | {value}/{total} MB",
          });
          bar.start(Math.ceil(totalBytes / 1e6), 0);
        }
        bar?.update(Math.floor(doneBytes / 1e6));
      },
    });
    (bar as SingleBar | null)?.stop();
    printVerdict(verdict, io);
    if (!verdict.ok || !options.witness) return { code: verdict.ok ? 0 : 1, verdict };
    return { code: await runWitness(verdict, options.witness, io), verdict };
  } finally {
    reader.close();
  }
}

export function printVerdict(verdict: PackageVerdict, io: CliIo): void {
  const summary = summarizeVerdict(verdict);
  if (summary.title) io.out(summary.title);
  if (summary.key) io.out(`  ${summary.key}`);
  for (const line of summary.passed) io.out(`  OK      ${line}`);
  if (summary.identification.length > 0) io.out("  Identification, item by item:");
  for (const line of summary.identification) io.out(`  OK      ${line}`);
  for (const line of summary.failed) io.out(`  FAILED  ${line}`);
  io.out(summary.result);
}

export function registerVerify(program: Command): void {
  program
    .command("verify")
    .description(
      "check a referral or disclosure package offline: signatures, every file's hash, every inclusion proof",
    )
    .argument("<package>", "the package .zip, or the folder it was unzipped into")
    .option(
      "--trusted-key <hex...>",
      "the operation's log public key, as the sender gave it to you",
    )
    .option(
      "--witness <state-file>",
      "act as a witness: the last head you saw is kept in this file",
    )
    .option(
      "--key <agency-key-file>",
      "the agency's Ed25519 secret key (64 hex characters) to cosign with",
    )
    .option("--witness-name <name>", "the agency's witness name in cosignatures", "agency")
    .action(
      async (
        path: string,
        opts: { trustedKey?: string[]; witness?: string; key?: string; witnessName: string },
      ) => {
        if (opts.witness && !opts.key) {
          throw new UsageError("--witness needs --key <agency-key-file> to cosign the head");
        }
        const { code } = await runVerify(path, {
          trustedKeys: opts.trustedKey ?? [],
          ...(opts.witness && opts.key
            ? { witness: { stateFile: opts.witness, keyFile: opts.key, name: opts.witnessName } }
            : {}),
        });
        process.exitCode = code;
      },
    );
}
