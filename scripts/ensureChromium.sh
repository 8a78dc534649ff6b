#!/usr/bin/env bash
# Makes sure Debian's Chromium is at /usr/bin/chromium for the browser test (test/browser/),
# with a CJK font so the vendors' Chinese ticket titles render in its screenshot.
# Idempotent, and quick when both are there. Playwright's own browser download
# (`npx playwright install`) cannot work here, so the test drives the distribution's build.
set -euo pipefail

packages=()
[ -x /usr/bin/chromium ] || packages+=(chromium)
if command -v fc-list >/dev/null && [ -z "$(fc-list :lang=zh family 2>/dev/null)" ]; then packages+=(fonts-wqy-zenhei); fi
[ ${#packages[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null; then
  echo "ensureChromium: missing ${packages[*]} and there is no apt-get to install them." >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then sudo="sudo"; else
    echo "ensureChromium: installing ${packages[*]} needs root (or sudo)." >&2
    exit 1
  fi
fi
echo "ensureChromium: installing ${packages[*]} with apt-get"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
# Debian's wrapper script prints a harmless "[: unexpected operator" on some machines.
/usr/bin/chromium --version 2>/dev/null
