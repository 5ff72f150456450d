# Sourced by the .ci scripts that drive a live server: `serve_tiny NAME [env assignments...]` starts `zonos serve` on
# a free loopback port with the tiny test models (environment assignments such as ZONOS_API_KEY=... are passed to it),
# waits for /ready, and sets ROOT, WORK (a scratch folder) and URL; the server and WORK go away when the script exits.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
KIT="$ROOT/src/test/resources/reference"

serve_tiny() {
  local name="$1"; shift
  WORK="$(mktemp -d)"
  local log="$WORK/serve.log"
  env "$@" "$ROOT/zonos" serve --port 0 --precision f32 --model "$KIT/zonos/tiny" --codec "$KIT/dac/tiny" \
    --speaker-model "$KIT/speaker/tiny" --voice-store "$WORK/voices.db" --memory-budget 64M 2>"$log" &
  SERVE_PID=$!
  trap 'kill "$SERVE_PID" 2>/dev/null || true; wait "$SERVE_PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT
  URL=""
  for _ in $(seq 1 240); do
    URL="$(sed -n 's/^zonos: listening on \(http:[^ ;]*\).*/\1/p' "$log" | head -1)"
    if [ -n "$URL" ] && curl -fsS "$URL/ready" >/dev/null 2>&1; then
      return 0
    fi
    kill -0 "$SERVE_PID" 2>/dev/null || { cat "$log" >&2; echo "$name: zonos serve exited" >&2; exit 1; }
    sleep 0.5
  done
  cat "$log" >&2
  echo "$name: server not ready" >&2
  exit 1
}
