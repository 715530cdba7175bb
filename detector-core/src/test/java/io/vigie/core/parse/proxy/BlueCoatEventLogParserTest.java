package io.vigie.core.parse.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BlueCoatEventLogParserTest {

    @Test
    void shouldIgnoreBlueCoatEventLogLinesAndRefuseOthers() {
        final BlueCoatEventLogParser parser = new BlueCoatEventLogParser();
        for (final String line : Samples.lines("apache-metron_BluecoatSyslog.head5.log")) {
            assertThat(Samples.ignored(parser.parse(line))).isEqualTo(BlueCoatEventLogParser.EVENT_LOG);
        }
        assertThat(parser.parse("<29>Apr 14 20:31:07 ProxySG: hello").error().reason())
                .isEqualTo(BlueCoatEventLogParser.NOT_EVENT_LOG);
        assertThat(parser.parse("<29>Apr 14 20:31:07 sshd: 250017 x").error().reason())
                .isEqualTo(BlueCoatEventLogParser.NOT_EVENT_LOG);
    }
}
