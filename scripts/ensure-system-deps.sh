#!/usr/bin/env bash
# Installs the Debian packages the tests need (browser, chat servers, PDF tools) when missing.
# Tests run as root on Debian; nothing here downloads anything but Debian packages.
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v ngircd >/dev/null 2>&1 || need+=(ngircd)
command -v prosody >/dev/null 2>&1 || need+=(prosody)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${need[*]}…"
  export DEBIAN_FRONTEND=noninteractive
  # Another install may hold the dpkg/apt locks (parallel runs on one machine): wait, do not fail.
  lock=(-o DPkg::Lock::Timeout=600)
  for attempt in 1 2 3 4 5 6; do
    apt-get "${lock[@]}" update -qq && break
    echo "apt-get update failed (attempt $attempt; another apt may hold its lock); retrying…"
    sleep 10
  done
  apt-get "${lock[@]}" install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
