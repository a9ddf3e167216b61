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
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
