package io.vigie.core.net;

import java.net.IDN;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Domains made to look like the organisation's own or its partners': {@code chu-exemple-fr.com} or
 * {@code chu-exemple.com} for {@code chu-exemple.fr}, an added word, a typo, homoglyphs ({@code chu-exernple.fr},
 * {@code chu-exemp1e.fr}) and punycode ({@code xn--chu-exmple-...}, Cyrillic letters that look Latin).
 *
 * <p>A candidate is compared with each protected domain on their registrable parts: the label just left of the
 * public suffix ({@code chu-exemple}) and the suffix itself ({@code fr}). The suffix is the last label, or the
 * last two for the few common second-level suffixes of {@link #TWO_LEVEL_SUFFIXES} ({@code co.uk},
 * {@code gouv.fr}...): no public suffix list is loaded, so a suffix such as {@code sante.fr} is read as a domain.
 * Labels are compared on a <em>skeleton</em>: accents dropped, Cyrillic and Greek letters that look Latin mapped to
 * them, {@code 0} to {@code o}, {@code 1} and {@code i} to {@code l}, {@code rn} to {@code m}, {@code vv} to
 * {@code w}, {@code cl} to {@code d}.
 *
 * <p>The similarity is 1 for a name the eye cannot tell from the real one, and lower the more it differs:
 * <ul>
 *   <li>{@code punycode}: an {@code xn--} label whose decoded skeleton is the protected label's: 1;</li>
 *   <li>{@code homoglyph}: an ASCII label with the protected label's skeleton: 0.95;</li>
 *   <li>{@code tld-swap}: the protected label under another suffix ({@code chu-exemple.com}): 1 × 0.9;</li>
 *   <li>{@code typo}: a Damerau-Levenshtein distance of 1 (protected label of 5 to 9 characters) or up to 2
 *       (10 or more) on the label: 1 − distance / length;</li>
 *   <li>{@code added-word}: the protected label with words added at a hyphen ({@code chu-exemple-rh},
 *       {@code secure-chu-exemple}), or glued on when it is 8 characters or more without its hyphens:
 *       0.6 + 0.3 × its share of the label;</li>
 *   <li>{@code hyphenated}: the whole protected domain as one label ({@code chu-exemple-fr.com}): 0.85;</li>
 *   <li>{@code embedded}: the whole protected domain at the left of another one ({@code chu-exemple.fr.com},
 *       {@code chu-exemple.fr.login-verif.com}, {@code chu-exemple-fr.login-verif.com}): 0.85.</li>
 * </ul>
 * Any of the label techniques under another suffix than the protected domain's is multiplied by 0.9. A protected
 * label shorter than 5 characters ({@code aphp}) is only matched by the techniques that keep it whole (skeleton,
 * hyphenated, embedded): a typo or an added word of 4 letters hits unrelated names. The best match over every
 * protected domain wins, if it reaches the minimum similarity.
 *
 * <p>Never a look-alike: a protected domain itself and its subdomains ({@code mail.chu-exemple.fr}), a domain with
 * the same registrable domain as a protected one (its owner's), IP literals, the big public mail providers of
 * {@link #PUBLIC_MAIL_DOMAINS} ({@code laposte.net} is not {@code laposte.fr}'s imitation) and the ignored domains
 * given, with their subdomains. Immutable and thread-safe.
 */
public final class LookalikeDomains {

    /** Public mail providers: anyone has an address there, and some are a partner's name under another suffix. */
    public static final Set<String> PUBLIC_MAIL_DOMAINS = Set.of(
            "gmail.com",
            "googlemail.com",
            "outlook.com",
            "outlook.fr",
            "hotmail.com",
            "hotmail.fr",
            "live.com",
            "live.fr",
            "msn.com",
            "yahoo.com",
            "yahoo.fr",
            "icloud.com",
            "me.com",
            "aol.com",
            "aol.fr",
            "gmx.com",
            "gmx.fr",
            "gmx.de",
            "protonmail.com",
            "proton.me",
            "orange.fr",
            "wanadoo.fr",
            "free.fr",
            "laposte.net",
            "sfr.fr",
            "neuf.fr",
            "bbox.fr");

    /** Second-level public suffixes read as one suffix; any other suffix is the last label alone. */
    public static final Set<String> TWO_LEVEL_SUFFIXES = Set.of(
            "co.uk",
            "org.uk",
            "ac.uk",
            "gov.uk",
            "nhs.uk",
            "gouv.fr",
            "asso.fr",
            "nom.fr",
            "com.fr",
            "tm.fr",
            "presse.fr",
            "com.au",
            "net.au",
            "org.au",
            "co.nz",
            "co.jp",
            "ne.jp",
            "or.jp",
            "com.br",
            "com.cn",
            "co.in",
            "co.za",
            "com.mx",
            "com.tr",
            "co.il",
            "com.es",
            "com.pl",
            "com.ar",
            "co.at",
            "or.at",
            "gv.at",
            "com.be");

    /** Labels shorter than this are matched whole only. */
    static final int SHORT_LABEL = 5;
    /** A label glued to other words (no hyphen) is recognised from this length on, without its hyphens. */
    static final int GLUED_LABEL = 8;
    /** A word of at most this many letters changed twice is another word, not a typo. */
    static final int SHORT_WORD = 4;
    /** From this length on, a typo may change two characters. */
    static final int TWO_TYPOS_LABEL = 10;

    static final double HOMOGLYPH_SIMILARITY = 0.95;
    static final double WHOLE_DOMAIN_SIMILARITY = 0.85;
    static final double OTHER_SUFFIX_FACTOR = 0.9;
    static final double ADDED_WORD_BASE = 0.6;
    static final double ADDED_WORD_SHARE = 0.3;

    private static final Map<Character, Character> CONFUSABLES = confusables();
    /** Highest similarity first; on a tie the organisation's own domain, then the name: a stable result. */
    private static final Comparator<Match> BEST_FIRST = Comparator.comparingDouble(Match::similarity)
            .reversed()
            .thenComparing(Match::owner)
            .thenComparing(Match::imitated);

    /** Whose domain a look-alike imitates. */
    public enum Owner {
        INTERNAL,
        PARTNER;

        /** {@code internal} or {@code partner}, as alerts write it. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How the look-alike was made. */
    public enum Technique {
        PUNYCODE("punycode"),
        HOMOGLYPH("homoglyph"),
        TLD_SWAP("tld-swap"),
        HYPHENATED("hyphenated"),
        EMBEDDED("embedded"),
        TYPO("typo"),
        ADDED_WORD("added-word");

        private final String label;

        Technique(final String label) {
            this.label = label;
        }

        /** The name alerts and the README use: {@code tld-swap}, {@code added-word}... */
        public String label() {
            return label;
        }
    }

    /**
     * A look-alike found.
     *
     * @param domain     the candidate, lower-case ASCII (punycode kept)
     * @param unicode    how it shows, its punycode labels decoded, when it has any; else null
     * @param imitated   the protected domain it imitates
     * @param owner      whether that domain is the organisation's or a partner's
     * @param technique  how it was made
     * @param similarity in [0, 1], two decimals: 1 is indistinguishable
     */
    public record Match(
            String domain, String unicode, String imitated, Owner owner, Technique technique, double similarity) {}

    private final List<Protected> protectedDomains;
    private final Set<String> exact;
    private final Set<String> ignored;
    private final double minimumSimilarity;

    private LookalikeDomains(
            final List<Protected> protectedDomains, final Set<String> ignored, final double minimumSimilarity) {
        this.protectedDomains = List.copyOf(protectedDomains);
        final Set<String> names = new HashSet<>();
        protectedDomains.forEach(p -> names.add(p.domain()));
        this.exact = Set.copyOf(names);
        this.ignored = Set.copyOf(ignored);
        this.minimumSimilarity = minimumSimilarity;
    }

    /**
     * @param internal          the organisation's domains
     * @param partners          its partners' domains; a domain in both lists is internal
     * @param ignored           domains (with their subdomains) never called a look-alike, besides
     *                          {@link #PUBLIC_MAIL_DOMAINS}: a legitimate sender that happens to look like one
     * @param minimumSimilarity the least similarity reported, in (0, 1]
     * @throws IllegalArgumentException for a similarity out of range or an entry that is not a domain name
     */
    public static LookalikeDomains of(
            final Collection<String> internal,
            final Collection<String> partners,
            final Collection<String> ignored,
            final double minimumSimilarity) {
        if (!(minimumSimilarity > 0 && minimumSimilarity <= 1)) {
            throw new IllegalArgumentException("minimum similarity must be in (0, 1], not " + minimumSimilarity);
        }
        final Map<String, Owner> owners = new LinkedHashMap<>();
        for (final String domain : partners) {
            owners.put(configured(domain), Owner.PARTNER);
        }
        for (final String domain : internal) {
            owners.put(configured(domain), Owner.INTERNAL);
        }
        final List<Protected> protectedDomains = new ArrayList<>();
        owners.forEach((domain, owner) -> {
            final Parts parts = Parts.of(domain);
            if (parts != null) {
                protectedDomains.add(new Protected(
                        domain,
                        owner,
                        parts,
                        skeleton(parts.label()),
                        squeeze(skeleton(parts.label())),
                        squeeze(skeleton(parts.label() + '-' + parts.suffix()))));
            }
        });
        final Set<String> skipped = new HashSet<>(PUBLIC_MAIL_DOMAINS);
        for (final String domain : ignored) {
            skipped.add(configured(domain));
        }
        return new LookalikeDomains(protectedDomains, skipped, minimumSimilarity);
    }

    /** Whether any domain is protected: with none, nothing can be a look-alike. */
    public boolean isEmpty() {
        return protectedDomains.isEmpty();
    }

    /**
     * @param domain a sender's domain as logged or written (any case, Unicode or punycode, a trailing dot)
     * @return the protected domain it imitates best, when the similarity reaches the minimum; empty for null, a
     *         protected domain or one of its subdomains, an ignored domain, an IP literal
     */
    public Optional<Match> match(final String domain) {
        final String host = UrlNormalizer.host(domain);
        if (host == null
                || protectedDomains.isEmpty()
                || IpLiterals.parse(host) != null
                || under(host, exact)
                || under(host, ignored)) {
            return Optional.empty();
        }
        final Parts parts = Parts.of(host);
        if (parts == null) {
            return Optional.empty();
        }
        final Candidate candidate = Candidate.of(host, parts);
        Match best = null;
        for (final Protected p : protectedDomains) {
            if (p.parts().registrable().equals(parts.registrable())) {
                return Optional.empty();
            }
            final Match match = compare(candidate, p);
            if (match != null && (best == null || BEST_FIRST.compare(match, best) < 0)) {
                best = match;
            }
        }
        return best != null && best.similarity() >= minimumSimilarity ? Optional.of(best) : Optional.empty();
    }

    private static Match compare(final Candidate c, final Protected p) {
        final boolean sameSuffix = c.parts().suffix().equals(p.parts().suffix());
        final double suffixFactor = sameSuffix ? 1.0 : OTHER_SUFFIX_FACTOR;
        final boolean shortLabel = p.skeleton().length() < SHORT_LABEL;
        Technique technique = null;
        double similarity = 0;
        if (c.parts().label().equals(p.parts().label())) {
            technique = Technique.TLD_SWAP;
            similarity = suffixFactor;
        } else if (c.skeleton().equals(p.skeleton())) {
            technique = c.punycode() ? Technique.PUNYCODE : Technique.HOMOGLYPH;
            similarity = (c.punycode() ? 1.0 : HOMOGLYPH_SIMILARITY) * suffixFactor;
        }
        if (technique == null
                && (c.host().startsWith(p.domain() + '.')
                        || c.host().contains('.' + p.domain() + '.')
                        || c.squeezedPrefixLabels().contains(p.squeezedWhole()))) {
            technique = Technique.EMBEDDED;
            similarity = WHOLE_DOMAIN_SIMILARITY;
        }
        if (technique == null && c.squeezed().equals(p.squeezedWhole())) {
            technique = Technique.HYPHENATED;
            similarity = WHOLE_DOMAIN_SIMILARITY;
        }
        if (technique == null && !shortLabel) {
            final int allowed = p.skeleton().length() >= TWO_TYPOS_LABEL ? 2 : 1;
            if (Math.abs(c.skeleton().length() - p.skeleton().length()) <= allowed
                    || Math.abs(c.unicodeLabel().length() - p.parts().label().length()) <= allowed) {
                final int distance =
                        Math.min(distance(c.unicodeLabel(), p.parts().label()), distance(c.skeleton(), p.skeleton()));
                if (distance >= 1
                        && distance <= allowed
                        && !(distance > 1
                                && rewritesAShortWord(
                                        c.unicodeLabel(), p.parts().label()))) {
                    technique = Technique.TYPO;
                    final int length = Math.max(
                            c.unicodeLabel().length(), p.parts().label().length());
                    similarity = (1.0 - (double) distance / length) * suffixFactor;
                }
            }
            if (technique == null
                    && (containsAtHyphen(c.skeleton(), p.skeleton())
                            || p.squeezed().length() >= GLUED_LABEL
                                    && c.squeezed().contains(p.squeezed()))) {
                technique = Technique.ADDED_WORD;
                final double share = Math.min(
                        1.0, (double) p.squeezed().length() / c.squeezed().length());
                similarity = (ADDED_WORD_BASE + ADDED_WORD_SHARE * share) * suffixFactor;
            }
        }
        if (technique == null) {
            return null;
        }
        return new Match(c.host(), c.unicode(), p.domain(), p.owner(), technique, Math.round(similarity * 100) / 100.0);
    }

    /** Whether {@code word} is in {@code label} between hyphens or the label's ends, and is not all of it. */
    static boolean containsAtHyphen(final String label, final String word) {
        if (label.length() <= word.length()) {
            return false;
        }
        int from = label.indexOf(word);
        while (from >= 0) {
            final int end = from + word.length();
            if ((from == 0 || label.charAt(from - 1) == '-') && (end == label.length() || label.charAt(end) == '-')) {
                return true;
            }
            from = label.indexOf(word, from + 1);
        }
        return false;
    }

    /**
     * How a label looks, for comparing: accents dropped, lower case, confusable letters and digits mapped to the
     * Latin letter they pass for, then {@code rn → m}, {@code vv → w}, {@code cl → d}.
     */
    static String skeleton(final String label) {
        final String decomposed = isAscii(label) ? label : Normalizer.normalize(label, Normalizer.Form.NFD);
        final StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            final char ch = decomposed.charAt(i);
            if (Character.getType(ch) == Character.NON_SPACING_MARK) {
                continue;
            }
            final char lower = Character.toLowerCase(ch);
            out.append(CONFUSABLES.getOrDefault(lower, lower));
        }
        return out.toString().replace("rn", "m").replace("vv", "w").replace("cl", "d");
    }

    private static boolean isAscii(final String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether two edits fall in one short word between hyphens, rewriting it: {@code ght-exemple} is another
     * organisation of the same place as {@code chu-exemple} (a hospital group, a regional hospital), not a slip of the
     * keyboard.
     */
    static boolean rewritesAShortWord(final String candidate, final String imitated) {
        final String[] a = candidate.split("-", -1);
        final String[] b = imitated.split("-", -1);
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (Math.max(a[i].length(), b[i].length()) <= SHORT_WORD && distance(a[i], b[i]) > 1) {
                return true;
            }
        }
        return false;
    }

    /** The optimal string alignment (restricted Damerau-Levenshtein) distance: one swap of neighbours is one edit. */
    static int distance(final String a, final String b) {
        final int n = a.length();
        final int m = b.length();
        int[] twoBack = new int[m + 1];
        int[] previous = new int[m + 1];
        int[] current = new int[m + 1];
        for (int j = 0; j <= m; j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= n; i++) {
            current[0] = i;
            for (int j = 1; j <= m; j++) {
                final int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int d = Math.min(Math.min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d = Math.min(d, twoBack[j - 2] + 1);
                }
                current[j] = d;
            }
            final int[] recycled = twoBack;
            twoBack = previous;
            previous = current;
            current = recycled;
        }
        return previous[m];
    }

    private static String squeeze(final String label) {
        return label.replace("-", "").replace(".", "");
    }

    /** Whether the host is one of the domains or below one. */
    private static boolean under(final String host, final Set<String> domains) {
        String candidate = host;
        while (true) {
            if (domains.contains(candidate)) {
                return true;
            }
            final int dot = candidate.indexOf('.');
            if (dot < 0) {
                return false;
            }
            candidate = candidate.substring(dot + 1);
        }
    }

    private static String configured(final String domain) {
        final String host =
                domain == null ? null : UrlNormalizer.host(domain.strip().replaceFirst("^[@.]", ""));
        if (host == null || !host.contains(".") || IpLiterals.parse(host) != null) {
            throw new IllegalArgumentException("look-alike domains: '" + domain + "' is not a domain name");
        }
        return host;
    }

    private static Map<Character, Character> confusables() {
        final Map<Character, Character> map = new LinkedHashMap<>();
        // Written as escapes: in source, a Cyrillic a (U+0430) cannot be told from a Latin a, which is the point.
        final String[] pairs = {
            // digits and Latin letters that pass for others: 0 o, 1 l, i l, dotless i, l with stroke, script g, alpha
            "0o",
            "1l",
            "il",
            "\u0131l",
            "\u0142l",
            "\u0261g",
            "\u0251a",
            // Cyrillic a e o r(p) s(c) kh(x) u(y) k, Ukrainian i, palochka, je, dze, komi de, shha, qa, we
            "\u0430a",
            "\u0435e",
            "\u043eo",
            "\u0440p",
            "\u0441c",
            "\u0445x",
            "\u0443y",
            "\u043ak",
            "\u0456l",
            "\u04cfl",
            "\u0458j",
            "\u0455s",
            "\u0501d",
            "\u04bbh",
            "\u051bq",
            "\u051dw",
            // Greek alpha, omicron, rho, nu, iota, kappa, upsilon, chi, epsilon, lunate sigma
            "\u03b1a",
            "\u03bfo",
            "\u03c1p",
            "\u03bdv",
            "\u03b9l",
            "\u03bak",
            "\u03c5u",
            "\u03c7x",
            "\u03b5e",
            "\u03f2c",
        };
        for (final String pair : pairs) {
            map.put(pair.charAt(0), pair.charAt(1));
        }
        return Map.copyOf(map);
    }

    /**
     * A domain cut at its public suffix.
     *
     * @param labels     every label, left to right
     * @param label      the registrable label, just left of the suffix
     * @param suffix     the public suffix
     * @param registrable label and suffix
     */
    private record Parts(List<String> labels, String label, String suffix, String registrable) {

        static Parts of(final String host) {
            final List<String> labels = List.of(host.split("\\.", -1));
            if (labels.size() < 2 || labels.stream().anyMatch(String::isEmpty)) {
                return null;
            }
            final int n = labels.size();
            final int suffixLabels =
                    n >= 3 && TWO_LEVEL_SUFFIXES.contains(labels.get(n - 2) + '.' + labels.get(n - 1)) ? 2 : 1;
            if (n <= suffixLabels) {
                return null;
            }
            final String suffix = String.join(".", labels.subList(n - suffixLabels, n));
            final String label = labels.get(n - suffixLabels - 1);
            return new Parts(labels, label, suffix, label + '.' + suffix);
        }

        /** The labels left of the registrable label (a subdomain's). */
        List<String> prefix() {
            return labels.subList(0, labels.size() - suffix.split("\\.").length - 1);
        }
    }

    /**
     * A protected domain, with what each comparison needs computed once.
     *
     * @param squeezedWhole the label and suffix as one, without hyphens or dots ({@code chuexemplefr})
     */
    private record Protected(
            String domain, Owner owner, Parts parts, String skeleton, String squeezed, String squeezedWhole) {}

    /**
     * A candidate domain, with what each comparison needs computed once.
     *
     * @param unicodeLabel         the registrable label, decoded when it is punycode
     * @param unicode              the whole domain as it shows, when it has punycode labels, else null
     * @param squeezedPrefixLabels the subdomain labels' skeletons without hyphens
     */
    private record Candidate(
            String host,
            Parts parts,
            boolean punycode,
            String unicodeLabel,
            String unicode,
            String skeleton,
            String squeezed,
            Set<String> squeezedPrefixLabels) {

        static Candidate of(final String host, final Parts parts) {
            final boolean punycode = parts.label().startsWith("xn--");
            final String unicodeLabel = punycode ? IDN.toUnicode(parts.label(), IDN.ALLOW_UNASSIGNED) : parts.label();
            final String shown = host.contains("xn--") ? IDN.toUnicode(host, IDN.ALLOW_UNASSIGNED) : host;
            final String skeleton = LookalikeDomains.skeleton(unicodeLabel);
            final Set<String> prefixLabels = new HashSet<>();
            for (final String label : parts.prefix()) {
                prefixLabels.add(squeeze(LookalikeDomains.skeleton(
                        label.startsWith("xn--") ? IDN.toUnicode(label, IDN.ALLOW_UNASSIGNED) : label)));
            }
            return new Candidate(
                    host,
                    parts,
                    punycode,
                    unicodeLabel,
                    shown.equals(host) ? null : shown,
                    skeleton,
                    squeeze(skeleton),
                    Set.copyOf(prefixLabels));
        }
    }
}
