package io.vigie.rules.report;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A reported payslip phishing: failing SPF/DMARC, a Reply-To elsewhere, a link text lying, a PE file as a PDF. */
public final class PayslipPhishing {

    public static final byte[] EXE = "MZ\u0090\u0000\u0003\u0000\u0000\u0000 This program cannot be run in DOS mode"
            .getBytes(StandardCharsets.ISO_8859_1);

    private PayslipPhishing() {}

    public static String mail() {
        return "Return-Path: <bounce@mailer.example>\r\n"
                + "Authentication-Results: mx.chu-exemple.fr; spf=fail smtp.mailfrom=mailer.example; dkim=none; "
                + "dmarc=fail header.from=portail-rh.example\r\n"
                + "Received: from mailer.example (mailer.example [203.0.113.77]) by mx.chu-exemple.fr with ESMTP; "
                + "Fri, 27 Nov 2026 09:00:00 +0100\r\n"
                + "From: \"Service RH\" <rh@portail-rh.example>\r\n"
                + "Reply-To: rh.paie@gmail.com\r\nTo: a.meyer@chu-exemple.fr\r\n"
                + "Subject: Votre bulletin de paie\r\nMessage-ID: <paie-42@portail-rh.example>\r\n"
                + "Date: Fri, 27 Nov 2026 09:00:00 +0100\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
                + "--b\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
                + "<p>Consultez <a href=\"http://portail-rh.example/login?session=8f3e2a1c\">"
                + "https://intranet.chu-exemple.fr/paie</a></p>\r\n"
                + "--b\r\nContent-Type: application/pdf; name=\"bulletin.pdf\"\r\nContent-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=\"bulletin.pdf\"\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(EXE) + "\r\n--b--\r\n";
    }
}
