#!/usr/bin/env python3
"""Deterministic, skewed load for bench/run: one log file of exactly N lines per source.

    bench/gen.py postfix|proxy|av|quarantine N SEED OUT
    bench/gen.py postfix N SEED OUT --distinct-senders D


The line shapes are those of the realgen logs (/work/shared/data/realgen: real Postfix 3.7, Squid and
ClamAV output), with their names as the pools; the volumes are skewed like a hospital's gateway: a few
heavy senders, destinations and hosts, then a long tail drawn with P(rank r) ~ 1/r (Zipf, s = 1) over a
pool as large as the file allows, so a million-line Postfix file has on the order of 100k distinct
senders. Time runs over one day (2026-11-28, the realgen day). Same (source, N, seed): same bytes.
Pure python3 standard library: nothing to install.

--distinct-senders D (Postfix only, for the memory target's "a day of 1M distinct senders"): every
one-off sender of the inbound tail is a new address, never seen again in the file, and more messages come
from such one-off senders (inbound) until at least D of them are issued, the share set as the file goes
so that the count is reached with about 1 % to spare (all messages once that is the only way). Without
the option the output is unchanged, byte for byte.
"""
import heapq
import math
import random
import sys
import zlib

DAY_START = 0  # seconds since 2026-11-28 00:00:00 local time
DAY = 86_400
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()

FIRST = ("alexandre anne antoine aurelie benoit camille caroline catherine celine christophe claire david emilie "
         "eric fatima francois gwenaelle helene ines isabelle jean julie karim laurent lucie marie mathieu michel "
         "nathalie nicolas olivier pascal philippe pierre romain sandrine sarah sebastien sophie stephane thomas "
         "valerie vincent yannick").split()
LAST = ("aubert aubry barbier baron barre berger bernard blanc blanchard bonnet bourgeois boyer breton brun brunet "
        "caron carpentier carre charles colin dubois dufour dumont dupuis durand duval fournier gaillard garnier "
        "gerard henry jacquet joly julien lambert le-roux leroy louis maillard marchand martin menard mercier meyer "
        "moreau muller paul perrot renard renault richard robert rolland schneider thomas vidal").split()
FREEMAIL = ("gmail.com orange.fr wanadoo.fr free.fr sfr.fr laposte.net hotmail.fr outlook.fr yahoo.fr aol.com "
            "neuf.fr live.fr gmx.fr bbox.fr protonmail.com hotmail.com outlook.com").split()
PARTNERS = ("univ-exemple.fr biogroup.fr cerballiance.fr ugap.fr fresenius.fr sodexo.com ansm.sante.fr "
            "medecin.mssante.fr pharmacien.mssante.fr medtronic.com inserm.fr mairie-saint-exemple.fr "
            "clinique-du-parc-exemple.fr biomedic-services.fr").split()
BAD = "colissimo-livraison.icu secure-ameli-remboursement.com wetransfer-files.online".split()
TLDS = "fr com net org eu de be io info".split()
INTERNAL = "chu-exemple.fr"


def zipf_rank(rng, pool):
    """Rank in [0, pool) with P(r) ~ 1/(r+1): log-uniform, the continuous Zipf s=1."""
    return min(pool - 1, int(math.exp(rng.random() * math.log(pool + 1))) - 1)


