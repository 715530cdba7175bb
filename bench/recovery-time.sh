#!/usr/bin/env bash
# Recovery time (issue 14): how long `vigie run` takes, from the launch of its process to processing again,
# on a data directory holding a day's state of a hospital, after SIGKILLs, after a clean stop, and after a SIGKILL
# a day after that clean stop (the worst case).
#
#   bench/recovery-time.sh [--postfix-lines N] [--proxy-lines N] [--seed S] [--kills K] [--probe-lines N]
#                          [--keep-data DIR]
#
#   --postfix-lines  Postfix lines of the day (default 1,000,000: about 100k messages, a large hospital)
#   --proxy-lines    proxy lines of the day (default 1,000,000)
#   --seed           generator seed (default 42; the files are cached in bench/.cache like bench/run's)
#   --kills          SIGKILLs, each mid-stream while a batch is being processed (default 3)
#   --probe-lines    lines per source sent after each launch, to see when the engine has caught up
#                    (default 1000)
#   --keep-data      move the data directory (broker and state) there at the end, to profile a restart
#
# Each launch is timed the same way: t0 just before the process starts; then BenchKafka probe waits for the
# broker to answer, notes what the group had committed, sends the probe lines to raw.postfix and raw.proxy and
# waits until the group has committed both topics to their ends. "Back to work" = the group's first commit beyond
# what it had (processing again) - t0; "caught up" = the probe and whatever the kill left unprocessed before it
# are committed - t0. The baseline of the same run is the first launch on an empty data
# directory (JVM, broker, topics, group join with no state to restore): a restart cannot be faster than that.
# The engine's log gives the part spent restoring state (vigie's "State restored" line).
#
# Prints a table and writes bench/results/<date>-recovery.json with every figure, the machine and the commit.
# Needs a JDK 17+, python3, and Maven when detector-app/target/vigie.jar is missing. Exit status: 0 ok,
# 1 a measurement failed, 2 bad usage or setup.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench="$root/bench"
jar="$root/detector-app/target/vigie.jar"
postfix_lines=1000000
proxy_lines=1000000
seed=42
kills=3
probe_lines=1000
keep_data=""

usage() { sed -n '4,13p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case "$1" in
    --postfix-lines) postfix_lines="${2:?}"; shift 2 ;;
    --proxy-lines) proxy_lines="${2:?}"; shift 2 ;;
    --seed) seed="${2:?}"; shift 2 ;;
    --kills) kills="${2:?}"; shift 2 ;;
    --probe-lines) probe_lines="${2:?}"; shift 2 ;;
    --keep-data) keep_data="${2:?}"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "recovery-time: unknown argument $1" >&2; usage >&2; exit 2 ;;
  esac
done
for n in "$postfix_lines" "$proxy_lines" "$kills" "$probe_lines"; do
  [[ "$n" =~ ^[0-9]+$ ]] || { echo "recovery-time: $n is not a number" >&2; exit 2; }
done
for tool in java python3; do
  command -v "$tool" >/dev/null || { echo "recovery-time: $tool is missing" >&2; exit 2; }
done
if [ ! -f "$jar" ]; then
  command -v mvn >/dev/null || { echo "recovery-time: $jar is missing and mvn is not installed" >&2; exit 2; }
  (cd "$root" && mvn -B -q -DskipTests package) >&2 || { echo "recovery-time: the build failed" >&2; exit 2; }
fi

