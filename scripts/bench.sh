#!/usr/bin/env bash
# `npm run bench -- <name> [args]`: runs bench/<name>.ts; each benchmark prints its figures and
# writes them as JSON to bench/results/<name>.json. Without a name, runs them all.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-node-deps.sh
mkdir -p bench/results
if [ $# -eq 0 ]; then
  for f in bench/*.ts; do npx tsx "$f"; done
else
  name=$1; shift
  [ -f "bench/$name.ts" ] || { echo "No benchmark named '$name'. Available: $(ls bench/*.ts | xargs -n1 basename | sed 's/\.ts$//' | tr '\n' ' ')" >&2; exit 2; }
  npx tsx "bench/$name.ts" "$@"
fi
