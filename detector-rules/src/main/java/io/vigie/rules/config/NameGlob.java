package io.vigie.rules.config;

import java.util.Locale;
import java.util.regex.Pattern;

/** Name patterns an operator writes in the settings ({@code srv-*}): only {@code *} and {@code ?} are special. */
public final class NameGlob {

    private NameGlob() {}

    /** The pattern, lower case: match it against lower-case names. */
    public static Pattern compile(final String glob) {
        final StringBuilder re = new StringBuilder();
        for (final char c : glob.toLowerCase(Locale.ROOT).toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }
}
