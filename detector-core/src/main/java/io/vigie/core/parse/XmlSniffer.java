package io.vigie.core.parse;

/** Byte-level checks on what might be an XML document, before any parser sees it. */
final class XmlSniffer {

    private XmlSniffer() {}

    /**
     * Where the XML starts: after a UTF-8 BOM kept in place (the parser understands it) or leading blank
     * lines some reporters put before the declaration (which the XML parser would refuse). -1 if the
     * content does not start with {@code <} (after a BOM and blanks). UTF-16 and UTF-32 with BOM start at 0.
     */
    static int contentStart(final byte[] b) {
        if (b.length >= 2
                && ((b[0] == (byte) 0xFE && b[1] == (byte) 0xFF) || (b[0] == (byte) 0xFF && b[1] == (byte) 0xFE))) {
            return 0;
        }
        if (b.length >= 4 && b[0] == 0 && b[1] == '<' && b[2] == 0) {
            return 0; // UTF-16BE without BOM
        }
        if (b.length >= 4 && b[0] == '<' && b[1] == 0 && b[2] == '?' && b[3] == 0) {
            return 0; // UTF-16LE without BOM
        }
        int i = 0;
        final boolean bom = b.length >= 3 && b[0] == (byte) 0xEF && b[1] == (byte) 0xBB && b[2] == (byte) 0xBF;
        if (bom) {
            i = 3;
        }
        int j = i;
        while (j < b.length && (b[j] == ' ' || b[j] == '\t' || b[j] == '\r' || b[j] == '\n')) {
            j++;
        }
        if (j >= b.length || b[j] != '<') {
            return -1;
        }
        // A BOM followed by blanks: drop both, the document is then plain UTF-8 or declares its encoding.
        return j;
    }

    static boolean looksLikeXml(final byte[] b) {
        return contentStart(b) >= 0;
    }

    static boolean isBlank(final byte[] b) {
        for (final byte x : b) {
            if (x != ' ' && x != '\t' && x != '\r' && x != '\n') {
                return false;
            }
        }
        return true;
    }
}
