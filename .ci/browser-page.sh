#!/usr/bin/env bash
# Starts `zonos serve` on a free loopback port with the tiny test models and drives its page in Debian's chromium
# with puppeteer-core (.ci/browser/page.mjs). Screenshots land in target/browser/. Called by .ci/run; needs node,
# npm and chromium. Expects the jar built (./zonos build).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source .ci/serve-tiny.sh
CHROMIUM="$(command -v chromium || true)"
[ -n "$CHROMIUM" ] || { echo "browser-page: chromium is not installed (apt-get install chromium)" >&2; exit 1; }

if [ ! -d .ci/browser/node_modules/puppeteer-core ]; then
  (cd .ci/browser && npm ci --no-audit --no-fund)
fi

serve_tiny browser-page
mkdir -p target/browser
node .ci/browser/page.mjs "$URL" "$CHROMIUM" "$ROOT/target/browser"
