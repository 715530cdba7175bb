#!/bin/bash
# Stop what run.sh started and keep the log. usage: stop.sh A|B|C OUTDIR
V=$1; OUT=$2; NS=vigie
ip netns exec $NS postfix stop || true
ip netns exec $NS amavisd stop || true
[ -f /run/vigie-fakemx.pid ] && kill "$(cat /run/vigie-fakemx.pid)" 2>/dev/null; rm -f /run/vigie-fakemx.pid
sleep 2
[ -f /run/vigie-rsyslogd.pid ] && kill "$(cat /run/vigie-rsyslogd.pid)"; sleep 1
cp /var/log/vigie/current.log "$OUT/postfix-amavis-$V.log"
# empty the queue (deferred leftovers) and the mailboxes for the next run
find /var/spool/postfix/{incoming,active,deferred,defer,bounce,maildrop,hold,corrupt,flush,trace} -type f -delete 2>/dev/null || true
rm -rf /var/mail/vhosts/chu-exemple.fr
