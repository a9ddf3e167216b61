#!/usr/bin/env bash
# `npm run eval [-- corpus.jsonl] [--min-f1 0.97] [--min-assess 0.95]`: scores `detect` and
# `assess` on a labelled corpus (default: the project's development corpus eval/dev.jsonl).
# `npm run eval -- real`: the dev measurement on two public corpora of real chat, when present.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-node-deps.sh
npx tsx apps/server/src/eval/runEval.ts "$@"
