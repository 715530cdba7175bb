package io.vigie.app.report;

import io.vigie.app.http.ApiToken;
import io.vigie.app.http.BadRequestException;
import io.vigie.app.http.HttpApiServer;
import io.vigie.app.http.JsonResponse;
import io.vigie.app.http.PostRequest;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * {@code POST /api/report?reporter=}: a user reports a suspicious mail, as an Outlook or Thunderbird "report
 * phishing" button or a forwarding mailbox sends it: the whole message ({@code message/rfc822}, or
 * {@code application/octet-stream}), with the bearer token. The bytes go to {@code raw.reports} untouched (the
 * CERT asks for the EML intact), keyed by the reporter; the engine analyses them. Answers 202 with the report id
 * (the SHA-256 of the bytes) once Kafka has them.
 */
public final class ReportApi {

    private static final Set<String> TYPES = Set.of("message/rfc822", "application/octet-stream", "text/plain", "");
    private static final Pattern REPORTER = Pattern.compile("[\\p{L}0-9._@+-]{1,200}");
    private static final long SEND_TIMEOUT_SECONDS = 60;
    static final String ANONYMOUS = "anonymous";

    private final ApiToken token;
    private final Producer<String, byte[]> producer;
    private final String topic;
    private final int maxBytes;

    public ReportApi(
            final ApiToken token, final Producer<String, byte[]> producer, final String topic, final int maxBytes) {
        this.token = token;
        this.producer = producer;
        this.topic = topic;
        this.maxBytes = maxBytes;
    }

    public void register(final HttpApiServer http) {
        http.postRoute("/api/report", maxBytes, this::post);
    }

    JsonResponse post(final PostRequest request) {
        final JsonResponse refused = token.refusal(request);
        if (refused != null) {
            return refused;
        }
        if (!TYPES.contains(request.contentType())) {
            return JsonResponse.error(415, "send the message as message/rfc822");
        }
        final byte[] mail = request.body();
        if (!looksLikeAMail(mail)) {
            throw new BadRequestException("the body is not a mail (no header block)");
        }
        final String reporter =
                request.params().getOrDefault("reporter", ANONYMOUS).strip();
        if (!REPORTER.matcher(reporter).matches()) {
            throw new BadRequestException("reporter must be an address or a login");
        }
        try {
            producer.send(new ProducerRecord<>(topic, reporter, mail)).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (final ExecutionException | TimeoutException e) {
            throw new IllegalStateException("report not written to " + topic + ": " + e, e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the report", e);
        }
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("report_id", sha256(mail));
        body.put("bytes", mail.length);
        body.put("reporter", reporter);
        return JsonResponse.of(202, body);
    }

    /** A header line ({@code Name: value}) first: the engine's analyser judges the rest. */
    static boolean looksLikeAMail(final byte[] mail) {
        int i = 0;
        while (i < mail.length && i < 1000 && mail[i] != '\n' && mail[i] != '\r') {
            if (mail[i] == ':') {
                return i > 0;
            }
            if (mail[i] <= ' ') {
                return false;
            }
            i++;
        }
        return false;
    }

    static String sha256(final byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
