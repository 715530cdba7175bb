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
    INDICATORS,
    /** Antivirus events in any format the engine reads ({@code antivirus.format}); one record per line. */
    AV,
    /** ClamAV's clamscan/clamdscan output or clamd log (keyed by {@code --host}: ClamAV does not name it). */
    CLAMAV,
    /** Microsoft Defender events as Winlogbeat or Elastic Agent ship them (JSON, one per line). */
    DEFENDER,
    /** CEF lines from an antivirus console. */
    CEF,
    /** Mail quarantine decisions in any format the engine reads ({@code quarantine.format}). */
    QUARANTINE,
    /** amavisd-new log lines. */
    AMAVIS,
    /** rspamd history rows or log lines. */
    RSPAMD,
    /** A mail reported by a user (.eml), one record per file. */
    EML,
    /** VPN session lines in any format the engine reads (it tells them apart line by line); one record per line. */
    AUTH,
    /** OpenVPN server syslog lines. */
    OPENVPN,
    /** strongSwan charon (or charon-systemd) syslog lines. */
    STRONGSWAN,
    /** Cisco ASA/FTD syslog lines about AnyConnect sessions. */
    ANYCONNECT;

    /**
     * Whether its raw topic reads many lines per record (LF-separated), so that {@code ingest} and {@code analyze}
     * send them batched.
     */
    public boolean batchesLines() {
        return switch (this) {
            case POSTFIX,
                    PROXY,
                    SQUID,
                    COMBINED,
                    W3C,
                    AV,
                    CLAMAV,
                    DEFENDER,
                    CEF,
                    QUARANTINE,
                    AMAVIS,
                    RSPAMD,
                    AUTH,
                    OPENVPN,
                    STRONGSWAN,
                    ANYCONNECT -> true;
            default -> false;
        };
    }

    /** Whether the source is an antivirus log (any format). */
    public boolean isAntivirusLog() {
        return this == AV || this == CLAMAV || this == DEFENDER || this == CEF;
    }

    /** Whether the source is a quarantine log (any format). */
    public boolean isQuarantineLog() {
        return this == QUARANTINE || this == AMAVIS || this == RSPAMD;
    }

    /** Whether the source is a VPN session log (any format). */
    public boolean isAuthLog() {
        return this == AUTH || this == OPENVPN || this == STRONGSWAN || this == ANYCONNECT;
    }

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
            throw new TypeConversionException(
                    "unknown source '" + value + "' (postfix, postqueue, dmarc, proxy, squid, combined, w3c, urlhaus, "
                            + "indicators, av, clamav, defender, cef, quarantine, amavis, rspamd, eml, auth, openvpn, "
                            + "strongswan or anyconnect)");
        }
    }
}
