package io.vigie.rules.entity;

import io.vigie.core.net.MailDomains;
import io.vigie.rules.config.IdentityConfig;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * From the names a log gives a person to their account name: a mail address ({@code alice@chu-exemple.fr}), a
 * proxy or antivirus user ({@code CHU\alice}, {@code alice@chu.local}), a file under a profile
 * ({@code C:\Users\alice\Downloads\x.exe}, {@code /home/alice/x}). Pure and thread-safe; every result is lower
 * case, and null means "no account" (an external address, a service account, a path outside any profile).
 *
 * <p>Mail addresses follow {@code organisation.user-mapping}: the first rule whose regular expression matches the
 * whole address (case-insensitive) gives the account from its template. Without rules, an address in
 * {@code organisation.internal-domains} gives its local part and any other address nothing. With rules, an address
 * no rule matches gives nothing: the rules say everything, so that an operator can leave shared mailboxes out.
 */
public final class UserMapping {

    private static final Pattern NAMED_GROUP = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
    /** A profile directory: {@code X:\Users\<name>\}, {@code \\server\share\Users\<name>\}, {@code /home/<name>/}. */
    private static final Pattern PROFILE_PATH = Pattern.compile(
            "(?:\\\\|/|^)(?:users|home|documents and settings)[\\\\/]([^\\\\/]+)[\\\\/]", Pattern.CASE_INSENSITIVE);
    /** Profiles and logons that are nobody's: Windows' shared profiles, the built-in service identities. */
    private static final Set<String> NOBODY = Set.of(
            "public",
            "default",
            "default user",
            "all users",
            "defaultapppool",
            "system",
            "local service",
            "network service",
            "localservice",
            "networkservice",
            "anonymous",
            "guest",
            "unknown",
            "n/a",
            "-",
            "nobody",
            "root",
            "shared");

    private final List<Rule> rules;
    private final MailDomains internalDomains;

    private UserMapping(final List<Rule> rules, final MailDomains internalDomains) {
        this.rules = rules;
        this.internalDomains = internalDomains;
    }

    /**
     * @throws IllegalArgumentException naming the rule whose expression does not compile, has no named group, or
     *                                  whose template names a group the expression does not have
     */
    public static UserMapping of(final IdentityConfig config, final Collection<String> internalDomains) {
        final List<Rule> rules = new ArrayList<>();
        int index = 0;
        for (final IdentityConfig.UserMappingRule rule : config.userMapping()) {
            rules.add(Rule.compile(index++, rule));
        }
        return new UserMapping(List.copyOf(rules), MailDomains.of(internalDomains));
    }

    /** Default rules only: the local part of internal addresses. */
    public static UserMapping of(final Collection<String> internalDomains) {
        return of(IdentityConfig.defaults(), internalDomains);
    }

    /**
     * Checks one rule as {@link #of} would, for the configuration's error message.
     *
     * @param position the rule's place in the list, from 1
     */
    public static void check(final int position, final IdentityConfig.UserMappingRule rule) {
        Rule.compile(position - 1, rule);
    }

    /**
     * @param address a mail address as logged: {@code Alice@CHU-exemple.fr}, {@code <alice@chu-exemple.fr>}
     * @return the account, or null (an external address, no rule matching, the null sender)
     */
    public String accountOfMail(final String address) {
        final String a = bare(address);
        if (a == null) {
            return null;
        }
        final int at = a.lastIndexOf('@');
        if (at <= 0 || at == a.length() - 1) {
            return null;
        }
        if (!rules.isEmpty()) {
            for (final Rule rule : rules) {
                final String account = rule.apply(a);
                if (account != null) {
                    return account;
                }
            }
            return null;
        }
        return internalDomains.isInternal(a) ? account(a.substring(0, at)) : null;
    }

    /**
     * @param user a user as a proxy or an antivirus logs it: {@code alice}, {@code CHU\alice},
     *             {@code alice@chu.local}, {@code alice@chu-exemple.fr}
     * @return the account: the name after a {@code DOMAIN\}; for {@code name@domain} the mail mapping when the
     *         address is one it knows (the user principal name is the mail address in many directories), else
     *         the part before {@code @}; null for none, a service identity or a machine account ({@code PC-0042$})
     */
    public String accountOfUser(final String user) {
        final String u = bare(user);
        if (u == null) {
            return null;
        }
        final int backslash = u.lastIndexOf('\\');
        if (backslash >= 0) {
            return account(u.substring(backslash + 1));
        }
        final int at = u.lastIndexOf('@');
        if (at < 0) {
            return account(u);
        }
        final String mapped = accountOfMail(u);
        return mapped != null ? mapped : account(u.substring(0, at));
    }

