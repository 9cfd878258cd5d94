#!/bin/sh
# Regenerates docs/images/recommendations-local.png: a screenshot of the running recommendations-local
# flow inside its process group in NiFi's UI, taken with Debian's headless Chromium (apt-get install chromium).
# Start the main job first (./run-local.sh) and pass the UI URL it prints plus the process group id, or
# let this script find the group through the REST API:
#   docs/screenshot.sh http://127.0.0.1:<port>/nifi [group id]
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
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
out=docs/images/recommendations-local.png
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$profile" --hide-scrollbars \
  --window-size=1600,1000 --virtual-time-budget=20000 --screenshot="$out" "$ui/#/process-groups/$group" 2>/dev/null
echo "Wrote $out ($ui/#/process-groups/$group)"
