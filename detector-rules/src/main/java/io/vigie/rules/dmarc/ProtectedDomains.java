package io.vigie.rules.dmarc;

import io.vigie.core.net.MailDomains;
import java.util.List;

/**
 * Which protected domain a report row belongs to. With a configured list, the one the row's header_from is
 * or falls under. Without one, the report's own {@code policy_published} domain when the header_from is it
 * or one of its subdomains: a report reaches our {@code rua} address because that domain's DMARC record
 * names it, so the domain is ours.
 */
final class ProtectedDomains {

    private final MailDomains configured;

    private ProtectedDomains(final MailDomains configured) {
        this.configured = configured;
    }

    /**
     * @param protectedDomains the DMARC protected domains, may be empty
     * @param internalDomains  the organisation's mail domains, used when {@code protectedDomains} is empty
     */
    static ProtectedDomains of(final List<String> protectedDomains, final List<String> internalDomains) {
        return new ProtectedDomains(MailDomains.of(protectedDomains.isEmpty() ? internalDomains : protectedDomains));
    }

    /** Whether domains come from a configured list (else from the reports themselves). */
    boolean configured() {
        return !configured.domains().isEmpty();
    }

    /** @return the protected domain covering {@code headerFrom}, or null when the row is about another domain */
    String of(final String headerFrom, final String policyDomain) {
        if (configured()) {
            return configured.coveringDomain(headerFrom);
        }
        if (policyDomain == null || headerFrom == null) {
            return null;
        }
        try {
            return MailDomains.of(policyDomain).coveringDomain(headerFrom);
        } catch (final IllegalArgumentException notADomain) {
            // Whatever a hostile report puts there: the row is then counted under its header_from only.
            return null;
        }
    }
}
