package io.vigie.core.parse.mail;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What an attachment is: by its first bytes (a small magic table), by its file name extension and by its
 * declared Content-Type, each reduced to a coarse family so that the three can be compared. The family
 * rather than the exact type is compared because senders legitimately disagree on the exact type
 * ({@code application/x-zip-compressed} for a zip, {@code application/octet-stream} for anything).
 */
final class FileTypes {

    static final String EXE = "exe";
    static final String ZIP = "zip";
    static final String OOXML = "ooxml";
    static final String OLE = "ole";
    static final String PDF = "pdf";
    static final String RAR = "rar";
    static final String SEVEN_Z = "7z";
    static final String GZIP = "gzip";
    static final String CAB = "cab";
    static final String ISO = "iso";
    static final String LNK = "lnk";
    static final String HTML = "html";
    static final String HTA = "hta";
    static final String SCRIPT = "script";
    static final String RTF = "rtf";
    static final String IMAGE = "image";

    /** Families that run code when opened. */
    static final Set<String> EXECUTABLE_FAMILIES = Set.of(EXE, LNK, HTA, SCRIPT);

    static final Set<String> ARCHIVE_FAMILIES = Set.of(ZIP, RAR, SEVEN_Z, GZIP, CAB, ISO);

    private static final Set<String> EXECUTABLE_EXTENSIONS = Set.of(
            "exe",
            "scr",
            "com",
            "pif",
            "bat",
            "cmd",
            "vbs",
            "vbe",
            "js",
            "jse",
            "wsf",
            "wsh",
            "hta",
            "ps1",
            "msi",
            "dll",
            "cpl",
            "jar",
            "lnk",
            "reg",
            "sh",
            "apk",
            "elf",
            "msix",
            "appx",
            "application",
            "chm");
    private static final Set<String> MACRO_EXTENSIONS =
            Set.of("docm", "dotm", "xlsm", "xltm", "xlam", "xlsb", "pptm", "potm", "ppam", "ppsm", "sldm");

    private static final Map<String, String> EXTENSION_FAMILY = Map.ofEntries(
            Map.entry("exe", EXE),
            Map.entry("scr", EXE),
            Map.entry("com", EXE),
            Map.entry("pif", EXE),
            Map.entry("dll", EXE),
            Map.entry("cpl", EXE),
            Map.entry("zip", ZIP),
            Map.entry("jar", ZIP),
            Map.entry("docx", OOXML),
            Map.entry("docm", OOXML),
            Map.entry("dotx", OOXML),
            Map.entry("dotm", OOXML),
            Map.entry("xlsx", OOXML),
            Map.entry("xlsm", OOXML),
            Map.entry("pptx", OOXML),
            Map.entry("pptm", OOXML),
            Map.entry("doc", OLE),
            Map.entry("dot", OLE),
            Map.entry("xls", OLE),
            Map.entry("ppt", OLE),
            Map.entry("msg", OLE),
            Map.entry("msi", OLE),
            Map.entry("pdf", PDF),
            Map.entry("rar", RAR),
            Map.entry("7z", SEVEN_Z),
            Map.entry("gz", GZIP),
            Map.entry("tgz", GZIP),
            Map.entry("cab", CAB),
            Map.entry("iso", ISO),
            Map.entry("img", ISO),
            Map.entry("lnk", LNK),
            Map.entry("htm", HTML),
            Map.entry("html", HTML),
            Map.entry("shtml", HTML),
            Map.entry("xhtml", HTML),
            Map.entry("hta", HTA),
            Map.entry("rtf", RTF),
            Map.entry("png", IMAGE),
            Map.entry("jpg", IMAGE),
            Map.entry("jpeg", IMAGE),
            Map.entry("gif", IMAGE),
            Map.entry("txt", "text"),
            Map.entry("ics", "text"),
            Map.entry("csv", "text"));

    private static final Map<String, String> TYPE_FAMILY = Map.ofEntries(
            Map.entry("application/x-msdownload", EXE),
            Map.entry("application/x-msdos-program", EXE),
            Map.entry("application/x-dosexec", EXE),
            Map.entry("application/vnd.microsoft.portable-executable", EXE),
            Map.entry("application/x-executable", EXE),
            Map.entry("application/zip", ZIP),
            Map.entry("application/x-zip-compressed", ZIP),
            Map.entry("application/x-zip", ZIP),
            Map.entry("application/msword", OLE),
            Map.entry("application/vnd.ms-excel", OLE),
            Map.entry("application/vnd.ms-powerpoint", OLE),
            Map.entry("application/vnd.ms-outlook", OLE),
            Map.entry("application/x-ole-storage", OLE),
            Map.entry("application/pdf", PDF),
            Map.entry("application/vnd.rar", RAR),
            Map.entry("application/x-rar-compressed", RAR),
            Map.entry("application/x-7z-compressed", SEVEN_Z),
            Map.entry("application/gzip", GZIP),
            Map.entry("application/x-gzip", GZIP),
            Map.entry("application/vnd.ms-cab-compressed", CAB),
            Map.entry("application/x-iso9660-image", ISO),
            Map.entry("application/x-ms-shortcut", LNK),
            Map.entry("text/html", HTML),
            Map.entry("application/hta", HTA),
            Map.entry("application/rtf", RTF),
            Map.entry("text/rtf", RTF),
            Map.entry("text/x-shellscript", SCRIPT),
            Map.entry("image/png", IMAGE),
            Map.entry("image/jpeg", IMAGE),
            Map.entry("image/gif", IMAGE));

