#!/bin/sh
# Re-create the pflogsumm oracle outputs (<name>.pflogsumm.txt) in this folder, and refresh
# the committed copies of the logs whose license allows it (<name>.log), from a shared-data dir.
#
# usage: regenerate.sh [SHARED_DATA_DIR]
#   SHARED_DATA_DIR defaults to ../../../../../shared/data relative to this script
#   (i.e. <workspace>/shared/data when the repository is <workspace>/main).
#
# Needs pflogsumm 1.1.5 (Debian package "pflogsumm"). See README.md for why each variable is set:
#   LC_ALL=C                 pflogsumm has "use locale": sort tie-break (cmp) and lc() follow LC_COLLATE/LC_CTYPE
#   TZ=UTC                   no effect on the top lists, pinned for reproducibility
#   PERL_HASH_SEED=0, PERL_PERTURB_KEYS=0
#                            other sections (bounce/deferral detail, ...) print equal counts in hash order;
#                            pinning the seed makes the whole file byte-reproducible. The four
#                            "top 20 Senders/Recipients" lists do not depend on it (checked with 20 seeds).
# The "Per-Day Traffic Summary" dates still depend on the date of generation (pflogsumm guesses the
# year from the current month); the top lists do not.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
DATA=${1:-$HERE/../../../../../shared/data}
if [ ! -d "$DATA/postfix" ]; then
    echo "regenerate.sh: no postfix/ folder in shared-data dir '$DATA'" >&2
    echo "usage: $0 [SHARED_DATA_DIR]" >&2
    exit 2
fi
DATA=$(cd "$DATA" && pwd)

PFLOGSUMM=${PFLOGSUMM:-pflogsumm}
version=$("$PFLOGSUMM" --version 2>/dev/null || true)
if [ "$version" != "pflogsumm 1.1.5" ]; then
    echo "regenerate.sh: expected 'pflogsumm 1.1.5', got '$version'" >&2
    exit 2
fi

# name | path under SHARED_DATA_DIR | copy the log here? (only MIT/Apache-2.0/BSD/CC0 or realgen/)
CASES='
crowdsec-hub_postfix-helo|postfix/crowdsec-hub_postfix-helo.log|copy
crowdsec-hub_postfix-honeypot-users|postfix/crowdsec-hub_postfix-honeypot-users.log|copy
crowdsec-hub_postfix-logs|postfix/crowdsec-hub_postfix-logs.log|copy
crowdsec-hub_postfix-non-smtp|postfix/crowdsec-hub_postfix-non-smtp.log|copy
crowdsec-hub_postfix-relay|postfix/crowdsec-hub_postfix-relay.log|copy
crowdsec-hub_postfix-sasl-bf|postfix/crowdsec-hub_postfix-sasl-bf.log|copy
crowdsec-hub_postfix-spam|postfix/crowdsec-hub_postfix-spam.log|copy
digineo_postfix_exporter_testdata_mail|postfix/digineo_postfix_exporter_testdata_mail.log|copy
fail2ban_postfix|postfix/fail2ban_postfix.log|no
kdent_postfix_log_analysis_mail|postfix/kdent_postfix_log_analysis_mail.log|no
kdent_postfix_log_analysis_mail2|postfix/kdent_postfix_log_analysis_mail2.log|no
louisitvn_pflgviewer_mail|postfix/louisitvn_pflgviewer_mail.log|no
louisitvn_pflgviewer_postfix_csvish|postfix/louisitvn_pflgviewer_postfix_csvish.log|no
sekoia_postfix_tests|postfix/sekoia_postfix_tests.log|no
whyscream_postfix-grok-patterns_test_data_lines|postfix/whyscream_postfix-grok-patterns_test_data_lines.log|copy
realgen_mail|realgen/postfix/mail.log|copy
realgen_mail.rfc3339|realgen/postfix/mail.rfc3339.log|copy
'

status=0
while IFS='|' read -r name rel copy; do
    [ -n "$name" ] || continue
    src="$DATA/$rel"
    if [ ! -f "$src" ]; then
        echo "regenerate.sh: missing $src" >&2
        status=1
        continue
    fi
    LC_ALL=C TZ=UTC PERL_HASH_SEED=0 PERL_PERTURB_KEYS=0 \
        "$PFLOGSUMM" -u 20 -h 20 "$src" > "$HERE/$name.pflogsumm.txt"
    if [ "$copy" = copy ]; then
        cp "$src" "$HERE/$name.log"
        chmod 644 "$HERE/$name.log"
    fi
    if [ "$copy" = copy ]; then note="log copied"; else note="log not copied (license)"; fi
    echo "$name.pflogsumm.txt <- $rel [$note]"
done <<EOF_CASES
$CASES
EOF_CASES
exit $status
