package io.vigie.rules.quarantine;

import io.vigie.core.model.QuarantineEvent;
import io.vigie.core.net.MailDomains;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What quarantined messages of one campaign share: an attachment hash, a normalised subject, the sender's
 * domain, the domain of a link. Each trait is a grouping key; a message counts in every group it belongs to.
 */
final class CampaignTraits {

    /** Reply and forward prefixes, tags the gateway adds ([SPAM], ***SPAM***), in French and English. */
    private static final Pattern PREFIXES = Pattern.compile(
            "^(\\s*(re|tr|fw|fwd|réf|ref|aw|wg)\\s*:\\s*|\\s*\\[[^\\]]{1,20}\\]\\s*|\\s*\\*{2,3}[^*]{1,20}\\*{2,3}\\s*)+",
            Pattern.CASE_INSENSITIVE);
    /** Subjects shorter than this once normalised ("hello", "facture") group unrelated mails. */
    static final int MIN_SUBJECT_CHARS = 12;

    private final Set<String> ignoredSenderDomains;
    private final MailDomains internal;

    CampaignTraits(final List<String> ignoredSenderDomains, final List<String> internalDomains) {
        this.ignoredSenderDomains = Set.copyOf(ignoredSenderDomains);
        this.internal = MailDomains.of(internalDomains);
    }

    List<String> of(final QuarantineEvent e) {
        final Set<String> keys = new LinkedHashSet<>();
        e.attachments().forEach(hash -> keys.add("attachment:" + hash.toLowerCase(Locale.ROOT)));
        final String subject = subject(e.subject());
        if (subject != null) {
            keys.add("subject:" + subject);
        }
        final String domain = MailDomains.domainOf(e.sender());
        // Mail claiming to come from our own domains is grouped too: it is spoofing, a campaign of its own.
        if (domain != null && !ignoredSenderDomains.contains(domain)) {
            keys.add("sender-domain:" + domain);
        }
        e.urlDomains().forEach(d -> {
            final String host = d.toLowerCase(Locale.ROOT);
            if (!internal.isInternalDomain(host)) {
                keys.add("link-domain:" + host);
            }
        });
        return new ArrayList<>(keys);
    }

    /**
     * Lower case, prefixes and tags removed, digits as {@code #} (invoice numbers, dates vary within a campaign),
     * spaces collapsed; null when too short to tell a campaign apart.
     */
    static String subject(final String subject) {
        if (subject == null) {
            return null;
        }
        String s = PREFIXES.matcher(subject.strip()).replaceFirst("");
        s = s.toLowerCase(Locale.ROOT)
                .replaceAll("\\d+", "#")
                .replaceAll("\\s+", " ")
                .strip();
        return s.length() < MIN_SUBJECT_CHARS ? null : s;
    }
}
