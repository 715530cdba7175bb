package io.vigie.app.dmarc.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MessageKeyTest {

    @Test
    void shouldReadBackItsOwnKeyWhenTheFolderHasSeveralLevels() {
        final MessageKey key = new MessageKey("imap.chu-exemple.fr", "Reports/DMARC", 1_795_853_415L, 42);
        assertThat(key.toString()).isEqualTo("imap:imap.chu-exemple.fr/Reports/DMARC/1795853415/42");
        assertThat(MessageKey.parse(key.toString())).isEqualTo(key);
    }

    @Test
    void shouldRefuseKeysThatAreNotImapKeys() {
        assertThatThrownBy(() -> MessageKey.parse("mail.log")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MessageKey.parse("imap:host/INBOX/7")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MessageKey.parse("imap:host/INBOX/x/7")).isInstanceOf(IllegalArgumentException.class);
    }
}
