#!/usr/bin/env bash
# `npm test`: installs what the tests need, checks format, lint and types, builds the console,
# then runs every test project (core, server, both stores, browser end-to-end).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-node-deps.sh
bash scripts/ensure-system-deps.sh
bash scripts/ensure-postgres.sh
echo "== format";    npx prettier --check . --log-level warn
echo "== lint";      npx eslint --max-warnings 0 .
echo "== types";     npx tsc -p tsconfig.json && npx tsc -p apps/web/tsconfig.json
echo "== build";     npm run build --silent
echo "== tests";     npx vitest run "$@"
