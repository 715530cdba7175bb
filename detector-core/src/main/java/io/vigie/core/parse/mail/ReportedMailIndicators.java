package io.vigie.core.parse.mail;

import io.vigie.core.model.Indicator;
import io.vigie.core.model.ReportedMail;
import io.vigie.core.model.ReportedMail.Attachment;
import io.vigie.core.model.ReportedMail.Link;
import io.vigie.core.net.MailDomains;
import io.vigie.core.net.UrlNormalizer;
import io.vigie.core.parse.intel.IndicatorListParser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Extracts the indicators worth publishing from an analysed report. Immutable, thread-safe. */
final class ReportedMailIndicators {

    private final Set<String> webmail;

    /** @param webmail lower-case sender domains never published (their subdomains neither) */
    ReportedMailIndicators(final Set<String> webmail) {
        this.webmail = Set.copyOf(webmail);
    }

    /**
     * What to publish from a report: the sender's domain, every URL and every attachment hash, with source
     * {@code report} and the report id as reference.
     *
     * <p>Two things a phishing mail names are its victims, not the attacker, and are left out so that the
     * proxy does not alert on every visit to them: the From domain when DMARC failed (the From is then
     * forged, typically a bank's or the tax office's own domain), and the address an anchor shows while
     * pointing elsewhere (the decoy). A big webmail domain is left out too: it says nothing.
     */
    List<Indicator> indicators(final ReportedMail mail, final Instant added) {
        final List<Indicator> out = new ArrayList<>();
        final String domain = UrlNormalizer.host(MailDomains.domainOf(mail.from()));
        final boolean forged = mail.authentication() != null
                && "fail".equals(mail.authentication().dmarc());
        if (domain != null && domain.contains(".") && !isWebmail(domain) && !forged) {
            out.add(indicator(Indicator.Kind.HOST, domain, mail, added));
        }
        final Set<String> decoys = new LinkedHashSet<>();
        for (final Link link : mail.urls()) {
            if (link.shownAs() != null) {
                decoys.add(String.valueOf(UrlNormalizer.normalize(IndicatorListParser.refang(link.shownAs()))));
            }
        }
        for (final Link link : mail.urls()) {
            if (!("html-text".equals(link.where()) && decoys.contains(link.url()))) {
                out.add(indicator(Indicator.Kind.URL, link.url(), mail, added));
            }
        }
        final Set<String> hashes = new LinkedHashSet<>();
        for (final Attachment attachment : mail.attachments()) {
            if (hashes.add(attachment.sha256())) {
                out.add(indicator(Indicator.Kind.HASH, attachment.sha256(), mail, added));
            }
        }
        return List.copyOf(out);
    }

    private boolean isWebmail(final String domain) {
        for (final String w : webmail) {
            if (domain.equals(w) || domain.endsWith("." + w)) {
                return true;
            }
        }
        return false;
    }

    private static Indicator indicator(
            final Indicator.Kind kind, final String value, final ReportedMail mail, final Instant added) {
        return new Indicator(
                kind, value, ReportedMailAnalyzer.SOURCE, mail.reportId(), null, List.of(), null, added, null);
    }
}
