#!/usr/bin/env bash
# Starts `zonos serve` on a free loopback port with the tiny test models and drives its page in Debian's chromium
# with puppeteer-core (.ci/browser/page.mjs). Screenshots land in target/browser/. Called by .ci/run; needs node,
# npm and chromium. Expects the jar built (./zonos build).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"
KIT="$ROOT/src/test/resources/reference"
WORK="$(mktemp -d)"
LOG="$WORK/serve.log"
CHROMIUM="$(command -v chromium || true)"
[ -n "$CHROMIUM" ] || { echo "browser-page: chromium is not installed (apt-get install chromium)" >&2; exit 1; }

if [ ! -d .ci/browser/node_modules/puppeteer-core ]; then
  (cd .ci/browser && npm ci --no-audit --no-fund)
fi

./zonos serve --port 0 --precision f32 --model "$KIT/zonos/tiny" --codec "$KIT/dac/tiny" \
  --speaker-model "$KIT/speaker/tiny" --voice-store "$WORK/voices.db" --memory-budget 64M 2>"$LOG" &
PID=$!
stop() { kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; rm -rf "$WORK"; }
trap stop EXIT

URL=""
for _ in $(seq 1 240); do
  URL="$(sed -n 's/^zonos: listening on \(http:[^ ;]*\).*/\1/p' "$LOG" | head -1)"
  if [ -n "$URL" ] && curl -fsS "$URL/ready" >/dev/null 2>&1; then
    break
  fi
  kill -0 "$PID" 2>/dev/null || { cat "$LOG" >&2; echo "browser-page: zonos serve exited" >&2; exit 1; }
  sleep 0.5
done
curl -fsS "$URL/ready" >/dev/null || { cat "$LOG" >&2; echo "browser-page: server not ready" >&2; exit 1; }
mkdir -p target/browser
node .ci/browser/page.mjs "$URL" "$CHROMIUM" "$ROOT/target/browser"
