#!/usr/bin/env bash
# False outbound-spike alerts per 10k messages on the realgen Postfix logs (issue 12, point 3).
# Usage: bench/spike-false-alerts.sh [VIGIE_JAR] [SHARED_DATA_DIR]
# Runs `vigie analyze` (in memory, default settings but the realgen hospital's domain and network) on the
# compressed run (postfix/, sent within minutes) and the stretched one (postfix-stretched/, the same plan over
# eight hours), then compares the spike alerts with truth.json's compromised account.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="${1:-$here/../detector-app/target/vigie.jar}"
data="${2:-$here/../../shared/data}"
config="$(mktemp --suffix=.yaml)"
trap 'rm -f "$config" "$config.json"' EXIT
cat > "$config" <<'YAML'
organisation:
  internal-domains: [chu-exemple.fr]
  internal-networks: [127.10.0.0/16]
YAML
for run in postfix postfix-stretched; do
  dir="$data/realgen/$run"
  java -jar "$jar" analyze --source postfix --config "$config" --json "$dir/mail.log" > "$config.json"
  echo "$run: $(python3 "$here/spike_eval.py" "$config.json" "$dir/mail.log" "$dir/truth.json")"
done
