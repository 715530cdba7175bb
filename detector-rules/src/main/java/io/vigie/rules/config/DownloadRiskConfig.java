package io.vigie.rules.config;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Weights, lists and threshold of {@link io.vigie.rules.proxy.DownloadRisk}. The defaults are set so that a risky file
 * alone never reaches the threshold: an installer from a vendor the staff use, or a cabinet from an update server, is
 * daily life in a hospital. It takes the file plus where it comes from (a raw IP, an odd port, a throwaway TLD, a host
 * almost nobody in the organisation visits) or a file lying about its type.
 *
 * @param extensions              path extension (lower case, no dot) to kind
 * @param contentTypes            response content type (lower case, no parameters) to kind
 * @param pageContentTypes        content types that mean "a web page": an {@code .exe} URL answered with one is a
 *                                landing or error page, not an executable, so its extension does not count
 * @param kindWeights             points per kind
 * @param contentTypeAgreesWeight points when the content type confirms the extension's kind
 * @param mismatchWeight          points when the content type is a risky kind the extension hides
 *                                ({@code .jpg} served as {@code application/x-msdownload})
 * @param ipHostWeight            points when the host is an IP literal: legitimate downloads come from names
 * @param nonStandardPortWeight   points for a port other than the scheme's
 * @param riskyTldWeight          points for a host under one of {@code riskyTlds}
 * @param riskyTlds               TLDs cheap or abused enough that a download from them is worth a look
 * @param rareDestinationWeight   points when at most {@code rareMaxClients} internal clients visited the host
 * @param rareMaxClients          the rarity bound, in distinct internal clients over the retention
 * @param trustedHosts            update and CDN hosts whose downloads are never judged
 * @param threshold               score from which a download is suspicious
 */
