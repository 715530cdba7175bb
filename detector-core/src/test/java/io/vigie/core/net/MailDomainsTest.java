package io.vigie.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MailDomainsTest {

    private final MailDomains domains = MailDomains.of("chu-exemple.fr", "Labo-Exemple.FR.", "@ght.example");

    @ParameterizedTest
    @ValueSource(
            strings = {
                "anne.meyer@chu-exemple.fr",
                "Anne.Meyer@CHU-Exemple.FR",
                "a@chu-exemple.fr.",
                "a@urgences.chu-exemple.fr",
                "a@x.y.chu-exemple.fr",
                "<a@chu-exemple.fr>",
                "a@labo-exemple.fr",
                "a@ght.example",
                "\"odd@local\"@chu-exemple.fr"
            })
    void shouldCallTheAddressInternalWhenItsDomainIsOrIsBelowAConfiguredDomain(final String address) {
        assertThat(domains.isInternal(address)).as(address).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a@gmail.com",
                "a@notchu-exemple.fr",
                "a@chu-exemple.fr.evil.com",
                "a@exemple.fr",
                "root",
                "",
                "a@",
                "@",
                "chu-exemple.fr",
                "a@fr"
            })
    void shouldCallTheAddressExternalWhenItsDomainIsNotConfigured(final String address) {
        assertThat(domains.isInternal(address)).as(address).isFalse();
    }

    @Test
    void shouldCallNothingInternalWhenTheAddressIsNullOrNoDomainIsConfigured() {
        assertThat(domains.isInternal(null)).isFalse();
        assertThat(MailDomains.of(List.of()).isInternal("a@chu-exemple.fr")).isFalse();
        assertThat(domains.isInternalDomain(null)).isFalse();
        assertThat(domains.isInternalDomain("urgences.chu-exemple.fr")).isTrue();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            value = {
                "anne.meyer@chu-exemple.fr|chu-exemple.fr",
                "Anne.Meyer@CHU-Exemple.FR.|chu-exemple.fr",
                "a@b@Example.org|example.org",
                "<a@example.org>|example.org",
                "a@[192.0.2.1]|[192.0.2.1]",
                "root|NULL",
                "a@|NULL",
                "a@.|NULL",
                "''|NULL",
                "NULL|NULL",
            })
    void shouldExtractTheLowerCasedDomainWhenAskedForIt(final String address, final String domain) {
        assertThat(MailDomains.domainOf(address)).isEqualTo(domain);
    }

    @Test
    void shouldNormaliseTheConfiguredDomainsWhenListingThem() {
        assertThat(domains.domains()).containsExactly("chu-exemple.fr", "ght.example", "labo-exemple.fr");
        assertThat(domains.toString()).contains("chu-exemple.fr");
    }

    @ParameterizedTest
    @ValueSource(strings = {" ", "a@chu-exemple.fr", "chu exemple.fr", "..", "a..b", "<x>", "."})
    void shouldNameTheBadEntryWhenTheConfigurationIsInvalid(final String entry) {
        assertThatThrownBy(() -> MailDomains.of("chu-exemple.fr", entry))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mail domains");
    }

    @Test
    void shouldRefuseMissingEntriesWhenConfigured() {
        assertThatThrownBy(() -> MailDomains.of(Arrays.asList("chu-exemple.fr", null)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MailDomains.of((List<String>) null)).isInstanceOf(IllegalArgumentException.class);
    }
}
