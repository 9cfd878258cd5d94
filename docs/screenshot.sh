#!/bin/sh
# Regenerates docs/images/recommendations-local.png: the running recommendations-local flow inside its process
# group in NiFi's UI, with the palettes collapsed and the flow fitted to the window. Needs Debian's chromium
# (apt-get install chromium) and npm (playwright-core is installed into a cache folder on first use).
# Start the main job first (./run-local.sh) and pass the UI URL it prints, and optionally the group id:
#   docs/screenshot.sh http://127.0.0.1:<port>/nifi [process group id]
set -eu
cd -P -- "$(dirname -- "$0")/.."
ui="${1:?usage: docs/screenshot.sh http://127.0.0.1:<port>/nifi [process group id]}"
ui="${ui%/}"
api="${ui%/nifi}/nifi-api"
group="${2:-}"
if [ -z "$group" ]; then
  # The first process group on the root canvas: run-local imports exactly one.
  group=$(curl -sf "$api/flow/process-groups/root" | python3 -c 'import json,sys; print(json.load(sys.stdin)["processGroupFlow"]["flow"]["processGroups"][0]["id"])')
fi
tools="${XDG_CACHE_HOME:-$HOME/.cache}/nifi-dataflow-screenshot"
if [ ! -d "$tools/node_modules/playwright-core" ]; then
  npm install --silent --prefix "$tools" playwright-core@1
fi
out=docs/images/recommendations-local.png
NODE_PATH="$tools/node_modules" node docs/screenshot.js "$ui/#/process-groups/$group" "$out"
echo "Wrote $out ($ui/#/process-groups/$group)"
