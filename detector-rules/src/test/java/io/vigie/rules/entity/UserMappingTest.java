package io.vigie.rules.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigie.rules.config.IdentityConfig;
import io.vigie.rules.config.IdentityConfig.UserMappingRule;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UserMappingTest {

    private static final UserMapping DEFAULTS = UserMapping.of(List.of("chu-exemple.fr"));
    private static final UserMapping RULES = UserMapping.of(
            new IdentityConfig(List.of(
                    new UserMappingRule(
                            "(?<first>[a-z])[a-z-]*\\.(?<last>[a-z-]+)@chu-exemple\\.fr", "${first}${last}"),
                    new UserMappingRule("(?<user>[^@]+)@(?:labo\\.)?chu-exemple\\.fr", "${user}"),
                    new UserMappingRule("(?<user>[^@]+)@ght-exemple\\.fr", "ght-${user}"))),
            List.of("chu-exemple.fr"));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            nullValues = "NULL",
            value = {
                "alice@chu-exemple.fr,               alice",
                "Alice@CHU-Exemple.FR,               alice",
                "<Bob.Martin@chu-exemple.fr>,        bob.martin",
                "carol@labo.chu-exemple.fr,          carol",
                "alice@gmail.com,                    NULL",
                "alice@chu-exemple.fr.evil.example,  NULL",
                "alice,                              NULL",
                "@chu-exemple.fr,                    NULL",
                "'',                                 NULL",
                "NULL,                               NULL"
            })
    void shouldMapInternalAddressesToTheirLocalPartWhenNoRuleIsConfigured(final String address, final String account) {
        assertThat(DEFAULTS.accountOfMail(address)).isEqualTo(account);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            nullValues = "NULL",
            value = {
                "alice.durand@chu-exemple.fr,        adurand",
                "Jean-Paul.Le-Gall@CHU-exemple.fr,   jle-gall",
                "secretariat@chu-exemple.fr,         secretariat",
                "carol@labo.chu-exemple.fr,          carol",
                "dan@ght-exemple.fr,                 ght-dan",
                "eve@other.chu-exemple.fr,           NULL",
                "alice@gmail.com,                    NULL"
            })
    void shouldApplyTheFirstMatchingRuleAndNothingElseWhenRulesAreConfigured(
            final String address, final String account) {
        assertThat(RULES.accountOfMail(address)).isEqualTo(account);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            nullValues = "NULL",
            value = {
                "alice,                    alice",
                "'  ALICE ',               alice",
                "CHU\\alice,               alice",
                "chu\\Alice,               alice",
                "alice@chu.local,          alice",
                "ALICE@CHU.LOCAL,          alice",
                "alice.durand@chu-exemple.fr, adurand",
                "NT AUTHORITY\\SYSTEM,     NULL",
                "CHU\\PC-0042$,            NULL",
                "-,                        NULL",
                "'',                       NULL",
                "NULL,                     NULL"
            })
    void shouldNormaliseProxyAndAntivirusUserForms(final String user, final String account) {
        assertThat(RULES.accountOfUser(user)).isEqualTo(account);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            nullValues = "NULL",
            value = {
                "alice.durand@chu-exemple.fr, adurand",
                "alice@chu.local,             NULL",
                "mallory@evil.example,        NULL",
                "CHU\\alice,                alice",
                "alice,                       alice",
                "'',                          NULL"
            })
    void shouldReadAnAlertsNameAsAMailAddressWhenItIsOneAndAsALogonOtherwise(final String name, final String account) {
        assertThat(RULES.accountOf(name)).isEqualTo(account);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            nullValues = "NULL",
            value = {
                "C:\\Users\\alice\\Downloads\\flash_update.exe,                 alice",
                "c:\\users\\Bob.Martin\\AppData\\Local\\Temp\\x.exe,           bob.martin",
                "C:\\Documents and Settings\\carol\\Bureau\\a.scr,             carol",
                "/home/dave/Downloads/x.sh,                                    dave",
                "/var/tmp/realgen/clamav/root/home/mleroy/Downloads/f.exe,     mleroy",
                "/Users/erin/Library/x.dmg,                                    erin",
                "C:\\Users\\Public\\Downloads\\x.exe,                          NULL",
                "C:\\Users\\Default\\x.exe,                                    NULL",
                "C:\\Windows\\Temp\\x.exe,                                     NULL",
                "/tmp/x,                                                       NULL",
                "C:\\Users\\alice,                                             NULL",
                "NULL,                                                         NULL"
            })
    void shouldTakeTheAccountFromAProfilePath(final String path, final String account) {
        assertThat(UserMapping.accountOfPath(path)).isEqualTo(account);
    }

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource({
        "'(?<user>[^@]+@x',       '${user}',  'match is not a regular expression'",
        "'([^@]+)@x\\.fr',        '${user}',  'match has no named group'",
        "'(?<user>[^@]+)@x\\.fr', '${login}', 'account names ${login} but match has no such group (user)'",
        "'(?<user>[^@]+)@x\\.fr', 'alice',    'account uses no group'",
        "'',                      '${user}',  'needs both match and account'"
    })
    void shouldRefuseARuleThatCannotWork(final String match, final String account, final String reason) {
        assertThatThrownBy(() -> UserMapping.check(1, new UserMappingRule(match, account)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("user-mapping rule 1: ")
                .hasMessageContaining(reason);
    }
}
