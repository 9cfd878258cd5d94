#!/usr/bin/env bash
# Imports flow-templates/ into a NiFi Registry: one bucket per folder, one flow per JSON file, each file
# a new version of its flow. Run again after editing a template to add the next version.
#   docker/import-flows-to-registry.sh [registry-url] [templates-dir]
# Needs curl and python3 (for JSON). Default URL: http://localhost:18080 (compose.yaml's registry).
set -euo pipefail

registry=${1:-http://localhost:18080}
templates=${2:-"$(cd "$(dirname "$0")/.." && pwd)/flow-templates"}
api="$registry/nifi-registry-api"

json_field() { # json_field FIELD < json: prints a top-level string field
  python3 -c 'import json,sys; print(json.load(sys.stdin).get(sys.argv[1], ""))' "$1"
}
find_by_name() { # find_by_name NAME < json-array: prints the identifier of the item with that name
  python3 -c 'import json,sys; print(next((i["identifier"] for i in json.load(sys.stdin) if i.get("name")==sys.argv[1]), ""))' "$1"
}
json_name() {
  python3 -c 'import json,sys; print(json.dumps({"name": sys.argv[1], "description": sys.argv[2]}))' "$1" "$2"
}

for i in $(seq 1 60); do
  curl -fsS "$api/buckets" >/dev/null 2>&1 && break
  [ "$i" = 60 ] && { echo "NiFi Registry did not answer at $api" >&2; exit 1; }
  sleep 2
done

for bucket_dir in "$templates"/*/; do
  bucket=$(basename "$bucket_dir")
  bucket_id=$(curl -fsS "$api/buckets" | find_by_name "$bucket")
  if [ -z "$bucket_id" ]; then
    bucket_id=$(curl -fsS -X POST -H 'Content-Type: application/json' \
      -d "$(json_name "$bucket" "nifi-dataflow flow templates: $bucket")" "$api/buckets" | json_field identifier)
    echo "created bucket $bucket ($bucket_id)"
  fi
  for file in "$bucket_dir"*.json; do
    [ -e "$file" ] || continue
    flow=$(basename "$file" .json)
    flow_id=$(curl -fsS "$api/buckets/$bucket_id/flows" | find_by_name "$flow")
    if [ -z "$flow_id" ]; then
      flow_id=$(curl -fsS -X POST -H 'Content-Type: application/json' \
        -d "$(json_name "$flow" "from flow-templates/$bucket/$flow.json")" "$api/buckets/$bucket_id/flows" | json_field identifier)
    fi
    version=$(curl -fsS -X POST -H 'Content-Type: application/json' -H "Comments: imported from flow-templates/$bucket/$flow.json" \
      --data-binary "@$file" "$api/buckets/$bucket_id/flows/$flow_id/versions/import" |
      python3 -c 'import json,sys; print(json.load(sys.stdin)["snapshotMetadata"]["version"])')
    echo "imported $bucket/$flow as version $version"
  done
done
