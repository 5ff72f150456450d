#!/usr/bin/env bash
# Starts `zonos serve` on a free loopback port with the tiny test models and drives it with the official
# openai npm client (.ci/openai-client). Called by .ci/run; needs node and npm.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source .ci/serve-tiny.sh
KEY="ci-$RANDOM-$RANDOM"

if [ ! -d .ci/openai-client/node_modules/openai ]; then
  (cd .ci/openai-client && npm ci --no-audit --no-fund)
fi

./zonos build
serve_tiny openai-client ZONOS_API_KEY="$KEY"
node .ci/openai-client/speech.mjs "$URL" "$KEY"