log() { printf '%s recovery-time: %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

work="$(mktemp -d "${TMPDIR:-/tmp}/vigie-recovery.XXXXXX")"
pid=""
cleanup() {
  local status=$?
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
  if [ "$status" != 0 ]; then
    mkdir -p "$bench/.cache/failed"
    rm -rf "$bench/.cache/failed/recovery" && mkdir -p "$bench/.cache/failed/recovery" \
      && cp "$work"/*.log "$work"/*.json "$bench/.cache/failed/recovery/" 2>/dev/null || true
    echo "recovery-time: logs kept in bench/.cache/failed/recovery" >&2
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
now_ms() { python3 -c 'import time; print(int(time.time()*1000))'; }
bench_kafka() { java -cp "$jar" "$bench/BenchKafka.java" "$@"; }

generate() { # source lines seed -> cached file (bench/run's cache names)
  local src="$1" n="$2" s="$3" file
  file="$bench/.cache/$src-$n-$s-$(sha256sum "$bench/gen.py" | cut -c1-8).log"
  mkdir -p "$bench/.cache"
  if [ ! -s "$file" ]; then
    log "$src: generating $n lines (seed $s)"
    python3 "$bench/gen.py" "$src" "$n" "$s" "$file.tmp" >&2 || die "$src: generation failed"
    mv "$file.tmp" "$file"
  fi
  echo "$file"
}

data="$work/data"
http=$(free_port); broker=$(free_port); controller=$(free_port)
export VIGIE_APPLICATION_ID=vigie VIGIE_DATA_DIR="$data" VIGIE_HTTP_BIND=127.0.0.1 VIGIE_HTTP_PORT="$http" \
  VIGIE_KAFKA_EMBEDDED_LISTENER="127.0.0.1:$broker" VIGIE_KAFKA_EMBEDDED_CONTROLLER_PORT="$controller" \
  VIGIE_ORGANISATION_INTERNAL_DOMAINS=chu-exemple.fr VIGIE_ORGANISATION_INTERNAL_NETWORKS=10.0.0.0/8,127.0.0.0/8 \
  VIGIE_JAVA_OPTS="${VIGIE_JAVA_OPTS:--Xmx1g}"
unset KAFKA_BOOTSTRAP_SERVERS VIGIE_CONFIG
bootstrap="127.0.0.1:$broker"

postfix_day="$(generate postfix "$postfix_lines" "$seed")"
proxy_day="$(generate proxy "$proxy_lines" "$seed")"
# the batches sent while each kill happens, and the probes: other seeds, the same day
postfix_batch="$(generate postfix 50000 $((seed + 1)))"
proxy_batch="$(generate proxy 50000 $((seed + 1)))"
head -n "$probe_lines" "$(generate postfix 10000 $((seed + 2)))" > "$work/probe-postfix.txt"
head -n "$probe_lines" "$(generate proxy 10000 $((seed + 2)))" > "$work/probe-proxy.txt"

launches=()
# launch NAME: starts vigie run, times it back to work, leaves it running (pid in $pid)
launch() {
  local name="$1" t0 probe
  t0=$(now_ms)
  "$root/bin/vigie" run > "$work/$name.log" 2>&1 &
  pid=$!
  bench_kafka probe "$bootstrap" vigie "$pid" 1800 "raw.postfix=$work/probe-postfix.txt" \
    "raw.proxy=$work/probe-proxy.txt" > "$work/$name-probe.json" 2> "$work/$name-probe.log" \
    || die "$name: $(tail -1 "$work/$name-probe.log") (see $work/$name.log)"
  python3 - "$work" "$name" "$t0" <<'EOF' > "$work/$name.json"
import json, re, sys
work, name, t0 = sys.argv[1], sys.argv[2], int(sys.argv[3])
probe = json.load(open(f"{work}/{name}-probe.json"))
restored = {"records": 0, "seconds": None, "partitions": 0}
for line in open(f"{work}/{name}.log", errors="replace"):
    m = re.search(r"State restored: (\d+) records in ([0-9.]+) s over (\d+) changelog partitions", line)
    if m:
        restored = {"records": restored["records"] + int(m.group(1)),
                    "seconds": (restored["seconds"] or 0) + float(m.group(2)),
                    "partitions": restored["partitions"] + int(m.group(3))}
print(json.dumps({"launch": name, "back_to_work_seconds": (probe["processing_again_ms"] - t0) / 1000,
                  "caught_up_seconds": (probe["processed_ms"] - t0) / 1000,
                  "broker_answered_seconds": (probe["broker_ready_ms"] - t0) / 1000,
                  "restored_records": restored["records"], "restore_seconds": restored["seconds"],
                  "restored_partitions": restored["partitions"]}))
EOF
  launches+=("$name")
  log "$name: back to work in $(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["back_to_work_seconds"])' "$work/$name.json") s"
}

stop_clean() {
  kill -TERM "$pid"
  for _ in $(seq 240); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$pid" 2>/dev/null && die "vigie run did not stop within 120 s of SIGTERM"
  wait "$pid" 2>/dev/null || true
}

ingest() { # source file
  "$root/bin/vigie" ingest --source "$1" --host bench-host "$2" >> "$work/ingest.log" 2>&1 \
    || die "ingest $2 failed (see $work/ingest.log)"
}

drain() {
  bench_kafka drain "$bootstrap" vigie raw.postfix "$pid" 3600 300 > /dev/null 2>> "$work/drain.log" \
    || die "the pipeline did not drain: $(tail -1 "$work/drain.log")"
  bench_kafka drain "$bootstrap" vigie raw.proxy "$pid" 3600 300 > /dev/null 2>> "$work/drain.log" \
    || die "the pipeline did not drain: $(tail -1 "$work/drain.log")"
}

# kill_mid_batch: sends the next batch of both sources and SIGKILLs the engine while it processes them
kill_mid_batch() {
  local ingest_pid
  ingest postfix "$postfix_batch" &
  ingest_pid=$!
  ingest combined "$proxy_batch"
  wait "$ingest_pid"
  kill -KILL "$pid"
  wait "$pid" 2>/dev/null || true
}

# 1. The baseline: a first launch on an empty data directory.
launch fresh
# 2. The day's state.
log "ingesting the day: $postfix_lines Postfix and $proxy_lines proxy lines"
t_day=$(now_ms)
ingest postfix "$postfix_day"
ingest combined "$proxy_day"
drain
day_seconds=$(( ($(now_ms) - t_day) / 1000 ))
log "the day processed in ${day_seconds}s"
# what a restart has to get back: the changelogs' records and the stores on disk
bench_kafka changelogs "$bootstrap" vigie > "$work/changelogs.json" 2>> "$work/drain.log" || echo '{}' > "$work/changelogs.json"
# 3. SIGKILLs mid-stream: the next batch is being processed when the process dies. The first comes right after
# the day, with no clean stop since the fresh start.
for k in $(seq "$kills"); do
  kill_mid_batch
  launch "kill-$k"
done
drain
# 4. A clean stop (SIGTERM) and restart.
stop_clean
launch clean-restart
drain
# 5. The worst case: a second day processed since that clean start, then a SIGKILL mid-stream. Under exactly-once a
# store's position is saved at a clean stop (or, with transactional state stores, as it goes): the restart restores
# what the stores wrote since.
log "ingesting the day again, then a SIGKILL"
ingest postfix "$postfix_day"
ingest combined "$proxy_day"
drain
kill_mid_batch
launch kill-after-second-day
drain
stop_clean
if [ -n "$keep_data" ]; then
  rm -rf "$keep_data" && mv "$data" "$keep_data" && log "data directory kept in $keep_data"
fi

python3 - "$work" "$root" "$postfix_lines" "$proxy_lines" "$seed" "$day_seconds" "${launches[@]}" <<'EOF'
import json, os, platform, subprocess, sys, datetime
work, root, pf, px, seed, day_seconds, names = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6]), sys.argv[7:]
launches = [json.load(open(f"{work}/{n}.json")) for n in names]
changelogs = json.load(open(f"{work}/changelogs.json"))
def sh(*cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, cwd=root).stdout.strip() or None
    except OSError:
        return None
result = {
    "date": datetime.date.today().isoformat(),
    "commit": sh("git", "rev-parse", "--short", "HEAD"),
    "day": {"postfix_lines": pf, "proxy_lines": px, "seed": seed, "processed_seconds": day_seconds},
    "changelogs": changelogs,
    "launches": launches,
    "machine": {"nproc": os.cpu_count(), "load_average": os.getloadavg(), "java": sh("java", "-version") or
                subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0],
                "platform": platform.platform()},
}
os.makedirs(f"{root}/bench/results", exist_ok=True)
out = f"{root}/bench/results/{result['date']}-recovery.json"
json.dump(result, open(out, "w"), indent=2)
base = launches[0]["back_to_work_seconds"]
print(f"| launch | back to work (s) | x fresh start | broker answered (s) | caught up (s) | restored records | restore (s) |")
print(f"|---|---|---|---|---|---|---|")
for l in launches:
    restore = f"{l['restore_seconds']:.1f}" if l['restore_seconds'] is not None else "-"
    print(f"| {l['launch']} | {l['back_to_work_seconds']:.1f} | {l['back_to_work_seconds'] / base:.2f} | "
          f"{l['broker_answered_seconds']:.1f} | {l['caught_up_seconds']:.1f} | {l['restored_records']:,} | {restore} |")
print(f"\nchangelogs after the day: {changelogs.get('records', '?'):,} records, {changelogs.get('bytes', '?'):,} bytes "
      f"over {changelogs.get('partitions', '?')} partitions; written to {out}")
EOF