    private static final int ISO_MAGIC_OFFSET = 0x8001;

    private FileTypes() {}

    /** The type the first bytes show, or null when the table does not know them. */
    static String sniff(final byte[] b) {
        if (b == null || b.length < 2) {
            return null;
        }
        if (startsWith(b, 0, 'M', 'Z')) {
            return "application/x-msdownload";
        }
        if (startsWith(b, 0, 0x7f, 'E', 'L', 'F')) {
            return "application/x-executable";
        }
        if (startsWith(b, 0, 'P', 'K', 3, 4) || startsWith(b, 0, 'P', 'K', 5, 6)) {
            return contains(b, "[Content_Types].xml")
                            && (contains(b, "word/") || contains(b, "xl/") || contains(b, "ppt/"))
                    ? ooxmlType(b)
                    : "application/zip";
        }
        if (startsWith(b, 0, 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) {
            return "application/x-ole-storage";
        }
        if (startsWith(b, 0, '%', 'P', 'D', 'F')) {
            return "application/pdf";
        }
        if (startsWith(b, 0, 'R', 'a', 'r', '!', 0x1a, 0x07)) {
            return "application/vnd.rar";
        }
        if (startsWith(b, 0, '7', 'z', 0xbc, 0xaf, 0x27, 0x1c)) {
            return "application/x-7z-compressed";
        }
        if (startsWith(b, 0, 0x1f, 0x8b)) {
            return "application/gzip";
        }
        if (startsWith(b, 0, 'M', 'S', 'C', 'F')) {
            return "application/vnd.ms-cab-compressed";
        }
        if (startsWith(b, ISO_MAGIC_OFFSET, 'C', 'D', '0', '0', '1')) {
            return "application/x-iso9660-image";
        }
        if (startsWith(b, 0, 0x4c, 0, 0, 0, 0x01, 0x14, 0x02, 0)) {
            return "application/x-ms-shortcut";
        }
        if (startsWith(b, 0, '{', '\\', 'r', 't', 'f')) {
            return "application/rtf";
        }
        if (startsWith(b, 0, 0x89, 'P', 'N', 'G')) {
            return "image/png";
        }
        if (startsWith(b, 0, 0xff, 0xd8, 0xff)) {
            return "image/jpeg";
        }
        if (startsWith(b, 0, 'G', 'I', 'F', '8')) {
            return "image/gif";
        }
        if (startsWith(b, 0, '#', '!')) {
            return "text/x-shellscript";
        }
        final String head =
                new String(b, 0, Math.min(b.length, 1024), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        if (head.contains("<hta:application")) {
            return "application/hta";
        }
        final String start = head.replaceFirst("^(\u00ef\u00bb\u00bf|\\s)+", "");
        if (start.startsWith("<!doctype html")
                || start.startsWith("<html")
                || start.startsWith("<head")
                || start.startsWith("<body")
                || start.startsWith("<script")) {
            return "text/html";
        }
        // A line of text before the markup ("Your attachment has been downloaded" then <html>): still HTML.
        if (head.indexOf('\0') < 0 && (head.contains("<html") || head.contains("<script"))) {
            return "text/html";
        }
        return null;
    }

    private static String ooxmlType(final byte[] b) {
        if (contains(b, "word/")) {
            return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
        }
        if (contains(b, "xl/")) {
            return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        }
        return "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    }

    /** A VBA project in an OOXML zip (its entry name is stored uncompressed) or an OLE2 file. */
    static boolean hasMacros(final byte[] b) {
        return contains(b, "vbaProject.bin")
                || contains(b, "_VBA_PROJECT")
                || contains(b, "_\0V\0B\0A\0_\0P\0R\0O\0J\0E\0C\0T\0");
    }

    static String extension(final String name) {
        if (name == null) {
            return null;
        }
        final String trimmed = name.strip().toLowerCase(Locale.ROOT);
        final int dot = trimmed.lastIndexOf('.');
        return dot < 0 || dot == trimmed.length() - 1 ? null : trimmed.substring(dot + 1);
    }

    static boolean executableExtension(final String name) {
        return EXECUTABLE_EXTENSIONS.contains(String.valueOf(extension(name)));
    }

    static boolean macroExtension(final String name) {
        return MACRO_EXTENSIONS.contains(String.valueOf(extension(name)));
    }

    /** The family of a type: exact table entries, then the OOXML and image prefixes; null when unknown. */
    static String familyOfType(final String type) {
        if (type == null) {
            return null;
        }
        final String lower = type.toLowerCase(Locale.ROOT);
        final String known = TYPE_FAMILY.get(lower);
        if (known != null) {
            return known;
        }
        if (lower.startsWith("application/vnd.openxmlformats-officedocument.")
                || lower.startsWith("application/vnd.ms-word.")
                || lower.startsWith("application/vnd.ms-excel.")
                || lower.startsWith("application/vnd.ms-powerpoint.")) {
            return OOXML;
        }
        return lower.startsWith("image/") ? IMAGE : null;
    }

    static String familyOfName(final String name) {
        final String ext = extension(name);
        return ext == null ? null : EXTENSION_FAMILY.get(ext);
    }

    private static boolean startsWith(final byte[] b, final int offset, final int... magic) {
        if (b.length < offset + magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((b[offset + i] & 0xff) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /** Naive search; attachments are bounded by the input size. */
    static boolean contains(final byte[] b, final String ascii) {
        final byte[] needle = ascii.getBytes(StandardCharsets.ISO_8859_1);
        outer:
        for (int i = 0; i <= b.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (b[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
