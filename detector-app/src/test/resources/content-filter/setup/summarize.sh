#!/bin/bash
# pflogsumm on each log, and on the log with the filter-hop deliveries removed.
# usage: summarize.sh DIR   (DIR holds postfix-amavis-A.log, -B.log, -C.log)
set -euo pipefail
cd "$1"
HOP='postfix(/[^[:space:]]+)?/smtp\[[0-9]+\]: [0-9A-F]+: to=<[^>]*>, (orig_to=<[^>]*>, )?relay=127\.0\.0\.1\[127\.0\.0\.1\]:10024, '
for LOG in postfix-amavis-?.log; do
  B=${LOG%.log}
  LC_ALL=C TZ=UTC PERL_HASH_SEED=0 PERL_PERTURB_KEYS=0 pflogsumm -u 20 -h 20 "$LOG" > "$B.pflogsumm.txt"
  grep -vE "$HOP" "$LOG" > "$B.without-filter-hops.log"
  LC_ALL=C TZ=UTC PERL_HASH_SEED=0 PERL_PERTURB_KEYS=0 pflogsumm -u 20 -h 20 "$B.without-filter-hops.log" > "$B.without-filter-hops.pflogsumm.txt"
  echo "$LOG: $(wc -l < "$LOG") lines, $(grep -cE "$HOP" "$LOG") filter-hop lines removed"
done
