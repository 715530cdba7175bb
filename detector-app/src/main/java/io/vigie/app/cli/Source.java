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
    DMARC;

    /** The name as written on the command line. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Accepts {@code postfix}, {@code postqueue} and {@code dmarc}, in any case. */
    public static final class Converter implements ITypeConverter<Source> {

        @Override
        public Source convert(final String value) {
            for (final Source s : values()) {
                if (s.name().equalsIgnoreCase(value.strip())) {
                    return s;
                }
            }
            throw new TypeConversionException("unknown source '" + value + "' (postfix, postqueue or dmarc)");
        }
    }
}
