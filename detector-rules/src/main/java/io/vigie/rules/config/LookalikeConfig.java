package io.vigie.rules.config;

import java.util.List;

/**
 * Look-alike sender domains: inbound mail from a domain made to look like the organisation's own or a partner's.
 *
 * @param partnerDomains    the partners' mail domains ({@code organisation.partner-domains}), protected like the
 *                          internal domains but at a lower level
 * @param minimumSimilarity a look-alike is reported from this similarity on, in (0, 1]
 * @param ignoredDomains    domains (and their subdomains) never called a look-alike: a legitimate sender that happens
 *                          to resemble a protected domain; the big public mail providers are always left out
 */
public record LookalikeConfig(List<String> partnerDomains, double minimumSimilarity, List<String> ignoredDomains) {

    public LookalikeConfig {
        partnerDomains = List.copyOf(partnerDomains);
        ignoredDomains = List.copyOf(ignoredDomains);
    }

    public static LookalikeConfig defaults() {
        return new LookalikeConfig(List.of(), 0.75, List.of());
    }
}
