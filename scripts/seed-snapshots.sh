#!/usr/bin/env bash
# Rebuilds the snapshots/ shipped in the repository from Microsoft's published endpoint lists
# (a directory with one folder per instance of <version>.json files, such as the test fixtures
# in src/test/resources/fixtures/m365), by running the real 'fetch' against a local mirror that
# moves from one version to the next. What ships was made with:
#
#   scripts/seed-snapshots.sh src/test/resources/fixtures/m365 snapshots Worldwide \
#       2019072900 2019082800 2019093000 2019102800 2019112700
#   scripts/seed-snapshots.sh src/test/resources/fixtures/m365 snapshots USGovDoD \
#       2019093000 2019102800 2019112700 2019120400
#
# The archived lists carry no change records, so the mirror has none and the snapshots say
# "no change records fetched" rather than an invented empty list.
set -euo pipefail
[ $# -ge 4 ] || { echo "usage: $0 FIXTURES_DIR STORE_DIR INSTANCE VERSION..." >&2; exit 2; }
fixtures="$1"; store="$2"; instance="$3"; shift 3
here="$(cd "$(dirname "$0")/.." && pwd)"
mirror="$(mktemp -d)"
trap 'rm -rf "$mirror"' EXIT
mkdir -p "$mirror/version" "$mirror/endpoints"
seen=()
for v in "$@"; do
  seen+=("\"$v\"")
  src="$fixtures/$(echo "$instance" | tr '[:upper:]' '[:lower:]')/$v.json"
  [ -f "$src" ] || { echo "no $src" >&2; exit 2; }
  printf '[{"instance":"%s","latest":"%s"}]\n' "$instance" "$v" > "$mirror/version.json"
  printf '{"instance":"%s","latest":"%s","versions":[%s]}\n' "$instance" "$v" "$(IFS=,; echo "${seen[*]}")" \
    > "$mirror/version/$instance.json"
  cp "$src" "$mirror/endpoints/$instance.json"
  "$here/bin/o365watch" fetch --store "$store" --source "$mirror" --instance "$instance"
done
