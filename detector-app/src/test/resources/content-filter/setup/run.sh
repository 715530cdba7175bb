#!/bin/bash
# Produce one content-filter log. usage: run.sh A|B|C OUTDIR
#  A: re-injection smtpd with syslog_name=postfix/10025, XFORWARD allowed
#  B: re-injection smtpd with the default name (postfix/smtpd), XFORWARD allowed
#  C: re-injection smtpd with the default name, no XFORWARD
# Everything runs inside a network namespace "vigie" made here, whose lo carries
# the client addresses; nothing leaves the machine.
set -euo pipefail
V=$1; OUT=$2; HERE=$(cd "$(dirname "$0")" && pwd); NS=vigie
SEED=20261206

# --- network namespace with the IP plan on its lo ---
ip netns add $NS 2>/dev/null || true
ip netns exec $NS ip link set lo up
for a in 10.20.0.{11..20} 10.20.0.57 198.51.100.{10..17} 203.0.113.{20..26}; do
  ip netns exec $NS ip addr add $a/32 dev lo 2>/dev/null || true
done
mkdir -p /etc/netns/$NS && cp "$HERE/hosts" /etc/netns/$NS/hosts
: > /etc/netns/$NS/resolv.conf

# --- postfix config ---
cp "$HERE/main.cf" /etc/postfix/main.cf
cp "$HERE/transport" /etc/postfix/transport && postmap /etc/postfix/transport
: > /etc/postfix/vmailbox
for u in $(python3 -c "
import re;s=open('$HERE/generate_traffic.py').read()
print(re.search(r'INTERNAL_USERS = \"\"\"(.*?)\"\"\"',s,re.S).group(1))") noreply; do
  echo "$u@chu-exemple.fr chu-exemple.fr/$u/" >> /etc/postfix/vmailbox
done
postmap /etc/postfix/vmailbox
getent group vmail >/dev/null || groupadd -g 5000 vmail
getent passwd vmail >/dev/null || useradd -u 5000 -g 5000 -d /var/mail/vhosts -s /usr/sbin/nologin vmail
mkdir -p /var/mail/vhosts && chown vmail:vmail /var/mail/vhosts
# Debian master.cf, chroot off (the namespace /etc/hosts must be seen), + filter part
sed -E 's/^([a-z]+ +(inet|unix|fifo|unix-dgram|pass) +[-ny] +[-ny] +)y /\1n /' \
  /usr/share/postfix/master.cf.dist > /etc/postfix/master.cf
case $V in
  A) XF='    -o smtpd_authorized_xforward_hosts=127.0.0.0/8'; SN='    -o syslog_name=postfix/10025';;
  B) XF='    -o smtpd_authorized_xforward_hosts=127.0.0.0/8'; SN='';;
  C) XF=''; SN='';;
esac
sed -e "s|@XFORWARD@|$XF|" -e "s|@SYSLOGNAME@|$SN|" "$HERE/master-filter.cf.in" | grep -v '^$' >> /etc/postfix/master.cf
newaliases
postfix check

# --- logging: rsyslogd in traditional format to /var/log/vigie/current.log ---
mkdir -p /var/log/vigie /var/spool/rsyslog; rm -f /var/log/vigie/current.log
rsyslogd -f "$HERE/rsyslog.conf" -i /run/vigie-rsyslogd.pid
sleep 1

# --- fake MXs, amavisd-new, postfix, all inside the namespace ---
ip netns exec $NS python3 "$HERE/fake_mx.py" > /var/log/vigie/fake_mx-$V.out 2>&1 &
echo $! > /run/vigie-fakemx.pid
ip netns exec $NS amavisd
ip netns exec $NS postfix start
sleep 3

ip netns exec $NS python3 "$HERE/generate_traffic.py" $SEED "$OUT/ground-truth-$V.json"

# wait until only deferred mail is left, and at least one retry of it happened
for i in $(seq 1 60); do
  n=$(find /var/spool/postfix/{incoming,active,maildrop} -type f | wc -l)
  [ "$n" = 0 ] && break; sleep 5
done
sleep 150
postqueue -p | tail -3 || true