public record DownloadRiskConfig(
        Map<String, FileKind> extensions,
        Map<String, FileKind> contentTypes,
        Set<String> pageContentTypes,
        Map<FileKind, Integer> kindWeights,
        int contentTypeAgreesWeight,
        int mismatchWeight,
        int ipHostWeight,
        int nonStandardPortWeight,
        int riskyTldWeight,
        Set<String> riskyTlds,
        int rareDestinationWeight,
        int rareMaxClients,
        List<String> trustedHosts,
        int threshold) {

    public DownloadRiskConfig {
        extensions = Map.copyOf(extensions);
        contentTypes = Map.copyOf(contentTypes);
        pageContentTypes = Set.copyOf(pageContentTypes);
        kindWeights = Map.copyOf(kindWeights);
        riskyTlds = Set.copyOf(riskyTlds);
        trustedHosts = List.copyOf(trustedHosts);
        for (final FileKind kind : FileKind.values()) {
            if (!kindWeights.containsKey(kind)) {
                throw new IllegalArgumentException("kindWeights has no weight for " + kind);
            }
        }
        if (threshold <= 0) {
            throw new IllegalArgumentException("threshold must be > 0: " + threshold);
        }
        HostPatterns.of(trustedHosts); // fail at configuration time, naming the bad pattern
    }

    /**
     * Cheap TLDs that top the abuse rankings (Spamhaus, Interisle), plus {@code zip} and {@code mov}, which read as
     * file names in a link. A default, not a verdict: a hospital whose suppliers use one removes it.
     */
    public static final Set<String> RISKY_TLD_DEFAULTS = Set.of(
            "top", "xyz", "click", "zip", "mov", "info", "site", "online", "ru", "su", "tk", "ml", "ga", "cf", "gq",
            "buzz", "icu", "cyou", "rest", "bond", "sbs", "cfd", "lol", "monster", "work", "live", "shop");

    /** These settings, to change some of them by name. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    public static DownloadRiskConfig defaults() {
        final Map<FileKind, Integer> weights = new EnumMap<>(FileKind.class);
        // 40 + one context feature (raw IP 30, risky TLD 25) reaches 60; 40 + rarity 15 alone does not,
        // so an installer from a vendor site few people visit stays quiet unless something else is off.
        weights.put(FileKind.EXECUTABLE, 40);
        weights.put(FileKind.SCRIPT, 40);
        weights.put(FileKind.DISK_IMAGE, 35);
        weights.put(FileKind.MACRO_OFFICE, 35);
        // Archives and JavaScript need two context features: they are mostly harmless.
        weights.put(FileKind.ARCHIVE, 20);
        weights.put(FileKind.WEB_SCRIPT, 20);
        return new Builder()
                .extensions(defaultExtensions())
                .contentTypes(defaultContentTypes())
                .pageContentTypes(Set.of("text/html", "application/xhtml+xml"))
                .kindWeights(weights)
                // A content type that confirms the extension adds no risk (an installer that really is one is still
                // an installer): weight 0, the feature stays for the explanation. Not 10: on realgen's native log the
                // vendor's TeamViewer_Setup.exe would then be one rare-destination away from the threshold.
                .contentTypeAgreesWeight(0)
                .mismatchWeight(30)
                .ipHostWeight(30)
                .nonStandardPortWeight(15)
                .riskyTldWeight(25)
                .riskyTlds(RISKY_TLD_DEFAULTS)
                .rareDestinationWeight(15)
                .rareMaxClients(3)
                .trustedHosts(HostPatterns.UPDATE_AND_CDN_DEFAULTS)
                .threshold(60)
                .build();
    }

    /** Named steps over the fourteen settings: a call site says which number is which. */
    public static final class Builder {

        private Map<String, FileKind> extensions;
        private Map<String, FileKind> contentTypes;
        private Set<String> pageContentTypes;
        private Map<FileKind, Integer> kindWeights;
        private int contentTypeAgreesWeight;
        private int mismatchWeight;
        private int ipHostWeight;
        private int nonStandardPortWeight;
        private int riskyTldWeight;
        private Set<String> riskyTlds;
        private int rareDestinationWeight;
        private int rareMaxClients;
        private List<String> trustedHosts;
        private int threshold;

        private Builder() {
            trustedHosts = List.of();
        }

        private Builder(final DownloadRiskConfig config) {
            extensions = config.extensions();
            contentTypes = config.contentTypes();
            pageContentTypes = config.pageContentTypes();
            kindWeights = config.kindWeights();
            contentTypeAgreesWeight = config.contentTypeAgreesWeight();
            mismatchWeight = config.mismatchWeight();
            ipHostWeight = config.ipHostWeight();
            nonStandardPortWeight = config.nonStandardPortWeight();
            riskyTldWeight = config.riskyTldWeight();
            riskyTlds = config.riskyTlds();
            rareDestinationWeight = config.rareDestinationWeight();
            rareMaxClients = config.rareMaxClients();
            trustedHosts = config.trustedHosts();
            threshold = config.threshold();
        }

        /** Replaces the trusted hosts. */
        public Builder trustedHosts(final List<String> value) {
            this.trustedHosts = List.copyOf(value);
            return this;
        }

        /** Adds to the trusted hosts (an operator's list on top of the built-in one). */
        public Builder addTrustedHosts(final List<String> extra) {
            final List<String> hosts = new ArrayList<>(trustedHosts);
            hosts.addAll(extra);
            this.trustedHosts = List.copyOf(hosts);
            return this;
        }

        public Builder extensions(final Map<String, FileKind> value) {
            this.extensions = value;
            return this;
        }

        public Builder contentTypes(final Map<String, FileKind> value) {
            this.contentTypes = value;
            return this;
        }

        public Builder pageContentTypes(final Set<String> value) {
            this.pageContentTypes = value;
            return this;
        }

        public Builder kindWeights(final Map<FileKind, Integer> value) {
            this.kindWeights = value;
            return this;
        }

        public Builder contentTypeAgreesWeight(final int value) {
            this.contentTypeAgreesWeight = value;
            return this;
        }

        public Builder mismatchWeight(final int value) {
            this.mismatchWeight = value;
            return this;
        }

        public Builder ipHostWeight(final int value) {
            this.ipHostWeight = value;
            return this;
        }

        public Builder nonStandardPortWeight(final int value) {
            this.nonStandardPortWeight = value;
            return this;
        }

        public Builder riskyTldWeight(final int value) {
            this.riskyTldWeight = value;
            return this;
        }

        public Builder riskyTlds(final Set<String> value) {
            this.riskyTlds = value;
            return this;
        }

        public Builder rareDestinationWeight(final int value) {
            this.rareDestinationWeight = value;
            return this;
        }

        public Builder rareMaxClients(final int value) {
            this.rareMaxClients = value;
            return this;
        }

        public Builder threshold(final int value) {
            this.threshold = value;
            return this;
        }

        public DownloadRiskConfig build() {
            return new DownloadRiskConfig(
                    extensions,
                    contentTypes,
                    pageContentTypes,
                    kindWeights,
                    contentTypeAgreesWeight,
                    mismatchWeight,
                    ipHostWeight,
                    nonStandardPortWeight,
                    riskyTldWeight,
                    riskyTlds,
                    rareDestinationWeight,
                    rareMaxClients,
                    trustedHosts,
                    threshold);
        }
    }

    private static Map<String, FileKind> defaultExtensions() {
        final Map<String, FileKind> m = new HashMap<>();
        for (final String e : List.of(
                "exe",
                "msi",
                "msix",
                "appx",
                "scr",
                "dll",
                "pif",
                "cpl",
                "lnk",
                "jar",
                "apk",
                "msp",
                "application",
                "appref-ms",
                "url")) {
            m.put(e, FileKind.EXECUTABLE);
        }
        for (final String e : List.of(
                "ps1", "psm1", "vbs", "vbe", "jse", "wsf", "wsh", "hta", "bat", "cmd", "sh", "reg", "scf", "chm")) {
            m.put(e, FileKind.SCRIPT);
        }
        m.put("js", FileKind.WEB_SCRIPT);
        for (final String e : List.of("iso", "img", "vhd", "vhdx", "dmg")) {
            m.put(e, FileKind.DISK_IMAGE);
        }
        for (final String e : List.of(
                "docm", "dotm", "xlsm", "xltm", "xlsb", "xlam", "pptm", "potm", "ppam", "ppsm", "doc", "xls", "ppt")) {
            m.put(e, FileKind.MACRO_OFFICE);
        }
        for (final String e :
                List.of("zip", "rar", "7z", "cab", "gz", "tgz", "tar", "bz2", "xz", "ace", "arj", "lzh")) {
            m.put(e, FileKind.ARCHIVE);
        }
        return m;
    }

    private static Map<String, FileKind> defaultContentTypes() {
        final Map<String, FileKind> m = new HashMap<>();
        for (final String t : List.of(
                "application/x-msdownload",
                "application/x-msdos-program",
                "application/x-dosexec",
                "application/x-executable",
                "application/vnd.microsoft.portable-executable",
                "application/x-msi",
                "application/x-ms-installer",
                "application/x-ms-shortcut",
                "application/java-archive",
                "application/x-java-archive",
                "application/vnd.android.package-archive",
                "application/x-ms-application")) {
            m.put(t, FileKind.EXECUTABLE);
        }
        for (final String t : List.of(
                "application/hta",
                "text/vbscript",
                "application/x-powershell",
                "application/x-bat",
                "application/x-sh")) {
            m.put(t, FileKind.SCRIPT);
        }
        for (final String t : List.of(
                "application/x-iso9660-image", "application/x-apple-diskimage", "application/x-raw-disk-image")) {
            m.put(t, FileKind.DISK_IMAGE);
        }
        for (final String t : List.of(
                "application/vnd.ms-word.document.macroenabled.12",
                "application/vnd.ms-excel.sheet.macroenabled.12",
                "application/vnd.ms-powerpoint.presentation" + ".macroenabled.12",
                "application/vnd.ms-excel.sheet.binary.macroenabled.12",
                "application/msword",
                "application/vnd.ms-excel")) {
            m.put(t, FileKind.MACRO_OFFICE);
        }
        for (final String t : List.of(
                "application/zip",
                "application/x-zip-compressed",
                "application/x-rar-compressed",
                "application/vnd.rar",
                "application/x-7z-compressed",
                "application/vnd.ms-cab-compressed",
                "application/gzip",
                "application/x-gzip",
                "application/x-tar")) {
            m.put(t, FileKind.ARCHIVE);
        }
        return m;
    }
}
