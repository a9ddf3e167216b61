/**
 * `npm run bench -- detect [count]`: indicator detection throughput on one core.
 *
 * Builds `count` (default 1,200,000) chat messages from a varied set of realistic, short,
 * non-graphic lines — mostly small talk, some carrying indicators (age questions, webcam requests,
 * payment talk, contact details, persona age statements and break-offs) — with chat spelling
 * variations, then runs the real `detect` over all of them in conversation order, carrying the
 * conversation context the way the CLI does. Prints messages per second and writes
 * bench/results/detect.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import {
  advanceContext,
  contextFor,
  detect,
  loadPlaceIndex,
  startContext,
  type Direction,
} from "@sweetie/core";

const count = Number(process.argv[2] ?? 1_200_000);

const counterpartLines = [
  "hi",
  "hello",
  "hey there",
  "heyyy",
  "hi cutie",
  "hello sweetie",
  "whats up",
  "how r u",
  "how are you today",
  "where r u from",
  "what are you doing",
  "lol",
  "haha ok",
  "nice",
  "cool",
  "ok",
  "brb",
  "are you there?",
  "i just got home from work",
  "the weather here is cold",
  "do you like music?",
  "what do you like to do",
  "i watched a movie last night",
  "my webcam is broken lol",
  "i use my webcam for work calls",
  "it took me 10 minutes",
  "my daughter is in grade 5 too",
  "nice to meet you",
  "i paid 10 dollars for lunch",
  "do ur homework ok",
  "asl?",
  "how old r u",
  "how old are you?",
  "what grade r u in",
  "r u over 18?",
  "age?",
  "u look pretty in ur pic",
  "ur very young",
  "age doesnt matter to me",
  "i know ur 10, its ok",
  "thats ok",
  "r u alone at home?",
  "where is ur mom",
  "is anyone with you",
  "dont tell ur mom ok",
  "lets keep this between us",
  "delete this chat after ok?",
  "can we meet?",
  "i will be in cebu next month",
  "do u have a webcam",
  "do u have cam?",
  "can u go on cam for me",
  "turn on ur cam",
  "can u do a private show for me",
  "how much for a cam show",
  "i can pay u 20 dollars",
  "wanna make money? gcash ok",
  "ill send money thru western union",
  "add me on skype pls",
  "do u have whatsapp?",
  "lets talk on kik",
  "my skype is dave_uk_1970",
  "kik: peto_dk",
  "email me at john.smith1971@example.com",
  "text me +44 7700 900123",
  "call me on 0917 555 0199",
  "see my pics at www.example.org/mikeyb",
  "my name is Peter Olsen",
  "im mike, 38, from toronto",
  "i'm 52, live in Leeds",
  "im a teacher",
  "i work as a driver",
  "i live in manchester",
  "45 m usa",
];
const personaLines = [
  "hi",
  "hello",
  "hii",
  "yes",
  "no",
  "ok",
  "haha",
  "hmm",
  "i dont know",
  "nothing much",
  "girl",
  "hot",
  "how",
  "why?",
  "what?",
  "im bored",
  "i like drawing",
  "my mom is at work",
  "i have 2 dogs",
  "10",
  "im 10",
  "i am 10",
  "10 f philippines",
  "hi, im 10 from manila",
  "grade 5",
  "im only 10",
  "i am ten years old",
  "sorry my internet is so slow... i have to go",
  "my cam is broken sorry",
  "sorry my laptop died",
  "my connection is bad, the video is not working",
  "sorry internet problem, i have to go",
];

// Small deterministic PRNG (mulberry32) so every run measures the same messages.
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function vary(line: string, r: () => number): string {
  const x = r();
  if (x < 0.15) return line.toUpperCase();
  if (x < 0.3) return line.replace(/you/g, "u").replace(/your/g, "ur");
  if (x < 0.4) return line + "!!";
  if (x < 0.5) return line.replace(/([a-z])\b/, "$1$1$1");
  if (x < 0.55) return line + " " + line;
  return line;
}

const random = rng(20131104);
const texts: string[] = new Array<string>(count);
const dirs: Direction[] = new Array<Direction>(count);
for (let i = 0; i < count; i++) {
  const persona = random() < 0.4;
  const pool = persona ? personaLines : counterpartLines;
  texts[i] = vary(pool[Math.floor(random() * pool.length)]!, random);
  dirs[i] = persona ? "out" : "in";
}
const conversationLength = 12;
let totalChars = 0;
for (const t of texts) totalChars += t.length;

await loadPlaceIndex();

function runOnce(): { seconds: number; cpuSeconds: number; indicators: number } {
  let indicators = 0;
  let context = startContext("PH");
  const cpuStarted = process.cpuUsage();
  const started = process.hrtime.bigint();
  for (let i = 0; i < count; i++) {
    if (i % conversationLength === 0) context = startContext("PH");
    const dir = dirs[i]!;
    const found = detect(texts[i]!, contextFor(context, dir));
    indicators += found.length;
    context = advanceContext(context, dir, found);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuStarted);
  return { seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, indicators };
}

// One warm-up pass lets the JIT settle; the measured pass is the full set again. The loop is
// single-threaded, so CPU time is the time on one core; wall time is also reported because on a
// shared machine it includes waiting for the core.
runOnce();
const run = runOnce();
const perSecond = count / run.seconds;
const perCpuSecond = count / run.cpuSeconds;
const result = {
  benchmark: "detect",
  messages: count,
  averageChars: +(totalChars / count).toFixed(1),
  indicatorsFound: run.indicators,
  wallSeconds: +run.seconds.toFixed(3),
  cpuSeconds: +run.cpuSeconds.toFixed(3),
  messagesPerSecond: Math.round(perCpuSecond),
  messagesPerWallSecond: Math.round(perSecond),
  loadAverage: loadavg()[0],
  target: 200_000,
  node: process.version,
  cpu: cpus()[0]?.model ?? "unknown",
  singleThread: true,
  date: new Date().toISOString(),
};
console.log(
  `detect: ${count.toLocaleString("en")} messages, ${run.indicators.toLocaleString("en")} indicators\n` +
    `  ${Math.round(perCpuSecond).toLocaleString("en")} messages/s on one core (${run.cpuSeconds.toFixed(2)} s of CPU time)\n` +
    `  ${Math.round(perSecond).toLocaleString("en")} messages/s wall clock (${run.seconds.toFixed(2)} s; load average ${loadavg()[0]!.toFixed(1)})`,
);
mkdirSync("bench/results", { recursive: true });
writeFileSync("bench/results/detect.json", JSON.stringify(result, null, 2) + "\n");
