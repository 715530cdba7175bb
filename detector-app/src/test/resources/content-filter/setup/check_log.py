#!/usr/bin/env python3
"""Cross-check a content-filter log against its ground truth (a test aid, not Vigie).
usage: check_log.py LOG GROUND_TRUTH.json"""
import json, re, sys
from collections import Counter
log, truth = sys.argv[1], json.load(open(sys.argv[2]))
qid = r"([0-9A-F]{6,})"
client, frm, reinj = {}, {}, set()
hops, final = Counter(), Counter()
blocked = 0; lines = 0
for l in open(log):
    lines += 1
    m = re.search(r"postfix/(?:[^ \[]+/)?(smtpd|pickup)\[\d+\]: " + qid + r": (client=|uid=)(\S+)", l)
    if m:
        if m.group(4).startswith("localhost[127.0.0.1]"):
            reinj.add(m.group(2))
        else:
            client[m.group(2)] = m.group(4)
    m = re.search(r"qmgr\[\d+\]: " + qid + r": from=<([^>]*)>", l)
    if m:
        frm.setdefault(m.group(1), m.group(2))
    m = re.search(r"\]: " + qid + r": to=<([^>]*)>,.* relay=(\S+?),.* status=sent", l)
    if m:
        if m.group(3).startswith("127.0.0.1[127.0.0.1]:10024"):
            hops[m.group(2)] += 1
            if "discarded" in l: blocked += 1
        elif frm.get(m.group(1)) != "":
            final[m.group(2)] += 1
senders = Counter(frm[q] for q in client if q in frm)
print("lines", lines, "| first-hop messages", len(client), "| re-injected", len(reinj),
      "| filter-hop deliveries", sum(hops.values()), "| discarded by amavis", blocked,
      "| final deliveries (not DSN)", sum(final.values()))
print("senders match truth:", dict(senders) == truth["accepted_messages_per_sender"])
print("final deliveries match truth:", dict(final) == truth["final_deliveries_per_recipient"])
