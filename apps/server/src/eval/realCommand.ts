/**
 * `npm run eval -- real [--vtpan FILE] [--nps FILE] [--half dev|held] [--hits]`: the detector on
 * real chat (realLanguage.ts). Paths come from the options, else from SWEETIE_VTPAN_CSV and
 * SWEETIE_NPS_ZIP, else from the folder SWEETIE_REAL_CORPORA (val_seg.csv, nps_chat.zip). When a
 * corpus is missing it says how to fetch it. `--half` is dev unless said otherwise: the held half
 * is for independent review and is never used while tuning. `--hits` prints the NPS posts that
 * raise a solicitation and the VTPAN negative segments' grooming indicators, for reading.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { loadPlaceIndex } from "@sweetie/core";
import { readNps, readVtpan, type Half } from "./realCorpora";
import { formatNps, formatVtpan, GROOMING, measureNps, measureVtpan } from "./realLanguage";

const HOW_TO_FETCH = `Fetch the corpora into a temporary folder outside the repository (never commit them):
  mkdir -p /tmp/real-corpora && cd /tmp/real-corpora
  curl -L -o val_seg.csv https://github.com/YuliaConstien/Cybergrooming_Detection_IM/raw/main/Data/EnglishData/val_seg.csv
  curl -L -o nps_chat.zip https://github.com/nltk/nltk_data/raw/gh-pages/packages/corpora/nps_chat.zip
then run: SWEETIE_REAL_CORPORA=/tmp/real-corpora npm run eval -- real`;

function value(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

function locate(args: string[], option: string, env: string, file: string): string | undefined {
  const dir = process.env["SWEETIE_REAL_CORPORA"];
  return value(args, option) ?? process.env[env] ?? (dir ? join(dir, file) : undefined);
}

export async function runReal(args: string[]): Promise<number> {
  const half = (value(args, "--half") ?? "dev") as Half;
  if (!["dev", "held", "all"].includes(half)) {
    console.error(`--half must be dev, held or all, not ${JSON.stringify(half)}`);
    return 2;
  }
  const showHits = args.includes("--hits");
  const vtpanPath = locate(args, "--vtpan", "SWEETIE_VTPAN_CSV", "val_seg.csv");
  const npsPath = locate(args, "--nps", "SWEETIE_NPS_ZIP", "nps_chat.zip");
  const missing = [
    vtpanPath !== undefined && existsSync(vtpanPath)
      ? null
      : `VTPAN segments (${vtpanPath ?? "no path given"})`,
    npsPath !== undefined && existsSync(npsPath)
      ? null
      : `NPS Chat (${npsPath ?? "no path given"})`,
  ].filter((m): m is string => m !== null);
  if (missing.length === 2) {
    console.error(`No real-chat corpus found: ${missing.join(", ")}.\n${HOW_TO_FETCH}`);
    return 2;
  }
  await loadPlaceIndex();
  if (vtpanPath !== undefined && existsSync(vtpanPath)) {
    const segments = readVtpan(readFileSync(vtpanPath, "utf8"), half);
    const r = await measureVtpan(segments);
    console.log(`VTPAN segments ${vtpanPath}`);
    console.log(formatVtpan(r, half));
    if (showHits)
      r.found.forEach((kinds, n) => {
        const grooming = [...kinds].filter((k) => GROOMING.has(k));
        if (!segments[n]!.positive && grooming.length > 0)
          console.log(`  negative s${n}: ${grooming.join(" ")}`);
      });
  }
  if (npsPath !== undefined && existsSync(npsPath)) {
    const r = await measureNps(readNps(readFileSync(npsPath), half));
    console.log(`NPS Chat ${npsPath}`);
    console.log(formatNps(r, half));
    if (showHits)
      for (const p of r.solicitingPosts)
        console.log(`  ${p.id} ${p.types.join(" ")}: ${JSON.stringify(p.text)}`);
  }
  if (missing.length > 0) console.error(`Not measured: ${missing.join(", ")}.\n${HOW_TO_FETCH}`);
  return 0;
}
