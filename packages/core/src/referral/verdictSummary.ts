import { SUBJECTS_EVIDENCE_DIR } from "./manifest";
import type { PackageVerdict } from "./verifyPackage";

/** The verdict in a reader's words, one line each; the CLI prints it and verify.html shows it. */
export interface VerdictSummary {
  title: string | null;
  key: string | null;
  passed: string[];
  /** Each subject's identification entries and each finding's file that passed, one by one. */
  identification: string[];
  failed: string[];
  result: string;
}

const count = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

export function summarizeVerdict(verdict: PackageVerdict): VerdictSummary {
  const m = verdict.manifest;
  const what = m?.kind === "disclosure" ? "Disclosure package" : "Referral package";
  const to = m?.country ? ` for ${m.country}${m.agency ? ` (${m.agency})` : ""}` : "";
  const groups: [string, (n: number) => string][] = [
    ["signature", () => "the manifest's signature"],
    ["head", () => "the signed tree head"],
    ["file", (n) => `${count(n, "file")}: every SHA-256 matches the manifest`],
    [
      "proof",
      () =>
        `${count(verdict.entriesProved, "ledger entry", "ledger entries")} proved to be in the signed log`,
    ],
    ["capture", (n) => `${count(n, "capture")}: the bytes are the ones the ledger recorded`],
    [
      "finding",
      (n) => `${count(n, "finding file")}: each is the file its finding's ledger entry recorded`,
    ],
  ];
  const passed: string[] = [];
  for (const [group, summary] of groups) {
    const items = verdict.checks.filter((c) => c.group === group);
    if (items.length > 0 && items.every((c) => c.ok)) passed.push(summary(items.length));
  }
  const identification = verdict.checks
    .filter(
      (c) =>
        c.ok &&
        (c.group === "finding" ||
          (c.group === "proof" && c.item.startsWith(SUBJECTS_EVIDENCE_DIR))),
    )
    .map((c) => `${c.item}: ${c.detail}`);
  const failedChecks = verdict.checks.filter((c) => !c.ok);
  return {
    title: m ? `${what}${to}, operation "${m.operation.name}", built ${m.createdAt}` : null,
    key: verdict.publicKey
      ? verdict.keyTrusted
        ? `Signed with the log key you trust: ${verdict.publicKey}`
        : `Signed with log key ${verdict.publicKey}. No key to trust was given: compare this key with the one the sender gave you separately.`
      : null,
    passed,
    identification,
    failed: failedChecks.map((c) => `${c.item}: ${c.detail}`),
    result: verdict.ok
      ? `RESULT: the package is intact (${count(verdict.checks.length, "check")} passed).`
      : `RESULT: the package FAILED ${count(failedChecks.length, "check")}: do not rely on the items named above; ask the sender for a new copy.`,
  };
}
