package io.vigie.core.net;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The organisation's own mail domains. An address is internal when its domain equals a configured
 * domain or is a subdomain of one ({@code chu-exemple.fr} covers {@code labo.chu-exemple.fr}).
 * Immutable and thread-safe.
 */
public final class MailDomains {

    private final Set<String> domains;

    private MailDomains(final Set<String> domains) {
        this.domains = domains;
    }

    /**
     * @param domains e.g. {@code chu-exemple.fr}; case, one leading {@code .} or {@code @} and trailing dots
     *                are ignored
     * @throws IllegalArgumentException naming the first entry that is blank or not a domain name
     */
    public static MailDomains of(final Collection<String> domains) {
        if (domains == null) {
            throw new IllegalArgumentException("mail domains: list is null");
        }
        final Set<String> normalised = new TreeSet<>();
        for (final String entry : domains) {
            normalised.add(normaliseConfigured(entry));
        }
        return new MailDomains(Collections.unmodifiableSet(normalised));
    }

    /** @see #of(Collection) */
    public static MailDomains of(final String... domains) {
        return of(Arrays.asList(domains));
    }

    /**
     * @param address an envelope address as logged, e.g. {@code Anne.Meyer@CHU-exemple.fr.} or
     *                {@code <a@b>}
     * @return whether its domain is, or is below, a configured domain; false for null, an address without
     *         a domain (such as {@code root}) or the null sender
     */
    public boolean isInternal(final String address) {
        return isInternalDomain(domainOf(address));
    }

    /** @param domain a domain already normalised by {@link #domainOf}; null gives false */
    public boolean isInternalDomain(final String domain) {
        return coveringDomain(domain) != null;
    }

    /**
     * @param domain a domain already normalised by {@link #domainOf} (lower case, no trailing dot)
     * @return the configured domain that is {@code domain} or one of its parents, the closest one when
     *         several are; null when none is, or for null
     */
    public String coveringDomain(final String domain) {
        if (domain == null || domain.isEmpty() || domains.isEmpty()) {
            return null;
        }
        String candidate = domain;
        while (true) {
            if (domains.contains(candidate)) {
                return candidate;
            }
            final int dot = candidate.indexOf('.');
            if (dot < 0) {
                return null;
            }
            candidate = candidate.substring(dot + 1);
        }
    }

    /**
     * The domain part of an address: what follows the last {@code @}, lower-cased, without trailing dots
     * and without the closing angle bracket when the address was given as {@code <a@b>}.
     *
     * @return the domain, or null when there is no {@code @} or nothing after it
     */
    public static String domainOf(final String address) {
        if (address == null) {
            return null;
        }
        int end = address.length();
        while (end > 0 && (address.charAt(end - 1) == ' ' || address.charAt(end - 1) == '>')) {
            end--;
        }
        while (end > 0 && address.charAt(end - 1) == '.') {
            end--;
        }
        final int at = address.lastIndexOf('@', end - 1);
        if (at < 0 || at + 1 >= end) {
            return null;
        }
        return address.substring(at + 1, end).toLowerCase(Locale.ROOT);
    }

    /** The configured domains, normalised and sorted. */
    public Set<String> domains() {
        return domains;
    }

    @Override
    public String toString() {
        return "MailDomains" + domains;
    }

    private static String normaliseConfigured(final String entry) {
        if (entry == null || entry.isBlank()) {
            throw new IllegalArgumentException("mail domains: empty entry");
        }
        String domain = entry.strip().toLowerCase(Locale.ROOT);
        if (domain.startsWith("@") || domain.startsWith(".")) {
            domain = domain.substring(1);
        }
        while (domain.endsWith(".")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        if (domain.isEmpty() || domain.startsWith(".") || domain.contains("..")) {
            throw new IllegalArgumentException("mail domains: '" + entry + "' is not a domain name");
        }
        for (int i = 0; i < domain.length(); i++) {
            final char c = domain.charAt(i);
            if (c <= ' ' || c == '@' || c == '/' || c == '<' || c == '>' || c == ',' || c == ';') {
                throw new IllegalArgumentException("mail domains: '" + entry + "' is not a domain name");
            }
        }
        return domain;
    }
}