def person(r):
    """A stable local part for rank r (first.last, then numbered)."""
    f, l = FIRST[r % len(FIRST)], LAST[(r // len(FIRST)) % len(LAST)]
    n = r // (len(FIRST) * len(LAST))
    return f"{f}.{l}{n if n else ''}"


def ext_domain(r):
    if r < len(FREEMAIL):
        return FREEMAIL[r]
    if r < len(FREEMAIL) + len(PARTNERS):
        return PARTNERS[r - len(FREEMAIL)]
    return f"societe{r}.{TLDS[r % len(TLDS)]}"


def syslog_time(t):
    """Nov 28 05:24:14 for t seconds after the day's start (traditional syslog, day padded with a space)."""
    s = int(t)
    return f"Nov 28 {s // 3600 % 24:02d}:{s // 60 % 60:02d}:{s % 60:02d}"


class Lines:
    """A time-ordered merge of events: (time, seq) keeps equal times in creation order."""

    def __init__(self):
        self.heap = []
        self.seq = 0

    def add(self, t, text):
        self.seq += 1
        heapq.heappush(self.heap, (t, self.seq, text))

    def pop_until(self, t):
        while self.heap and self.heap[0][0] <= t:
            yield heapq.heappop(self.heap)

    def pending(self):
        return len(self.heap)


def queue_id(n):
    # A bijection of n onto 11 upper-case hex digits: unique over the file, not sequential-looking.
    return f"{(n * 0x9E3779B1 + 0x5C49F) & 0xFFFFFFFFFFF:011X}"


def postfix(n, rng, out, distinct=0):
    """Whole messages: smtpd connect/client=, cleanup message-id=, qmgr from=/size=/nrcpt=, deliveries
    (sent, deferred then sent or bounced, bounced with its notification), qmgr removed, disconnect; plus
    noise: postscreen, anvil, TLS, lost connections, NOQUEUE rejects. distinct > 0: at least that many
    one-off senders, each a new address (see the module's doc); 0: the default file."""
    lines = Lines()
    msgs = max(1, n // 9)                      # about 9 lines per message on average
    ext_pool = max(1000, msgs)                 # distinct external senders possible: ~ one per message
    int_pool = max(200, msgs // 20)            # staff
    heavy_out = ["crh-noreply", "dpi-noreply", "rdv-noreply", "paie", "newsletter"]
    heavy_in = ["no-reply@ameli.fr", "noreply@doctolib.fr", "alertes@ansm.sante.fr", "lettre@has-sante.fr"]
    pid = [18448]
    qn = [0]
    written = 0
    scheduled = 0
    t = 1.0
    issued = [0]                               # --distinct-senders: one-off senders issued so far
    events = [0]                               # messages and noise bursts scheduled so far

    def unique_sender():
        # Ranks above every rank the default draws use (< ext_pool * 8): person() is one-to-one, so each
        # address is new; the domain comes from a pool as large as the Zipf tail's one-off domains.
        k = issued[0]
        issued[0] += 1
        return f"{person(ext_pool * 8 + k)}@{ext_domain(40 + k % (ext_pool // 4 + 1))}"

    def forced_share():
        """The share of the coming messages made one-off inbound, so that `distinct` is reached with 1 %
        to spare: what is still needed over the messages the rest of the file should hold, less what the
        ordinary mix gives (62 % inbound x 40 % one-off), estimated from the lines per event so far."""
        per_event = scheduled / events[0] if events[0] else 8.0
        remaining = max(1.0, 0.85 * (n - scheduled) / per_event)
        need = (distinct * 1.01 - issued[0]) / remaining
        return min(1.0, max(0.0, (need - 0.248) / (1 - 0.248)))

    def newpid():
        pid[0] = 1000 + (pid[0] - 1000 + rng.randint(1, 7)) % 4_000_000
        return pid[0]

    def qid():
        qn[0] += 1
        return queue_id(qn[0])

    def ip_ext(r):
        return f"{45 + r % 170}.{(r >> 3) % 256}.{(r >> 11) % 256}.{1 + r % 253}"

    def message(t0):
        """The lines of one message, as (time, text)."""
        ev = []
        q = qid()
        smtpd = f"postfix/smtpd[{newpid()}]"
        forced = distinct > 0 and rng.random() < forced_share()
        inbound = forced or rng.random() < 0.62
        if inbound:
            u = 0.5 if forced else rng.random()
            if u < 0.2:
                sender = heavy_in[zipf_rank(rng, len(heavy_in))]
            elif u < 0.6 and distinct:
                sender = unique_sender()
            elif u < 0.6:
                # the long tail: one-off senders (newsletters, spam, people writing once)
                r = rng.randrange(ext_pool * 8)
                sender = f"{person(r)}@{ext_domain(40 + r % (ext_pool // 4 + 1))}"
            else:
                r = zipf_rank(rng, ext_pool)
                dom = BAD[r % 3] if r % 97 == 5 else ext_domain(zipf_rank(rng, 5000) if r > 30 else r % 20)
                sender = f"{person(r)}@{dom}"
            sdom = sender.split("@")[1]
            h = zipf_rank(rng, 4000)
            client = f"mail{h % 4}-{h % 90}.{sdom}[{ip_ext(h)}]"
            rcpts = [f"{person(zipf_rank(rng, int_pool))}@{INTERNAL}" for _ in range(1 + (rng.random() < 0.15) * rng.randint(1, 4))]
        else:
            if rng.random() < 0.3:
                sender = f"{heavy_out[zipf_rank(rng, len(heavy_out))]}@{INTERNAL}"
            else:
                sender = f"{person(zipf_rank(rng, int_pool))}@{INTERNAL}"
            h = zipf_rank(rng, 60)
            client = f"{'exch01' if h < 3 else f'pc-{h:03d}'}.chu-exemple.local[10.10.{h // 250}.{10 + h % 240}]"
            rcpts = []
            for _ in range(1 + (rng.random() < 0.2) * rng.randint(1, 6)):
                if rng.random() < 0.4:
                    rcpts.append(f"{person(zipf_rank(rng, int_pool))}@{INTERNAL}")
                else:
                    r = zipf_rank(rng, ext_pool)
                    rcpts.append(f"{person(r)}@{ext_domain(zipf_rank(rng, 3000))}")
        rcpts = list(dict.fromkeys(rcpts))
        size = int(rng.lognormvariate(8.6, 1.3)) + 300
        tt = t0
        ev.append((tt, f"{smtpd}: connect from {client}"))
        tt += rng.random() * 0.3
        ev.append((tt, f"{smtpd}: {q}: client={client}"))
        tt += rng.random() * 0.1
        mid_dom = sender.split("@")[1]
        ev.append((tt, f"postfix/cleanup[{newpid()}]: {q}: message-id=<{rng.getrandbits(64):016x}.{qn[0]}@{mid_dom}>"))
        tt += rng.random() * 0.05
        ev.append((tt, f"postfix/qmgr[18401]: {q}: from=<{sender}>, size={size}, nrcpt={len(rcpts)} (queue active)"))
        ev.append((tt + 0.01, f"{smtpd}: disconnect from {client} ehlo=1 mail=1 rcpt={len(rcpts)} data=1 quit=1 commands={4 + len(rcpts)}"))
        end = tt
        bounced_any = False
        for rc in rcpts:
            local = rc.endswith("@" + INTERNAL)
            relay = ("exch-hub.chu-exemple.local[10.10.0.30]:25" if local
                     else f"mx.{rc.split('@')[1]}[{ip_ext(zlib.crc32(rc.encode()) & 0xffff)}]:25")
            d = tt + 0.05 + rng.random() * 2
            fate = rng.random()
            agent = f"postfix/smtp[{18459 + rng.randint(0, 40)}]"
            if local and rng.random() < 0.01:
                ev.append((d, f"postfix/local[{newpid()}]: {q}: to=<{rc}>, orig_to=<postmaster>, relay=local, "
                              f"delay={d - t0:.2g}, delays=0.05/0.01/0/0.02, dsn=2.0.0, status=sent (delivered to mailbox)"))
            elif fate < 0.03:
                # deferred, retried minutes later: then sent (mostly) or bounced
                ev.append((d, f"{agent}: {q}: to=<{rc}>, relay=none, delay={d - t0:.2g}, delays={d - t0:.2g}/0/0/0, "
                              f"dsn=4.4.1, status=deferred (connect to {relay.split('[')[0]}[{ip_ext(7)}]:25: Connection refused)"))
                d += 300 + rng.random() * 1800
                if rng.random() < 0.8:
                    ev.append((d, f"{agent}: {q}: to=<{rc}>, relay={relay}, delay={d - t0:.0f}, "
                                  f"delays={d - t0:.0f}/0.01/0.1/0.05, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as {qid()})"))
                else:
                    ev.append((d, f"{agent}: {q}: to=<{rc}>, relay={relay}, delay={d - t0:.0f}, delays={d - t0:.0f}/0/0/0.01, "
                                  f"dsn=5.1.1, status=bounced (host {relay.split(':')[0]} said: 550 5.1.1 User unknown (in reply to RCPT TO command))"))
                    bounced_any = True
            elif fate < 0.04:
                ev.append((d, f"{agent}: {q}: to=<{rc}>, relay={relay}, delay={d - t0:.2g}, delays=0.05/0/0/0.01, "
                              f"dsn=5.1.1, status=bounced (host {relay.split(':')[0]} said: 550 5.1.1 Recipient address rejected: "
                              f"User unknown in virtual mailbox table (in reply to RCPT TO command))"))
                bounced_any = True
            else:
                ev.append((d, f"{agent}: {q}: to=<{rc}>, relay={relay}, delay={d - t0:.2g}, "
                              f"delays=0.02/0.01/0.05/0.03, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as {rng.getrandbits(40):010X})"))
            end = max(end, d)
        if bounced_any:
            b = qid()
            end += 0.01
            ev.append((end, f"postfix/cleanup[{newpid()}]: {b}: message-id=<{qn[0]}.{b}@mx.chu-exemple.fr>"))
            ev.append((end, f"postfix/bounce[18510]: {q}: sender non-delivery notification: {b}"))
            ev.append((end, f"postfix/qmgr[18401]: {b}: from=<>, size={size + 2200}, nrcpt=1 (queue active)"))
            ev.append((end + 0.02, f"postfix/smtp[18469]: {b}: to=<{sender}>, relay=exch-hub.chu-exemple.local[10.10.0.30]:25, "
                                   f"delay=0.02, delays=0/0/0/0.02, dsn=2.0.0, status=sent (250 2.0.0 Ok)"))
            ev.append((end + 0.03, f"postfix/qmgr[18401]: {b}: removed"))
        ev.append((end + 0.001, f"postfix/qmgr[18401]: {q}: removed"))
        return ev

    def noise(t0):
        k = rng.random()
        r = zipf_rank(rng, 20000)
        ip = ip_ext(r)
        if k < 0.3:
            return [(t0, f"postfix/postscreen[{newpid()}]: CONNECT from [{ip}]:{1024 + r % 60000} to [10.10.0.5]:25"),
                    (t0 + 0.5, f"postfix/postscreen[{pid[0]}]: PASS OLD [{ip}]:{1024 + r % 60000}")]
        if k < 0.45:
            return [(t0, f"postfix/postscreen[{newpid()}]: HANGUP after 0.{r % 9 + 1} from [{ip}]:{2000 + r % 50000} in tests after SMTP handshake")]
        if k < 0.6:
            return [(t0, f"postfix/anvil[{newpid()}]: statistics: max connection rate {1 + r % 9}/60s for (smtp:{ip}) at {syslog_time(t0)}")]
        if k < 0.75:
            s = f"postfix/smtpd[{newpid()}]"
            return [(t0, f"{s}: connect from unknown[{ip}]"),
                    (t0 + 0.2, f"{s}: lost connection after EHLO from unknown[{ip}]"),
                    (t0 + 0.21, f"{s}: disconnect from unknown[{ip}] ehlo=1 commands=1")]
        s = f"postfix/smtpd[{newpid()}]"
        return [(t0, f"{s}: connect from unknown[{ip}]"),
                (t0 + 0.3, f"{s}: NOQUEUE: reject: RCPT from unknown[{ip}]: 550 5.1.1 <{person(r)}@{INTERNAL}>: "
                           f"Recipient address rejected: User unknown in relay recipient table; from=<{person(r + 7)}@{ext_domain(r % 400)}> "
                           f"to=<{person(r)}@{INTERNAL}> proto=ESMTP helo=<{ip}>"),
                (t0 + 0.31, f"{s}: disconnect from unknown[{ip}] ehlo=1 mail=1 rcpt=0/1 quit=1 commands=3/4")]

    # Lines are generated ahead of time and merged by time; new messages stop once what is written plus
    # what is pending would pass n, and the remainder is filled with noise lines, so exactly n lines.
    def emit_until(limit):
        nonlocal written
        for tt, _, text in lines.pop_until(limit):
            if written >= n:
                continue
            out.write(f"{syslog_time(tt)} mx {text}\n")
            written += 1

    while True:
        ev = message(t) if rng.random() < 0.85 else noise(t)
        if written + lines.pending() + len(ev) > n:
            break
        for tt, text in ev:
            lines.add(min(tt, DAY - 1), text)
        emit_until(t)
        # Arrival times follow the lines scheduled so far, so the file spans the day whatever the mix.
        scheduled += len(ev)
        events[0] += 1
        t = max(t, (DAY - 900) * scheduled / n + rng.uniform(-1, 1) * 9 * DAY / n)
    emit_until(DAY)
    while written < n:
        for tt, text in noise(DAY - 1)[:n - written]:
            out.write(f"{syslog_time(tt)} mx {text}\n")
            written += 1
    if distinct:
        print(f"gen.py: {issued[0]} one-off senders issued (asked: at least {distinct})", file=sys.stderr)
        if issued[0] < distinct:
            sys.exit(f"gen.py: only {issued[0]} one-off senders fit in {n} lines; ask for more lines")


SITES = ("intranet.chu-demo.fr login.office-demo.com webmail.chu-exemple.fr www.search-exemple.com "
         "static.cdn-demo.net cdn.demo-news.com www.sante-publique-exemple.fr api.meteo-demo.fr "
         "update.editeur-logiciel.fr www.fournisseur-sante.com").split()
UAS = ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
       "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
       "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
       "Mozilla/4.0 (compatible; MSIE 7.0; Windows NT 6.1; Trident/7.0)"]
WORDS = ("actualites planning garde protocoles qualite budget sante grippe meteo recherche docs rh paie "
         "formulaire patient dossier annuaire").split()
ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789"


def clf_time(t):
    s = int(t)
    return f"28/Nov/2026:{s // 3600 % 24:02d}:{s // 60 % 60:02d}:{s % 60:02d} +0100"


def proxy(n, rng, out):
    """Squid `combined` lines: popular sites and a Zipf tail of destinations, internal clients 10.20.x.y,
    CONNECTs, a few .exe/.zip downloads, a few long random URLs with no Referer."""
    sites_pool = max(2000, n // 20)
    clients = 3000
    t = 1.0
    step = DAY / n
    for _ in range(n):
        t = min(DAY - 1, t + rng.expovariate(1 / (step * 0.99)))
        c = zipf_rank(rng, clients)
        ip = f"10.20.{c // 250}.{1 + c % 250}"
        user = person(c).replace(".", "")[:12]
        ua = UAS[c % len(UAS)]
        k = rng.random()
        status, size = 200, int(rng.lognormvariate(9, 1.5))
        if k < 0.25:
            host = SITES[zipf_rank(rng, 3)] if rng.random() < 0.7 else f"www.site{zipf_rank(rng, sites_pool)}.{TLDS[c % len(TLDS)]}"
            req, ref, tag = f"CONNECT {host}:443 HTTP/1.1", "-", "TCP_TUNNEL:HIER_DIRECT"
        elif k < 0.998:
            r = zipf_rank(rng, sites_pool + len(SITES))
            host = SITES[r] if r < len(SITES) else f"www.site{r - len(SITES)}.{TLDS[r % len(TLDS)]}"
            w = WORDS[zipf_rank(rng, len(WORDS))]
            path = rng.choice([f"/{w}/", f"/{w}/{rng.randint(1, 999)}.html", f"/static/img/{rng.randint(1, 999)}.jpg",
                               f"/assets/site.css", f"/search?q={w}+{WORDS[c % len(WORDS)]}"])
            req = f"GET http://{host}{path} HTTP/1.1"
            ref = f"http://{host}/" if rng.random() < 0.7 else f"http://{SITES[3]}/search?q={w}"
            tag = "TCP_MISS:HIER_DIRECT" if rng.random() < 0.8 else "TCP_HIT:HIER_NONE"
            if rng.random() < 0.03:
                status, size = 404, 512
        elif k < 0.999:
            r = zipf_rank(rng, 500)
            host = f"dl{r}.telechargement-{r % 7}.{TLDS[r % len(TLDS)]}"
            f = rng.choice(["setup.exe", "update.exe", "facture.zip", "documents.zip", "installer.exe"])
            req, ref, tag = f"GET http://{host}/files/{f} HTTP/1.1", "-", "TCP_MISS:HIER_DIRECT"
            size = 200_000 + rng.randint(0, 5_000_000)
        else:
            host = "".join(rng.choice(ALNUM) for _ in range(rng.randint(8, 16))) + "." + rng.choice(["com", "net", "info", "biz"])
            tok = "".join(rng.choice(ALNUM) for _ in range(rng.randint(40, 90)))
            req, ref, tag = f"GET http://{host}/{tok}?id={rng.getrandbits(48):x} HTTP/1.1", "-", "TCP_MISS:HIER_DIRECT"
        out.write(f'{ip} - {user} [{clf_time(t)}] "{req}" {status} {size} "{ref}" "{ua}" {tag}\n')


THREATS = ["Win.Test.EICAR_HDB-1", "Heuristics.Encrypted.Zip", "Doc.Dropper.Agent-1234567", "Win.Trojan.Emotet-9953",
           "Html.Phishing.Bank-123", "Xls.Downloader.Generic-7"]
AV_DIRS = ["Documents", "Desktop", "Downloads", "AppData/Local/Microsoft/Windows/INetCache/IE/7HQ2LX0D",
           "AppData/Local/Temp", "Pictures"]
EXTS = ["docx", "pdf", "xlsx", "jpg", "png", "txt", "zip", "exe", "msg", "pptx"]


def av(n, rng, out):
    """clamd lines through syslog from many hosts (the host is in the line): mostly `path: OK` (LogClean),
    about 0.5 % `path: Threat(md5:size) FOUND`, a few self-check lines."""
    hosts = 4000
    t = 1.0
    step = DAY / n
    for _ in range(n):
        t = min(DAY - 1, t + rng.expovariate(1 / (step * 0.99)))
        h = zipf_rank(rng, hosts)
        host = f"pc-{h:04d}" if h >= 20 else f"srv-{h:02d}"
        user = person(h).split(".")[0] + str(h)
        k = rng.random()
        pid = 900 + h % 5000
        if k < 0.003:
            out.write(f"{syslog_time(t)} {host} clamd[{pid}]: SelfCheck: Database status OK.\n")
            continue
        d = AV_DIRS[zipf_rank(rng, len(AV_DIRS))]
        f = f"{rng.choice(WORDS)}_{rng.randint(1, 9999)}.{EXTS[zipf_rank(rng, len(EXTS))]}"
        path = f"/home/{user}/{d}/{f}"
        if k < 0.995:
            out.write(f"{syslog_time(t)} {host} clamd[{pid}]: {path}: OK\n")
        else:
            th = THREATS[zipf_rank(rng, len(THREATS))]
            out.write(f"{syslog_time(t)} {host} clamd[{pid}]: {path}: {th}.UNOFFICIAL"
                      f"({rng.getrandbits(128):032x}:{rng.randint(68, 90000)}) FOUND\n")


SUBJECTS = ["Votre colis est en attente", "Facture impayee n 48213", "Remboursement ameli disponible",
            "Document partage avec vous", "Mise a jour de votre mot de passe", "Compte rendu de reunion"]


def quarantine(n, rng, out):
    """amavisd-new log_templ lines: mostly Passed CLEAN, some Blocked SPAM/INFECTED/BANNED and Passed SPAMMY;
    a few campaigns (same subject or sender domain) among them."""
    int_pool = max(200, n // 50)
    ext_pool = max(1000, n // 2)
    t = 1.0
    step = DAY / n
    for i in range(n):
        t = min(DAY - 1, t + rng.expovariate(1 / (step * 0.99)))
        r = zipf_rank(rng, ext_pool)
        dom = ext_domain(zipf_rank(rng, 5000))
        k = rng.random()
        if 0.95 <= k and rng.random() < 0.5:
            dom = BAD[zipf_rank(rng, 3)]
        sender = f"{person(r)}@{dom}"
        rc = ",".join(f"<{person(zipf_rank(rng, int_pool))}@{INTERNAL}>" for _ in range(1 + (rng.random() < 0.1) * 3))
        ip = f"{45 + r % 170}.{(r >> 3) % 256}.{(r >> 11) % 256}.{1 + r % 253}"
        q = queue_id(i + 1)
        mid = f"{rng.getrandbits(48):x}@{dom}"
        ms = rng.randint(150, 2500)
        size = int(rng.lognormvariate(9, 1.2))
        head = f"{syslog_time(t)} mx amavis[{2000 + i % 300}]: ({2000 + i % 300:05d}-{i % 99 + 1:02d})"
        tail = (f"[{ip}]:{1024 + r % 60000} [{ip}] <{sender}> -> {rc}, Queue-ID: {q}, Message-ID: <{mid}>, "
                f"mail_id: {rng.getrandbits(40):x}, Hits: {{hits}}, size: {size}, queued_as: {queue_id(i + 7_000_000)}, ")
        subj = SUBJECTS[zipf_rank(rng, len(SUBJECTS))] if k >= 0.95 else f"{WORDS[r % len(WORDS)]} {r % 1000}"
        if k < 0.95:
            out.write(f"{head} Passed CLEAN {{RelayedInbound}}, " + tail.format(hits=f"{rng.uniform(-3, 3):.3f}")
                      + f"Subject: \"{subj}\", {ms} ms\n")
        elif k < 0.97:
            out.write(f"{head} Passed SPAMMY {{RelayedTaggedInbound}}, " + tail.format(hits=f"{rng.uniform(5, 7):.3f}")
                      + f"Subject: \"{subj}\", {ms} ms\n")
        elif k < 0.99:
            out.write(f"{head} Blocked SPAM {{DiscardedInbound,Quarantined}}, " + tail.format(hits=f"{rng.uniform(8, 30):.3f}")
                      .replace(", Queue-ID", f", quarantine: spam-{rng.getrandbits(40):x}, Queue-ID")
                      + f"Subject: \"{subj}\", {ms} ms\n")
        elif k < 0.997:
            th = THREATS[zipf_rank(rng, len(THREATS))]
            out.write(f"{head} Blocked INFECTED ({th}) {{DiscardedInbound,Quarantined}}, " + tail.format(hits="-")
                      .replace(", Queue-ID", f", quarantine: virus-{rng.getrandbits(40):x}, Queue-ID")
                      + f"Subject: \"{subj}\", {ms} ms\n")
        else:
            f = rng.choice(["facture.exe", "scan.js", "document.hta", "commande.scr"])
            out.write(f"{head} Blocked BANNED (multipart/mixed | application/octet-stream,.exe,{f}) "
                      "{DiscardedInbound,Quarantined}, " + tail.format(hits="-")
                      .replace(", Queue-ID", f", quarantine: banned-{rng.getrandbits(40):x}, Queue-ID")
                      + f"Subject: \"{subj}\", {ms} ms\n")


def main():
    args = sys.argv[1:]
    distinct = 0
    if len(args) == 6 and args[4] == "--distinct-senders":
        distinct = int(args[5])
        args = args[:4]
        if args[0] != "postfix" or distinct < 1:
            sys.exit("gen.py: --distinct-senders D (D >= 1) is for postfix only")
    if len(args) != 4:
        sys.exit(__doc__)
    source, n, seed, path = args[0], int(args[1]), int(args[2]), args[3]
    gen = {"postfix": postfix, "proxy": proxy, "av": av, "quarantine": quarantine}.get(source)
    if gen is None:
        sys.exit(f"gen.py: unknown source {source}")
    rng = random.Random(f"{source}:{seed}")
    with open(path, "w", encoding="utf-8", newline="\n", buffering=1 << 20) as out:
        if distinct:
            gen(n, rng, out, distinct)
        else:
            gen(n, rng, out)


if __name__ == "__main__":
    main()
