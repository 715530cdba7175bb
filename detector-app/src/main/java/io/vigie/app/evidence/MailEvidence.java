package io.vigie.app.evidence;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The subject's reported mails from {@code raw.reports} (whole EMLs keyed by reporter): those whose id the incident
 * or an alert about the subject names, and for a user, those the user reported or received. Each goes as it was,
 * byte for byte, to {@code mail/<report-id>.eml}, with its abuse-report drafts. A mail reported twice is one report
 * (same bytes, same id) and is written once.
 */
final class MailEvidence implements BoundedTopicReader.RecordHandler {

    /** Recipients are looked for in the header block only, within this many bytes. */
    private static final int MAX_HEADER_BYTES = 256 * 1024;

    private static final List<String> RECIPIENT_HEADERS = List.of("To", "Cc", "Delivered-To", "X-Original-To");

    private final EvidenceArchive archive;
    private final SubjectScope scope;
    private final boolean byPerson;
    private final AbuseDrafts drafts;
    private final Set<String> written = new HashSet<>();
    private int withDrafts;

    /**
     * @param byPerson whether the mails the subject's users reported or received are the subject's (a user), or
     *                 only those named by id (an incident, a host)
     */
    MailEvidence(
            final EvidenceArchive archive, final SubjectScope scope, final boolean byPerson, final AbuseDrafts drafts) {
        this.archive = archive;
        this.scope = scope;
        this.byPerson = byPerson;
        this.drafts = drafts;
    }

    @Override
    public void accept(final ConsumerRecord<String, byte[]> record) throws IOException {
        final byte[] eml = record.value();
        if (eml == null || eml.length == 0) {
            return;
        }
        final String id = reportId(eml);
        if (written.contains(id)
                || !(scope.hasReport(id)
                        || byPerson && (scope.matchesUser(record.key()) || scope.matchesAnyUser(recipients(eml))))) {
            return;
        }
        written.add(id);
        archive.add("mail/" + id + ".eml", eml);
        if (drafts.write(archive, eml, Instant.ofEpochMilli(record.timestamp()), record.key())) {
            withDrafts++;
        }
    }

    int mails() {
        return written.size();
    }

    int withDrafts() {
        return withDrafts;
    }

    /** The report id: SHA-256 of the bytes in lower-case hex, as {@code ReportedMail.reportId}. */
    static String reportId(final byte[] eml) {
        return java.util.HexFormat.of().formatHex(EvidenceArchive.sha256().digest(eml));
    }

    /** The addresses of the recipient headers; an unreadable header is read as no address. */
    static List<String> recipients(final byte[] eml) {
        final List<String> out = new ArrayList<>();
        try {
            final InternetHeaders headers =
                    new InternetHeaders(new ByteArrayInputStream(eml, 0, Math.min(eml.length, MAX_HEADER_BYTES)));
            for (final String name : RECIPIENT_HEADERS) {
                final String[] values = headers.getHeader(name);
                if (values == null) {
                    continue;
                }
                for (final String value : values) {
                    try {
                        for (final InternetAddress a : InternetAddress.parseHeader(value, false)) {
                            out.add(a.getAddress());
                        }
                    } catch (final AddressException e) {
                        // a malformed list names nobody for sure
                    }
                }
            }
        } catch (final MessagingException e) {
            return out;
        }
        return out;
    }
}
