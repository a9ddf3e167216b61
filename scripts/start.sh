#!/usr/bin/env bash
# `npm start`: installs what is missing, builds the console, migrates, seeds and serves.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-node-deps.sh
if [ ! -f apps/web/dist/index.html ] || [ -n "$(find apps/web/src apps/web/index.html -newer apps/web/dist/index.html 2>/dev/null | head -1)" ]; then
  echo "Building the web console…"
  npm run build --silent
fi
exec node bin/sweetie.js serve --seed "$@"
