package io.vigie.app.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vigie.app.config.VigieConfig;
import io.vigie.app.http.HttpApiServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS from PEM files: a client that trusts the hospital's CA connects, one that does not is refused. */
class HttpsServerIT {

    @TempDir
    Path dir;

    private PrometheusMeterRegistry registry;
    private HttpApiServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    private Path certificate() {
        return dir.resolve("vigie.crt");
    }

    private Path privateKey() {
        return dir.resolve("vigie.key");
    }

    private void startWith(final KeyStore keys) throws Exception {
        ServerCertificates.writePem(keys, certificate(), privateKey());
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        server = new HttpApiServer(
                        "127.0.0.1",
                        0,
                        "",
                        ServerTls.context(certificate(), privateKey()),
                        registry,
                        () -> KafkaStreams.State.RUNNING)
                .start();
    }

    private static HttpClient trusting(final KeyStore... servers) throws Exception {
        final KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        int i = 0;
        for (final KeyStore keys : servers) {
            trusted.setCertificateEntry("server" + i++, keys.getCertificate("server"));
        }
        final TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        final SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder()
                .sslContext(context)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    private HttpResponse<String> health(final HttpClient client) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + "/health"))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldServeHttpsToAClientThatTrustsTheCertificate() throws Exception {
        final KeyStore first = ServerCertificates.make(dir, "vigie-first");
        startWith(first);

        final HttpResponse<String> answer = health(trusting(first));
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Strict-Transport-Security")).isPresent();
        assertThat(((X509Certificate) answer.sslSession().orElseThrow().getPeerCertificates()[0])
                        .getSubjectX500Principal()
                        .getName())
                .isEqualTo("CN=vigie-first");
    }

    @Test
    void shouldRefuseTheHandshakeOfAClientThatDoesNotTrustIt() throws Exception {
        startWith(ServerCertificates.make(dir, "vigie-first"));
        final HttpClient defaultTrust =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        assertThatThrownBy(() -> health(defaultTrust)).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void shouldServeARenewedCertificateWithoutARestart() throws Exception {
        final KeyStore first = ServerCertificates.make(dir, "vigie-first");
        final KeyStore renewed = ServerCertificates.make(dir, "vigie-renewed");
        startWith(first);
        assertThat(health(trusting(first)).statusCode()).isEqualTo(200);

        ServerCertificates.writePem(renewed, certificate(), privateKey());

        // each try is a new client, so a new handshake; the files are checked at each one
        final Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        String served = "";
        while (!"CN=vigie-renewed".equals(served) && Instant.now().isBefore(deadline)) {
            final HttpResponse<String> answer = health(trusting(first, renewed));
            served = ((X509Certificate) answer.sslSession().orElseThrow().getPeerCertificates()[0])
                    .getSubjectX500Principal()
                    .getName();
        }
        assertThat(served).isEqualTo("CN=vigie-renewed");
        assertThatThrownBy(() -> health(trusting(first))).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void shouldKeepTheCurrentCertificateWhenARenewalCannotBeRead() throws Exception {
        final KeyStore first = ServerCertificates.make(dir, "vigie-first");
        startWith(first);
        Files.writeString(
                privateKey(),
                "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n",
                StandardCharsets.US_ASCII);

        assertThat(health(trusting(first)).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldNameTheSettingWhenOnlyOneFileIsGivenOrAKeyIsNotPkcs8() throws Exception {
        ServerCertificates.writePem(ServerCertificates.make(dir, "vigie-first"), certificate(), privateKey());
        assertThatThrownBy(() -> VigieConfig.load(
                        null, Map.of("VIGIE_HTTP_TLS_CERTIFICATE", certificate().toString())))
                .hasMessageContaining("http.tls.private-key");
        assertThatThrownBy(() -> VigieConfig.load(
                        null,
                        Map.of(
                                "VIGIE_HTTP_TLS_CERTIFICATE",
                                certificate().toString(),
                                "VIGIE_HTTP_TLS_PRIVATE_KEY",
                                dir.resolve("absent.key").toString())))
                .hasMessageContaining("http.tls.private-key")
                .hasMessageContaining("absent.key");
        assertThat(VigieConfig.load(
                                null,
                                Map.of(
                                        "VIGIE_HTTP_TLS_CERTIFICATE",
                                        certificate().toString(),
                                        "VIGIE_HTTP_TLS_PRIVATE_KEY",
                                        privateKey().toString()))
                        .http()
                        .tls())
                .isTrue();

        final Path rsaStyle = Files.writeString(
                dir.resolve("pkcs1.key"),
                "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n",
                StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> ServerTls.context(certificate(), rsaStyle))
                .hasMessageContaining("PKCS#8")
                .hasMessageContaining("openssl pkcs8");
    }
}
