#!/usr/bin/env python3
"""Fake external MXs (Python 3.11 stdlib smtpd) for the content-filter logs.

Listens on 127.0.0.2..6 port 25 (inside the test network namespace).
RCPT local parts starting with "bounce" get 550, "defer" get 451;
everything else is accepted and thrown away (a count goes to stdout).
"""
import asyncore, smtpd, sys, warnings
warnings.filterwarnings("ignore")

NAMES = {"127.0.0.2": "mx.example.com", "127.0.0.3": "mx.example.org",
         "127.0.0.4": "mx.example.net", "127.0.0.5": "mx1.laposte.example",
         "127.0.0.6": "smtp.univ-lyon.example"}

class Channel(smtpd.SMTPChannel):
    def __init__(self, server, conn, addr, *a, **kw):
        self._greeted = False
        self._name = server.name
        super().__init__(server, conn, addr, *a, **kw)
        self.fqdn = server.name          # used in the EHLO reply

    def push(self, msg):
        if not self._greeted and msg.startswith("220 "):
            self._greeted = True
            msg = "220 %s ESMTP" % self._name   # banner with the MX's own name
        super().push(msg)

    def smtp_RCPT(self, arg):
        if arg and self.mailfrom is not None:
            addr = arg.split(":", 1)[-1].strip().strip("<>").split(">")[0]
            local = addr.split("@")[0].lower()
            if local.startswith("bounce"):
                self.push("550 5.1.1 <%s>: Recipient address rejected: User unknown in local recipient table" % addr)
                return
            if local.startswith("defer"):
                self.push("451 4.2.2 <%s>: Mailbox temporarily over quota, try again later" % addr)
                return
        super().smtp_RCPT(arg)

class Sink(smtpd.SMTPServer):
    channel_class = Channel
    def __init__(self, ip):
        self.name = NAMES[ip]
        super().__init__((ip, 25), None, decode_data=False)
    def handle_accepted(self, conn, addr):
        Channel(self, conn, addr, self.data_size_limit, self._map,
                     self.enable_SMTPUTF8, self._decode_data)
    def process_message(self, peer, mailfrom, rcpttos, data, **kw):
        print(self.name, mailfrom, ",".join(rcpttos), flush=True)
        return None

if __name__ == "__main__":
    for ip in NAMES:
        Sink(ip)
    asyncore.loop()
