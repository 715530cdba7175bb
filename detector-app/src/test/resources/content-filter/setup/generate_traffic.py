#!/usr/bin/env python3
"""Traffic generator for the content-filter logs (Python 3.11 stdlib only).

Runs inside the test network namespace, where the client addresses are on lo.
Sends the planned mail to Postfix on 127.0.0.1:25 with smtplib
(source_address = the client's address) and a few local submissions through
sendmail(1) (pickup), then writes the ground truth computed from the plan and
from what Postfix answered at SMTP time (never from the log).

usage: generate_traffic.py SEED GROUND_TRUTH.json
"""
import json, random, smtplib, subprocess, sys, time
from email.message import EmailMessage
from email.utils import formatdate

SEED = int(sys.argv[1]); OUT = sys.argv[2]
rnd = random.Random(SEED)
DOM = "chu-exemple.fr"

INTERNAL_USERS = """a.martin b.durand c.bernard d.petit e.robert f.richard g.moreau h.simon
i.laurent j.lefebvre k.michel l.garcia m.david n.bertrand o.roux p.vincent q.fournier
r.morel s.girard t.andre u.mercier v.dupont w.lambert x.bonnet y.francois z.martinez
accueil secretariat.cardio pharmacie dsi""".split()
assert len(INTERNAL_USERS) == 30
SERVICE_USERS = ["noreply"]          # used by the web application (pickup)
# internal senders: workstation address, helo
INTERNAL_SENDERS = [(u, "10.20.0.%d" % (11 + i), "pc-%04d.%s" % (11 + i, DOM))
                    for i, u in enumerate(["a.martin", "b.durand", "d.petit", "e.robert",
                                           "g.moreau", "i.laurent", "secretariat.cardio",
                                           "pharmacie", "dsi", "accueil"])]
BURST = ("c.bernard", "10.20.0.57", "pc-0057.%s" % DOM)
# external senders: address, client ip, helo (reverse names are in setup/hosts)
EXTERNAL_SENDERS = [
    ("commandes@fournisseur-medical.example", "198.51.100.10", "mail.fournisseur-medical.example"),
    ("contact@labo-analyses.example",          "198.51.100.11", "smtp.labo-analyses.example"),
    ("newsletter@sante-info.example",          "198.51.100.12", "out1.sante-info.example"),
    ("jean.dupuis@example.com",                "198.51.100.13", "mx-out.example.com"),
    ("marie.leroy@example.org",                "198.51.100.14", "relay.example.org"),
    ("rh@mutuelle-hospitaliere.example",       "198.51.100.15", "mail.mutuelle-hospitaliere.example"),
    ("secretariat@univ-lyon.example",          "198.51.100.16", "smtp-out.univ-lyon.example"),
    ("factures@energie-plus.example",          "198.51.100.17", "mta.energie-plus.example"),
    ("paul.henry@laposte.example",             "203.0.113.20",  "smtp-out.laposte.example"),
    ("alerts@monitoring.example",              "203.0.113.21",  "alert-mx.monitoring.example"),
    ("info@congres-cardio.example",            "203.0.113.22",  "mail.congres-cardio.example"),
    ("support@logiciel-dpi.example",           "203.0.113.23",  "mx.logiciel-dpi.example"),
    ("promo@bonnes-affaires.example",          "203.0.113.24",  "ylmf-pc"),          # no reverse name
    ("x7r2k@free-offers.example",              "203.0.113.25",  "203.0.113.25"),     # no reverse name
    ("bounce-q1@mailer.example",               "203.0.113.26",  "mailer.example"),   # no reverse name
]
EXT_DOMAINS = ["example.com", "example.org", "example.net", "laposte.example", "univ-lyon.example"]
FIRST = "alice bob claire david emma felix gaelle hugo ines jules karim lea marc nina oscar".split()

EICAR = ("X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*")

def ext_addr():
    return "%s.%s@%s" % (rnd.choice(FIRST), rnd.randint(1, 99), rnd.choice(EXT_DOMAINS))

def internal(u):
    return "%s@%s" % (u, DOM)

plan = []   # dicts: kind, sender, client, helo, rcpts, content, via
def add(kind, sender, client, helo, rcpts, content="clean", via="smtp"):
    plan.append(dict(kind=kind, sender=sender, client=client, helo=helo,
                     rcpts=rcpts, content=content, via=via))

# inbound: external -> internal
for i in range(150):
    s, ip, helo = rnd.choice(EXTERNAL_SENDERS)
    n = rnd.choices([1, 2, 3, 5], weights=[75, 13, 8, 4])[0]
    rcpts = [internal(u) for u in rnd.sample(INTERNAL_USERS, n)]
    add("inbound", s, ip, helo, rcpts)
