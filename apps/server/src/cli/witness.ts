import { readFile, rename, writeFile } from "node:fs/promises";
import { fromHex, signingKeyFromSeed, type SignedTreeHead } from "@sweetie/core/ledger/index";
import {
  cosignHead,
  emptyWitnessState,
  witnessHead,
  witnessStateSchema,
  type PackageVerdict,
  type WitnessState,
} from "@sweetie/core/referral/index";
import type { CliIo } from "./ledger";

export interface WitnessOptions {
  stateFile: string;
  keyFile: string;
  name: string;
}

async function loadState(path: string): Promise<WitnessState> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return emptyWitnessState();
    throw error;
  }
  const parsed = witnessStateSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${path} is not a Sweetie witness state file`);
  return parsed.data;
}

/**
 * `sweetie verify --witness <state> --key <agency-key>` after a package passed: checks its head
 * against the last head this agency saw (with the package's consistency proof), refuses a split
 * view or a rewritten history, else keeps the new head and prints the agency's cosignature.
 */
export async function runWitness(
  verdict: PackageVerdict,
  options: WitnessOptions,
  io: CliIo,
  now: Date = new Date(),
): Promise<number> {
  const head = verdict.manifest!.head as SignedTreeHead;
  const seed = (await readFile(options.keyFile, "utf8")).trim();
  if (!/^[0-9a-fA-F]{64}$/.test(seed)) {
    io.err(
      `sweetie verify: ${options.keyFile} must hold the agency's Ed25519 secret key as 64 hex characters.`,
    );
    return 1;
  }
  const key = signingKeyFromSeed(fromHex(seed));
  const decision = witnessHead(await loadState(options.stateFile), head, verdict.consistency);
  if (!decision.ok) {
    io.out(
      `WITNESS: ${decision.reason}. The head was not cosigned; tell the sender and keep this package.`,
    );
    return 1;
  }
  const temporary = `${options.stateFile}.tmp`;
  await writeFile(temporary, `${JSON.stringify(decision.state, null, 2)}\n`, { mode: 0o600 });
  await rename(temporary, options.stateFile);
  const cosignature = cosignHead(head, options.name, key, now);
  io.out(
    decision.firstSight
      ? `WITNESS: first head seen for this log (${head.head.size} entries); kept in ${options.stateFile}.`
      : `WITNESS: the log grew consistently from ${decision.previous!.head.size} to ${head.head.size} entries; kept in ${options.stateFile}.`,
  );
  io.out("Cosignature for Sweetie to record against this head:");
  io.out(cosignature.line);
  io.out(
    JSON.stringify({
      operation: head.head.operation,
      size: head.head.size,
      root: head.head.root,
      witness: cosignature.witness,
      witnessPublicKey: cosignature.publicKey,
      time: cosignature.time,
      cosignature: cosignature.line,
    }),
  );
  return 0;
}
