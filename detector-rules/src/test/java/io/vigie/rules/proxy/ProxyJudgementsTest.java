package io.vigie.rules.proxy;

import static io.vigie.rules.proxy.Requests.POPULAR;
import static io.vigie.rules.proxy.Requests.RARE;
import static io.vigie.rules.proxy.Requests.get;
import static io.vigie.rules.proxy.Requests.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.rules.alert.Alert;
import io.vigie.rules.config.DownloadRiskConfig;
import io.vigie.rules.config.UrlComplexityConfig;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The per-request proxy detections alone, as pure decisions: a request and how known its destination is in, the
 * alerts out, no Kafka; the destination's figures asked for only when the cheap checks pass.
 */
class ProxyJudgementsTest {

    private static final String BEACON = "http://maj-logiciel-cdn.info/gate.php?id=dZzI88N5HBQttmdcbfijAIt10D4Zla5E"
            + "&k=21f657106f767f52af5a23d7b97299fc";

    private final SuspiciousDownloadDetection download = new SuspiciousDownloadDetection(DownloadRiskConfig.defaults());
    private final ComplexUrlDetection complexUrl = new ComplexUrlDetection(UrlComplexityConfig.defaults());
    private final AtomicInteger scans = new AtomicInteger();

    private Supplier<DestinationContext> counted(final DestinationContext destination) {
        return () -> {
            scans.incrementAndGet();
            return destination;
        };
    }

    @Test
    void shouldAlertOnARiskyDownloadFromARareDestination() {
        final List<Alert> alerts = download.judge(get("http://203.0.113.7/s.ps1", null, ""), counted(RARE));

        assertThat(alerts).singleElement().satisfies(alert -> {
            assertThat(alert.ruleId()).isEqualTo(SuspiciousDownloadDetection.RULE.id());
            assertThat(alert.message()).contains("10.1.2.3 downloaded http://203.0.113.7/s.ps1");
        });
        assertThat(scans).hasValue(1);
    }

    @Test
    void shouldNotJudgeABlockedOrFailedDownloadNorScanItsDestination() {
        assertThat(download.judge(request("GET", "http://203.0.113.7/s.ps1", 200, true, null, ""), counted(RARE)))
                .isEmpty();
        assertThat(download.judge(request("GET", "http://203.0.113.7/s.ps1", 404, false, null, ""), counted(RARE)))
                .isEmpty();
        assertThat(scans).hasValue(0);
    }

    @Test
    void shouldAlertOnAComplexUrlWithoutRefererToARareDestinationOnly() {
        assertThat(complexUrl.judge(get(BEACON, null, ""), counted(RARE)))
                .singleElement()
                .satisfies(alert -> assertThat(alert.ruleId()).isEqualTo(ComplexUrlDetection.RULE.id()));
        assertThat(complexUrl.judge(get(BEACON, null, ""), counted(POPULAR))).isEmpty();
    }

    @Test
    void shouldNeverJudgeARequestWhoseFormatLogsNoReferer() {
        assertThat(complexUrl.judge(get(BEACON, null, null), counted(RARE))).isEmpty();
        assertThat(scans).hasValue(0);
    }
}