for i in range(5):     # one unknown recipient among known ones (rejected at RCPT)
    s, ip, helo = rnd.choice(EXTERNAL_SENDERS)
    add("inbound", s, ip, helo, [internal(rnd.choice(INTERNAL_USERS)), internal("inconnu%d" % i)])
for i in range(2):     # only unknown recipients: nothing accepted
    s, ip, helo = rnd.choice(EXTERNAL_SENDERS[12:])
    add("inbound", s, ip, helo, [internal("n.existe.pas%d" % i)])
for i in range(4):
    s, ip, helo = rnd.choice(EXTERNAL_SENDERS[12:])
    add("inbound", s, ip, helo, [internal(rnd.choice(INTERNAL_USERS))], content="banned")
for i in range(4):
    s, ip, helo = rnd.choice(EXTERNAL_SENDERS[12:])
    add("inbound", s, ip, helo, [internal(u) for u in rnd.sample(INTERNAL_USERS, rnd.choice([1, 2]))], content="virus")
# outbound: internal network -> external
bounce_rcpts = ["bounce.%s@%s" % (n, d) for n, d in [("ancien", "example.com"), ("parti", "laposte.example"), ("erreur", "example.org"), ("inconnu", "univ-lyon.example")]]
defer_rcpts = ["defer.%s@%s" % (n, d) for n, d in [("plein", "example.net"), ("quota", "example.com"), ("lent", "laposte.example")]]
for i in range(60):
    u, ip, helo = rnd.choice(INTERNAL_SENDERS)
    rcpts = list(dict.fromkeys(ext_addr() for _ in range(rnd.choices([1, 2], weights=[80, 20])[0])))
    add("outbound", internal(u), ip, helo, rcpts)
for r in bounce_rcpts:
    u, ip, helo = rnd.choice(INTERNAL_SENDERS)
    add("outbound", internal(u), ip, helo, [r])
for r in defer_rcpts:
    u, ip, helo = rnd.choice(INTERNAL_SENDERS)
    add("outbound", internal(u), ip, helo, [r, ext_addr()] if r.startswith("defer.quota") else [r])
for c in ["banned", "banned", "virus"]:
    u, ip, helo = rnd.choice(INTERNAL_SENDERS)
    add("outbound", internal(u), ip, helo, [ext_addr()], content=c)
# internal -> internal
for i in range(40):
    u, ip, helo = rnd.choice(INTERNAL_SENDERS)
    n = rnd.choices([1, 2, 4], weights=[70, 20, 10])[0]
    add("internal", internal(u), ip, helo, [internal(x) for x in rnd.sample(INTERNAL_USERS, n)])
# local submissions through sendmail (pickup), by the web application user
for i in range(6):
    rcpts = [internal(rnd.choice(INTERNAL_USERS))] if i % 2 == 0 else [ext_addr()]
    add("pickup", internal("noreply"), None, None, rcpts, via="sendmail")
rnd.shuffle(plan)
# burst: one internal sender, 80 messages to external addresses, inserted in the middle
burst = []
for i in range(80):
    r = "bounce.spam%d@%s" % (i, rnd.choice(EXT_DOMAINS)) if i in (17, 42, 66) else ext_addr()
    burst.append(dict(kind="burst", sender=internal(BURST[0]), client=BURST[1], helo=BURST[2],
                      rcpts=[r], content="clean", via="smtp"))
mid = len(plan) // 2
plan = plan[:mid] + burst + plan[mid:]

def build(i, m):
    msg = EmailMessage()
    msg["From"] = m["sender"]; msg["To"] = ", ".join(m["rcpts"])
    msg["Subject"] = {"burst": "Votre colis est en attente %d" % i}.get(m["kind"], "Message de test %d" % i)
    msg["Date"] = formatdate(localtime=False)
    msg["Message-ID"] = "<gen-%04d@vigie.test>" % i
    msg.set_content("Bonjour,\n\n" + "Ligne de texte pour le test Vigie.\n" * rnd.randint(2, 60) + "\nCordialement\n")
    if m["content"] == "banned":
        msg.add_attachment(b"MZ" + bytes(rnd.getrandbits(8) for _ in range(300)),
                           maintype="application", subtype="octet-stream", filename="facture_%d.pdf.exe" % i)
    elif m["content"] == "virus":
        msg.add_attachment(EICAR.encode(), maintype="application", subtype="octet-stream", filename="document_%d.com" % i)
    return msg

