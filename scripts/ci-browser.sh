#!/usr/bin/env bash
# What the browser tests (tests/e2e) need, installed only when missing: Debian's chromium and
# chromium-driver.  Idempotent; run as root or with sudo.  Playwright drives this Chromium by
# path (executable_path=/usr/bin/chromium): never `playwright install`, nothing is downloaded
# from a CDN.  The playwright Python package comes from the dev requirements.
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || [ -x /usr/bin/chromedriver ] || need+=(chromium-driver)

if [ ${#need[@]} -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  echo "ci-browser: installing ${need[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" fonts-dejavu-core >/dev/null
fi

version="$(/usr/bin/chromium --version 2>/dev/null | head -n1 || true)"
echo "ci-browser: ${version:-chromium installed}" >&2
