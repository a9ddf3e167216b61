import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { build } from "esbuild";
import type { ConversationDigest } from "../conversationDigest";
import { JSONLD_HEAD } from "./referralJsonld";
import type { JsonldReply, JsonldRequest, ReferralJsonldHeader } from "./referralJsonldWorker";

// referral.jsonld is written on a thread of its own. Its bookkeeping (every node's IRI, to say
// each once) and the garbage of serializing ~175,000 nodes for 1,000 subjects stay in a heap
// with limits: the build's own heap, sized for the whole machine, let that garbage pile up to
// several times what was alive before collecting it (measured: +200 MB of RSS at the end of the
// 1,000-subject benchmark). The thread's code is this folder's TypeScript, bundled once per
// process (like verify.html), so it runs without a TypeScript loader.

/**
 * Its heap: a small young generation (frequent, cheap scavenges), and an old generation limit
 * far above what the benchmark's package needs (~60 MB) whose only role is to make V8 collect
 * early; a package that needed more would fail its build with an out-of-memory error.
 */
const LIMITS = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 1024 };
/** Subjects asked for ahead of the one being written, so the thread works while the ZIP does. */
const AHEAD = 2;

let bundled: Promise<string> | null = null;

function workerCode(): Promise<string> {
  bundled ??= build({
    entryPoints: [fileURLToPath(new URL("./referralJsonldWorker.ts", import.meta.url))],
    bundle: true,
    write: false,
    platform: "node",
    format: "iife",
    target: "node20",
    logLevel: "silent",
  }).then((result) => result.outputFiles[0]!.text);
  // A failed bundle is retried by the next package.
  bundled.catch(() => (bundled = null));
  return bundled;
}

/**
 * referral.jsonld's text, a subject at a time, written on its own thread from the header and
 * each subject's digests (sent as the ZIP asks for more). The thread is started on the first
 * pull and stopped when the document ends or its reader stops.
 */
export async function* referralJsonldOnThread(
  header: ReferralJsonldHeader,
  digests: ReadonlyMap<string, readonly ConversationDigest[]>,
): AsyncGenerator<string> {
  yield JSONLD_HEAD;
  const worker = new Worker(await workerCode(), {
    eval: true,
    execArgv: [],
    workerData: header,
    resourceLimits: LIMITS,
  });
  const waiting: { resolve(text: string): void; reject(error: Error): void }[] = [];
  let failure: Error | null = null;
  const fail = (error: Error) => {
    failure ??= new Error(`referral.jsonld could not be written (${error.message})`);
    for (const w of waiting.splice(0)) w.reject(failure);
  };
  worker.on("message", (reply: JsonldReply) => {
    const w = waiting.shift();
    if ("error" in reply) {
      const error = new Error(`referral.jsonld could not be written (${reply.error})`);
      failure ??= error;
      w?.reject(error);
    } else w?.resolve(reply.text);
  });
  worker.on("error", fail);
  worker.on("exit", (code) => fail(new Error(`its thread stopped (exit ${code})`)));
  const ask = (request: JsonldRequest): Promise<string> => {
    if (failure) return Promise.reject(failure);
    const answer = new Promise<string>((resolve, reject) => waiting.push({ resolve, reject }));
    // Awaited in order below; a failure must not surface as an unhandled rejection before that.
    answer.catch(() => undefined);
    worker.postMessage(request);
    return answer;
  };
  const requests = function* (): Generator<JsonldRequest> {
    for (const subject of header.subjects) yield { digests: digests.get(subject.id) ?? [] };
    yield { end: true };
  };
  const pending = requests();
  const inFlight: Promise<string>[] = [];
  const send = () => {
    const next = pending.next();
    if (!next.done) inFlight.push(ask(next.value));
  };
  try {
    for (let i = 0; i <= AHEAD; i++) send();
    while (inFlight.length > 0) {
      const text = await inFlight.shift()!;
      send();
      if (text.length > 0) yield text;
    }
  } finally {
    worker.removeAllListeners("exit");
    await worker.terminate();
  }
}