results = []
for i, m in enumerate(plan):
    msg = build(i, m)
    accepted, refused = [], {}
    if m["via"] == "sendmail":
        p = subprocess.run(["runuser", "-u", "www-data", "--", "/usr/sbin/sendmail", "-i",
                            "-f", m["sender"], *m["rcpts"]], input=msg.as_bytes())
        assert p.returncode == 0
        accepted = list(m["rcpts"])
    else:
        with smtplib.SMTP("127.0.0.1", 25, local_hostname=m["helo"],
                          source_address=(m["client"], 0), timeout=60) as s:
            s.ehlo(m["helo"])
            code, _ = s.mail(m["sender"])
            assert code == 250, (i, code)
            for r in m["rcpts"]:
                code, resp = s.rcpt(r)
                if code == 250:
                    accepted.append(r)
                else:
                    refused[r] = "%d %s" % (code, resp.decode())
            if accepted:
                code, resp = s.data(msg.as_bytes())
                assert code == 250, (i, code, resp)
            else:
                s.rset()
    results.append(dict(gen_id="gen-%04d" % i, message_id="<gen-%04d@vigie.test>" % i,
                        kind=m["kind"], via=m["via"], sender=m["sender"], client=m["client"],
                        content=m["content"], accepted_rcpts=accepted, refused_rcpts=refused))
    time.sleep(rnd.uniform(0.4, 1.2) if m["kind"] == "burst" else rnd.uniform(0.05, 0.6))

# ground truth from the plan + SMTP answers
def outcome(r, content):
    if content in ("banned", "virus"):
        return "blocked"
    local = r.split("@")[0]
    if r.endswith("@" + DOM):
        return "delivered"
    return "bounced" if local.startswith("bounce") else "deferred" if local.startswith("defer") else "delivered"

senders, deliveries, blocked, bounced, deferred, dsns = {}, {}, [], [], [], []
for res in results:
    if not res["accepted_rcpts"]:
        continue
    senders[res["sender"]] = senders.get(res["sender"], 0) + 1
    oc = {r: outcome(r, res["content"]) for r in res["accepted_rcpts"]}
    res["outcome"] = oc
    for r, o in oc.items():
        if o == "delivered":
            deliveries[r] = deliveries.get(r, 0) + 1
    if res["content"] in ("banned", "virus"):
        blocked.append(dict(message_id=res["message_id"], sender=res["sender"], rcpts=res["accepted_rcpts"],
                            reason="BANNED" if res["content"] == "banned" else "INFECTED (Eicar-Signature)"))
    b = [r for r, o in oc.items() if o == "bounced"]
    if b:
        bounced.append(dict(message_id=res["message_id"], sender=res["sender"], rcpts=b))
        dsns.append(dict(for_message_id=res["message_id"], to=res["sender"]))
    d = [r for r, o in oc.items() if o == "deferred"]
    if d:
        deferred.append(dict(message_id=res["message_id"], sender=res["sender"], rcpts=d))

truth = dict(
    seed=SEED,
    note=("Computed by generate_traffic.py from what it sent and what Postfix answered at SMTP time, "
          "not from the log. Counts are for the original mail only (one per message, the content-filter "
          "hop is not a delivery). Expected DSNs (from=<> to the internal sender, delivered by virtual) "
          "are listed apart and NOT included in senders/deliveries."),
    totals=dict(messages_attempted=len(results),
                messages_accepted=sum(senders.values()),
                messages_not_accepted=[r["message_id"] for r in results if not r["accepted_rcpts"]],
                recipients_accepted=sum(len(r["accepted_rcpts"]) for r in results),
                recipients_refused_at_rcpt=sum(len(r["refused_rcpts"]) for r in results),
                final_deliveries=sum(deliveries.values()),
                blocked_messages=len(blocked), bounced_recipients=sum(len(x["rcpts"]) for x in bounced),
                deferred_recipients=sum(len(x["rcpts"]) for x in deferred),
                burst_messages=sum(1 for r in results if r["kind"] == "burst"),
                pickup_messages=sum(1 for r in results if r["via"] == "sendmail")),
    accepted_messages_per_sender=dict(sorted(senders.items(), key=lambda kv: (-kv[1], kv[0]))),
    final_deliveries_per_recipient=dict(sorted(deliveries.items(), key=lambda kv: (-kv[1], kv[0]))),
    blocked_by_filter=blocked, bounced=bounced, deferred_at_end=deferred, expected_dsns=dsns,
    messages=results)
with open(OUT, "w") as f:
    json.dump(truth, f, indent=1, ensure_ascii=False)
print(json.dumps(truth["totals"]))
