import { SingleBar } from "cli-progress";
import type { Command } from "commander";
import { verifyPackage, type PackageVerdict } from "@sweetie/core/referral/index";
import "../ledger/nativeSha256";
import { openPackage } from "../referrals/packageReaders";
import type { CliIo } from "./ledger";

const processIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  isTTY: Boolean(process.stderr.isTTY),
};

// Packages larger than this get a progress bar (on a terminal).
const LARGE = 32 * 1024 * 1024;

const count = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/**
 * `sweetie verify <package>`: checks a referral or disclosure package (ZIP or unzipped folder)
 * offline. 0 when every check holds; 1 naming each item that failed.
 */
export async function runVerify(
  path: string,
  options: { trustedKeys?: string[] },
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
    return { code: verdict.ok ? 0 : 1, verdict };
  } finally {
    reader.close();
  }
}

export function printVerdict(verdict: PackageVerdict, io: CliIo): void {
  const m = verdict.manifest;
  if (m) {
    const what = m.kind === "disclosure" ? "Disclosure package" : "Referral package";
    const to = m.country ? ` for ${m.country}${m.agency ? ` (${m.agency})` : ""}` : "";
    io.out(`${what}${to}, operation "${m.operation.name}", built ${m.createdAt}`);
    io.out(
      verdict.keyTrusted
        ? `  Signed with the log key you trust: ${verdict.publicKey}`
        : `  Signed with log key ${verdict.publicKey}.\n  You gave no key to trust (--trusted-key): compare this key with the one the sender gave you separately.`,
    );
  }
  const groups: [string, string, (n: number) => string][] = [
    ["signature", "manifest signature", () => "the manifest's signature"],
    ["head", "tree head", () => "the signed tree head"],
    ["file", "files", (n) => `${count(n, "file")}: every SHA-256 matches the manifest`],
    [
      "proof",
      "proofs",
      () =>
        `${count(verdict.entriesProved, "ledger entry", "ledger entries")} proved to be in the signed log`,
    ],
    [
      "capture",
      "captures",
      (n) => `${count(n, "capture")}: the bytes are the ones the ledger recorded`,
    ],
  ];
  for (const [group, , summary] of groups) {
    const items = verdict.checks.filter((c) => c.group === group);
    if (items.length === 0) continue;
    const failed = items.filter((c) => !c.ok);
    if (failed.length === 0) io.out(`  OK      ${summary(items.length)}`);
  }
  const failed = verdict.checks.filter((c) => !c.ok);
  for (const check of failed) io.out(`  FAILED  ${check.item}: ${check.detail}`);
  io.out(
    verdict.ok
      ? `RESULT: the package is intact (${count(verdict.checks.length, "check")} passed).`
      : `RESULT: the package FAILED ${count(failed.length, "check")}: do not rely on the items named above; ask the sender for a new copy.`,
  );
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
    .action(async (path: string, opts: { trustedKey?: string[] }) => {
      const { code } = await runVerify(path, { trustedKeys: opts.trustedKey ?? [] });
      process.exitCode = code;
    });
}
