package io.vigie.app.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The log sources Vigie can take in. */
public enum Source {
    /** Postfix syslog lines ({@code /var/log/mail.log}). */
    POSTFIX,
    /** {@code postqueue -j} snapshots, one file per snapshot. */
    POSTQUEUE,
    /** DMARC aggregate reports: XML, .xml.gz, .zip, or the e-mail (.eml) carrying them; one file per record. */
    DMARC,
    /** Proxy access logs in any format the engine reads ({@code proxy.format}); one record per line. */
    PROXY,
    /** Squid's native access.log. */
    SQUID,
    /** Squid or Apache combined (and common) format. */
    COMBINED,
    /** W3C extended / ELFF (Blue Coat and most commercial proxies). */
    W3C,
    /** A URLhaus CSV dump; one record per line. */
    URLHAUS,
    /** A plain list of URLs, hosts and IP addresses of the hospital's own; one record per line. */
    INDICATORS;

    /** Whether the source is a proxy access log (any format). */
    public boolean isProxyLog() {
        return this == PROXY || this == SQUID || this == COMBINED || this == W3C;
    }

    /** The name as written on the command line. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Accepts the names above in lower case, in any case. */
    public static final class Converter implements ITypeConverter<Source> {

        @Override
        public Source convert(final String value) {
            for (final Source s : values()) {
                if (s.name().equalsIgnoreCase(value.strip())) {
                    return s;
                }
            }
            throw new TypeConversionException("unknown source '" + value + "' (postfix, postqueue, dmarc, proxy, squid, combined, w3c, urlhaus or indicators)");
        }
    }
}
