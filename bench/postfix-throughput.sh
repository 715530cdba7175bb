#!/usr/bin/env bash
# Postfix throughput benchmark: lines per second through Vigie's whole pipeline (the engine's own
# topology on the embedded broker, as `vigie analyze` runs it) against pflogsumm on the same file,
# both measured in the same run so that the ratio means something on a shared, noisy machine.
#
#   bench/postfix-throughput.sh [--repeat N] [--runs R] [FILE]
#
#   FILE      a Postfix log (default: the realgen log committed with the tests, 23k lines)
#   --repeat  concatenate the file N times first (default 4), for a longer, steadier measurement
#   --runs    how many times each tool runs; the median is reported (default 3)
#
# Needs pflogsumm (Debian package; installed with apt-get when missing and running as root), a JDK,
# Maven and python3. Prints one table and writes it as JSON to bench/results/postfix-<date>.json.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
repeat=4
runs=3
file="$root/detector-app/src/test/resources/pflogsumm/realgen_mail.log"
while [ $# -gt 0 ]; do
  case "$1" in
    --repeat) repeat="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) file="$1"; shift ;;
  esac
done

if ! command -v pflogsumm >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq pflogsumm >/dev/null
  else
    echo "bench: pflogsumm is missing (apt-get install pflogsumm)" >&2
    exit 2
  fi
fi
[ -f "$root/detector-app/target/vigie.jar" ] || (cd "$root" && mvn -B -q -DskipTests package)

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
input="$work/mail.log"
for _ in $(seq "$repeat"); do cat "$file"; done > "$input"
lines=$(wc -l < "$input")

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

pflogsumm_seconds() {
  for _ in $(seq "$runs"); do
    start=$(date +%s.%N)
    LC_ALL=C pflogsumm -u 20 -h 20 "$input" > /dev/null
    end=$(date +%s.%N)
    awk -v s="$start" -v e="$end" 'BEGIN { print e - s }'
  done | median
}

# Prints "pipeline_seconds total_seconds" of the median run (by pipeline time).
vigie_seconds() {
  guarantee="$1"
  for _ in $(seq "$runs"); do
    VIGIE_KAFKA_PROCESSING_GUARANTEE="$guarantee" "$root/bin/vigie" analyze --source postfix --json "$input" \
      2> "$work/vigie.err" | python3 -c 'import json,sys; s=json.load(sys.stdin)["stats"]; print(s["pipeline_seconds"], s["seconds"], s["records"])'
  done | sort -g | awk '{a[NR]=$0} END {print a[int((NR+1)/2)]}'
}

echo "input: $file x $repeat = $lines lines; $runs runs each, medians" >&2
p=$(pflogsumm_seconds)
read -r eos_pipe eos_total eos_records <<< "$(vigie_seconds exactly_once_v2)"
read -r alo_pipe alo_total alo_records <<< "$(vigie_seconds at_least_once)"
[ "$eos_records" = "$lines" ] || echo "bench: warning: vigie read $eos_records records of $lines lines" >&2

python3 - "$lines" "$p" "$eos_pipe" "$eos_total" "$alo_pipe" "$alo_total" "$root" <<'PY'
import datetime, json, os, sys
lines, p, eos_pipe, eos_total, alo_pipe, alo_total, root = sys.argv[1:]
lines = int(lines); p, eos_pipe, eos_total, alo_pipe, alo_total = map(float, (p, eos_pipe, eos_total, alo_pipe, alo_total))
rows = [
    ("pflogsumm 1.1.5", p, p),
    ("vigie exactly_once_v2", eos_pipe, eos_total),
    ("vigie at_least_once", alo_pipe, alo_total),
]
print(f"{'':24} {'seconds':>9} {'lines/s':>10} {'x pflogsumm':>12} {'with broker start':>18}")
for name, secs, total in rows:
    print(f"{name:24} {secs:9.2f} {lines / secs:10.0f} {secs / p:12.1f} {total:17.2f}s")
result = {"date": datetime.datetime.now().isoformat(timespec="seconds"), "lines": lines,
          "pflogsumm_seconds": p, "vigie_eos_pipeline_seconds": eos_pipe, "vigie_eos_total_seconds": eos_total,
          "vigie_alos_pipeline_seconds": alo_pipe, "vigie_alos_total_seconds": alo_total,
          "eos_slowdown_vs_pflogsumm": eos_pipe / p, "alos_slowdown_vs_pflogsumm": alo_pipe / p}
os.makedirs(os.path.join(root, "bench", "results"), exist_ok=True)
out = os.path.join(root, "bench", "results", "postfix-" + datetime.date.today().isoformat() + ".json")
with open(out, "w") as f:
    json.dump(result, f, indent=2)
print("written", out, file=sys.stderr)
PY
