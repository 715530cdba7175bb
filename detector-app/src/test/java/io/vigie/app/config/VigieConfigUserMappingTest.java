package io.vigie.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigie.rules.config.IdentityConfig;
import io.vigie.rules.config.IdentityConfig.UserMappingRule;
import io.vigie.rules.entity.UserMapping;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code organisation.user-mapping}: a list of rules, from the file or (as JSON) from the environment. */
class VigieConfigUserMappingTest {

    @TempDir
    Path dir;

    private Path yaml(final String text) throws IOException {
        final Path file = dir.resolve("vigie.yaml");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void shouldHaveNoRuleByDefault() {
        assertThat(VigieConfig.load(null, Map.of()).toRulesConfig().identities())
                .isEqualTo(IdentityConfig.defaults());
        assertThat(VigieConfig.load(null, Map.of()).effectiveSettings())
                .containsEntry("organisation.user-mapping", "[]");
    }

    @Test
    void shouldReadTheRulesInTheirOrderFromTheFile() throws IOException {
        final Path file = yaml("""
                organisation:
                  internal-domains: [chu-exemple.fr]
                  user-mapping:
                    - match: '(?<first>[a-z])[a-z-]*\\.(?<last>[a-z-]+)@chu-exemple\\.fr'
                      account: '${first}${last}'
                    - match: '(?<user>[^@]+)@chu-exemple\\.fr'
                      account: '${user}'
                """);
        final VigieConfig config = VigieConfig.load(file, Map.of());

        assertThat(config.toRulesConfig().identities().userMapping())
                .containsExactly(
                        new UserMappingRule(
                                "(?<first>[a-z])[a-z-]*\\.(?<last>[a-z-]+)@chu-exemple\\.fr", "${first}${last}"),
                        new UserMappingRule("(?<user>[^@]+)@chu-exemple\\.fr", "${user}"));
        final UserMapping mapping = UserMapping.of(
                config.toRulesConfig().identities(), config.toRulesConfig().internalDomains());
        assertThat(mapping.accountOfMail("Alice.Durand@chu-exemple.fr")).isEqualTo("adurand");
        assertThat(mapping.accountOfMail("secretariat@chu-exemple.fr")).isEqualTo("secretariat");
    }

    @Test
    void shouldTakeTheRulesAsJsonFromTheEnvironmentOverTheFile() throws IOException {
        final Path file = yaml("""
                organisation:
                  user-mapping:
                    - {match: '(?<user>[^@]+)@a\\.fr', account: '${user}'}
                """);
        final VigieConfig config = VigieConfig.load(
                file,
                Map.of(
                        "VIGIE_ORGANISATION_USER_MAPPING",
                        "[{\"match\": \"(?<user>[^@]+)@b\\\\.fr\", \"account\": \"b-${user}\"}]"));

        assertThat(config.toRulesConfig().identities().userMapping())
                .containsExactly(new UserMappingRule("(?<user>[^@]+)@b\\.fr", "b-${user}"));
        assertThat(VigieConfig.load(file, Map.of("VIGIE_ORGANISATION_USER_MAPPING", ""))
                        .toRulesConfig()
                        .identities()
                        .userMapping())
                .isEmpty();
    }

    @Test
    void shouldRefuseABadRuleNamingTheKeyAndTheRule() throws IOException {
        assertThatThrownBy(() -> VigieConfig.load(yaml("""
                organisation:
                  user-mapping:
                    - {match: '(?<user>[^@]+)@a\\.fr', account: '${user}'}
                    - {match: '(?<user>[^@]+)@b\\.fr', account: '${login}'}
                """), Map.of()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("organisation.user-mapping")
                .hasMessageContaining("user-mapping rule 2: account names ${login} but match has no such group");
        assertThatThrownBy(() -> VigieConfig.load(yaml("""
                organisation:
                  user-mapping:
                    - {match: '(?<user>[^@]+)@a\\.fr', acount: '${user}'}
                """), Map.of()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("organisation.user-mapping")
                .hasMessageContaining("rule 1 has unknown field(s) [acount]");
        assertThatThrownBy(() -> VigieConfig.load(yaml("""
                organisation:
                  user-mapping: ['(?<user>[^@]+)@a\\.fr']
                """), Map.of()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("organisation.user-mapping")
                .hasMessageContaining("list items must be mappings");
        assertThatThrownBy(() -> VigieConfig.load(null, Map.of("VIGIE_ORGANISATION_USER_MAPPING", "[{match: ")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining(
                        "organisation.user-mapping in environment variable VIGIE_ORGANISATION_USER_MAPPING")
                .hasMessageContaining("expected a JSON list of mappings");
    }
}