    /**
     * A name an alert gives a person, when it may be either: a mail address goes through {@link #accountOfMail}
     * (an external sender is nobody in the organisation), anything else through {@link #accountOfUser}.
     *
     * @param name {@code alice@chu-exemple.fr}, {@code CHU\alice}, {@code alice}
     */
    public String accountOf(final String name) {
        final String n = bare(name);
        if (n == null) {
            return null;
        }
        return n.indexOf('\\') < 0 && n.indexOf('@') > 0 ? accountOfMail(n) : accountOfUser(n);
    }

    /**
     * @param path a file path as an antivirus logs it
     * @return the profile owner when the file is under {@code ...\Users\<name>\} (Windows) or
     *         {@code /home/<name>/} (Unix) or {@code /Users/<name>/} (macOS); null otherwise or for a shared
     *         profile ({@code Public}, {@code Default})
     */
    public static String accountOfPath(final String path) {
        if (path == null || path.isEmpty()) {
            return null;
        }
        final Matcher m = PROFILE_PATH.matcher(path);
        return m.find() ? account(m.group(1)) : null;
    }

    private static String bare(final String name) {
        if (name == null) {
            return null;
        }
        String s = name.strip();
        if (s.startsWith("<") && s.endsWith(">")) {
            s = s.substring(1, s.length() - 1).strip();
        }
        return s.isEmpty() ? null : s;
    }

    private static String account(final String name) {
        final String a = name.strip().toLowerCase(Locale.ROOT);
        if (a.isEmpty() || a.endsWith("$") || NOBODY.contains(a)) {
            return null;
        }
        return a;
    }

    private record Rule(Pattern match, String template) {

        static Rule compile(final int index, final IdentityConfig.UserMappingRule rule) {
            final String where = "user-mapping rule " + (index + 1);
            if (rule == null
                    || rule.match() == null
                    || rule.match().isBlank()
                    || rule.account() == null
                    || rule.account().isBlank()) {
                throw new IllegalArgumentException(where + ": needs both match and account");
            }
            final Pattern pattern;
            try {
                pattern = Pattern.compile(rule.match(), Pattern.CASE_INSENSITIVE);
            } catch (final PatternSyntaxException e) {
                throw new IllegalArgumentException(
                        where + ": match is not a regular expression: " + e.getDescription());
            }
            final Set<String> groups = new LinkedHashSet<>();
            final Matcher named = NAMED_GROUP.matcher(rule.match());
            while (named.find()) {
                groups.add(named.group(1));
            }
            if (groups.isEmpty()) {
                throw new IllegalArgumentException(where + ": match has no named group such as (?<user>[^@]+)");
            }
            final Matcher placeholders = PLACEHOLDER.matcher(rule.account());
            boolean any = false;
            while (placeholders.find()) {
                any = true;
                if (!groups.contains(placeholders.group(1))) {
                    throw new IllegalArgumentException(where + ": account names ${" + placeholders.group(1)
                            + "} but match has no such group (" + String.join(", ", groups) + ")");
                }
            }
            if (!any) {
                throw new IllegalArgumentException(where + ": account uses no group, write e.g. ${"
                        + groups.iterator().next() + "}");
            }
            return new Rule(pattern, rule.account());
        }

        /** The account, or null when the address does not match or the groups it uses are empty. */
        String apply(final String address) {
            final Matcher m = match.matcher(address);
            if (!m.matches()) {
                return null;
            }
            final StringBuilder out = new StringBuilder();
            final Matcher placeholders = PLACEHOLDER.matcher(template);
            int last = 0;
            while (placeholders.find()) {
                out.append(template, last, placeholders.start());
                final String value = m.group(placeholders.group(1));
                if (value != null) {
                    out.append(value);
                }
                last = placeholders.end();
            }
            out.append(template, last, template.length());
            return account(out.toString());
        }
    }
}
