package io.vigie.rules.config;

import java.util.List;

/**
 * Who is who: how a mail address becomes an account name ({@code organisation.user-mapping}).
 *
 * @param userMapping ordered rules, the first that matches a whole address wins; empty: the local part of the
 *                    addresses in the internal domains, lower-cased, and nothing for the others
 */
public record IdentityConfig(List<UserMappingRule> userMapping) {

    public IdentityConfig {
        userMapping = List.copyOf(userMapping);
    }

    public static IdentityConfig defaults() {
        return new IdentityConfig(List.of());
    }

    /**
     * One rule of {@code organisation.user-mapping}.
     *
     * @param match   a regular expression over the whole address, case-insensitive, with at least one named group
     *                ({@code (?<first>[a-z]+)\.(?<last>[a-z]+)@chu-exemple\.fr})
     * @param account the account it gives, naming groups as {@code ${group}} ({@code ${first}.${last}})
     */
    public record UserMappingRule(String match, String account) {}
}
