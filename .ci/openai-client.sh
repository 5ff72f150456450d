#!/usr/bin/env bash
# Starts `zonos serve` on a free loopback port with the tiny test models and drives it with the official
# openai npm client (.ci/openai-client). Called by .ci/run; needs node and npm.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"
KIT="$ROOT/src/test/resources/reference"
WORK="$(mktemp -d)"
KEY="ci-$RANDOM-$RANDOM"
LOG="$WORK/serve.log"

if [ ! -d .ci/openai-client/node_modules/openai ]; then
  (cd .ci/openai-client && npm ci --no-audit --no-fund)
fi

./zonos build
ZONOS_API_KEY="$KEY" ./zonos serve --port 0 --precision f32 --model "$KIT/zonos/tiny" --codec "$KIT/dac/tiny" \
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
  kill -0 "$PID" 2>/dev/null || { cat "$LOG" >&2; echo "openai-client: zonos serve exited" >&2; exit 1; }
  sleep 0.5
done
curl -fsS "$URL/ready" >/dev/null || { cat "$LOG" >&2; echo "openai-client: server not ready" >&2; exit 1; }
node .ci/openai-client/speech.mjs "$URL" "$KEY"
