package io.vigie.core.parse.intel;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.model.Indicator;
import io.vigie.core.parse.ParseResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class UrlhausCsvParserTest {

    private final UrlhausCsvParser parser = new UrlhausCsvParser();

    @Test
    void readsARealRowFieldByField() {
        final ParseResult<IntelLine> row =
                parser.parse("\"3520667\",\"2025-04-21 12:35:06\",\"http://117.209.87.242:60905/bin.sh\","
                        + "\"online\",\"2025-04-21 12:35:06\",\"malware_download\",\"32-bit,elf,mips,Mozi\","
                        + "\"https://urlhaus.abuse.ch/url/3520667/\",\"geenensp\"");

        final Indicator i = row.value().indicator();
        assertThat(i.kind()).isEqualTo(Indicator.Kind.URL);
        assertThat(i.value()).isEqualTo("http://117.209.87.242:60905/bin.sh");
        assertThat(i.key()).isEqualTo("url:http://117.209.87.242:60905/bin.sh");
        assertThat(i.source()).isEqualTo("urlhaus");
        assertThat(i.reference()).isEqualTo("https://urlhaus.abuse.ch/url/3520667/");
        assertThat(i.threat()).isEqualTo("malware_download");
        assertThat(i.tags()).containsExactly("32-bit", "elf", "mips", "Mozi");
        assertThat(i.status()).isEqualTo("online");
        assertThat(i.added()).isEqualTo(Instant.parse("2025-04-21T12:35:06Z"));
    }

    @Test
    void everyRowOfARealDumpIsAnIndicatorAndTheHeaderIsNot() throws IOException {
        final List<String> lines = Files.readAllLines(
                Path.of("src/test/resources/samples/urlhaus/urlhaus-300.csv"), StandardCharsets.UTF_8);
        final List<ParseResult<IntelLine>> results =
                lines.stream().map(parser::parse).toList();

        assertThat(results).allMatch(ParseResult::isOk);
        assertThat(results.get(0).value().ignoredBecause()).isEqualTo("header");
        assertThat(results.subList(1, results.size())).allSatisfy(r -> {
            assertThat(r.value().indicator()).isNotNull();
            assertThat(r.value().indicator().value()).startsWith("http");
        });
        assertThat(results).hasSize(301);
    }

    @Test
    void theBannerOfTheOfficialDumpIsCommentsAndBadRowsAreRefusedWithAReason() {
        assertThat(parser.parse("################################################################")
                        .value()
                        .ignoredBecause())
                .isEqualTo("comment");
        assertThat(parser.parse("# id,dateadded,url,url_status,last_online,threat,tags,urlhaus_link,reporter")
                        .value()
                        .ignoredBecause())
                .isEqualTo("comment");
        assertThat(parser.parse("\"1\",\"2025-04-21 12:35:06\",\"http://x.example/\"")
                        .error()
                        .reason())
                .isEqualTo("not a urlhaus row");
        assertThat(parser.parse("\"1\",\"yesterday\",\"http://x.example/\",\"online\",\"\",\"m\",\"\",\"\",\"r\"")
                        .error()
                        .reason())
                .isEqualTo("bad date");
        assertThat(parser.parse("\"1\",\"2025-04-21 12:35:06\",\"not a url\",\"online\",\"\",\"m\",\"\",\"\",\"r\"")
                        .error()
                        .reason())
                .isEqualTo("bad url");
        assertThat(parser.parse("\"1\",\"2025-04-21 12:35:06\",\"http://x.example/")
                        .error()
                        .reason())
                .isEqualTo("unterminated quote");
        assertThat(parser.parse("x".repeat(20_000)).error().reason()).isEqualTo("line too long");
    }
}
