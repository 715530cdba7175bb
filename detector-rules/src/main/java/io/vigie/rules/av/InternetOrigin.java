package io.vigie.rules.av;

import io.vigie.core.model.AvEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether a detected file came from the internet: it lies where browsers, mail clients and archive tools put
 * what they fetch, or the product says so (Defender's origin, a Mark-of-the-Web zone). Paths are compared
 * case-insensitively with {@code /} and {@code \} alike.
 */
final class InternetOrigin {

    /** Path fragments, lower case, {@code /} separators. Why each: see the comments. */
    static final List<String> BUILT_IN = List.of(
            // Most specific first, so that the alert says the most useful place: Outlook's attachment folders live
            // inside INetCache. Outlook (classic and new) and Thunderbird attachments:
            "/content.outlook/",
            "/olk",
            "/outlook temp/",
            "/thunderbird/profiles/",
            // archives opened from a mail or a download: Windows' zip view, 7-Zip, WinRAR temp folders
            "/appdata/local/temp/temp1_",
            "/appdata/local/temp/7z",
            "/appdata/local/temp/rar$",
            // Teams, WhatsApp and the like save received files here
            "/microsoft/teams/",
            "/whatsapp/",
            // Internet Explorer / Edge legacy cache, and Chrome, Edge, Firefox caches
            "/inetcache/",
            "/temporary internet files/",
            "/google/chrome/user data/",
            "/microsoft/edge/user data/",
            "/mozilla/firefox/profiles/",
            // browsers' and users' download folders
            "/downloads/",
            "/téléchargements/");

    private final List<String> fragments;

    InternetOrigin(final List<String> extra) {
        final List<String> all = new ArrayList<>(BUILT_IN);
        extra.forEach(e -> all.add(normalise(e)));
        this.fragments = List.copyOf(all);
    }

    /** @return why the file is from the internet, or null when nothing says it is */
    String why(final AvEvent e) {
        if (e.origin() != null) {
            final String o = e.origin().toLowerCase(Locale.ROOT);
            if (o.contains("internet")
                    || o.startsWith("http://")
                    || o.startsWith("https://")
                    || o.contains("zoneid=3")
                    || o.contains("mail")) {
                return "origin: " + e.origin();
            }
        }
        if (e.path() == null) {
            return null;
        }
        final String path = normalise(e.path());
        for (final String fragment : fragments) {
            if (path.contains(fragment)) {
                return "path under " + fragment;
            }
        }
        return null;
    }

    private static String normalise(final String path) {
        return path.toLowerCase(Locale.ROOT).replace('\\', '/');
    }
}
