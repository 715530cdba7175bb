package io.vigie.app.evidence;

import java.nio.charset.StandardCharsets;

/** Reported mails for the evidence tests. */
public final class EvidenceMails {

    private EvidenceMails() {}

    /** A phishing mail to {@code recipient}: an external hop from 203.0.113.45, a link showing another host. */
    public static byte[] phishing(final String recipient) {
        return ("Return-Path: <bounce@evil-bank.example>\r\n"
                        + "Received: from mx1.hopital.example (mx1.hopital.example [10.1.2.3])\r\n"
                        + "\tby mbx.hopital.example (Postfix) with ESMTP id 4XyZ1; Sun, 6 Dec 2026 09:00:05 +0000 (UTC)\r\n"
                        + "Received: from mail.evil-bank.example (mail.evil-bank.example [203.0.113.45])\r\n"
                        + "\tby mx1.hopital.example (Postfix) with ESMTP id 4AbC2; Sun, 6 Dec 2026 09:00:01 +0000 (UTC)\r\n"
                        + "From: \"Service client\" <securite@evil-bank.example>\r\n"
                        + "To: " + recipient + "\r\n"
                        + "Subject: =?UTF-8?Q?V=C3=A9rifiez_votre_compte?=\r\n"
                        + "Date: Sun, 6 Dec 2026 08:59:58 +0000\r\n"
                        + "Message-ID: <m1@evil-bank.example>\r\n"
                        + "MIME-Version: 1.0\r\n"
                        + "Content-Type: text/html; charset=utf-8\r\n"
                        + "Content-Transfer-Encoding: 8bit\r\n"
                        + "\r\n"
                        + "<p>Bonjour, v\u00e9rifiez votre compte :</p>\r\n"
                        + "<a href=\"http://login.evil-bank.example/verify?id=1\">https://www.mabanque.example/</a>\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A plain unsolicited mail: no link, no attachment, nothing to find. */
    public static byte[] plain(final String recipient) {
        return ("Received: from out.spam.example (out.spam.example [198.51.100.7])\r\n"
                        + "\tby mx1.hopital.example (Postfix) with ESMTP id 9ZZ; Sat, 5 Dec 2026 10:00:00 +0000 (UTC)\r\n"
                        + "From: promo@spam.example\r\n"
                        + "To: " + recipient + "\r\n"
                        + "Subject: Promotion\r\n"
                        + "Date: Sat, 5 Dec 2026 09:59:00 +0000\r\n"
                        + "Message-ID: <p1@spam.example>\r\n"
                        + "\r\n"
                        + "Achetez maintenant.\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }
}
