package io.vigie.core.parse.mail;

import io.vigie.core.model.ReportedMail.Attachment;
import io.vigie.core.parse.mail.MimeReader.Part;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Sniffs the content of a reported mail's files: what each really is ({@link FileTypes}, by its bytes), its
 * hash, and the findings a file gives (executable, disguised type, macros, archive, HTML). Stateless.
 */
final class AttachmentSniffer {

    private AttachmentSniffer() {}

    /** The type a part's bytes show, whatever its name and declared type say; null when unknown. */
    static String sniff(final Part part) {
        return FileTypes.sniff(part.content());
    }

    /** A file of the mail, as the report lists it. */
    static Attachment attachment(final Part part, final String name, final String sniffed) {
        return new Attachment(name, part.mimeType(), sniffed, part.content().length, sha256(part.content()));
    }

    static List<String> findings(final Attachment a, final byte[] content) {
        final List<String> out = new ArrayList<>();
        final String sniffedFamily = FileTypes.familyOfType(a.sniffedType());
        final String nameFamily = FileTypes.familyOfName(a.name());
        final String declaredFamily = FileTypes.familyOfType(a.declaredType());
        if (FileTypes.executableExtension(a.name()) || in(FileTypes.EXECUTABLE_FAMILIES, sniffedFamily)) {
            out.add("executable attachment");
        }
        if (sniffedFamily != null && (mismatch(sniffedFamily, nameFamily) || mismatch(sniffedFamily, declaredFamily))) {
            out.add("attachment type mismatch");
        }
        if (FileTypes.macroExtension(a.name())
                || (FileTypes.OOXML.equals(sniffedFamily) || FileTypes.OLE.equals(sniffedFamily))
                        && FileTypes.hasMacros(content)) {
            out.add("macro-enabled office attachment");
        }
        if (in(FileTypes.ARCHIVE_FAMILIES, sniffedFamily) || in(FileTypes.ARCHIVE_FAMILIES, nameFamily)) {
            out.add("archive attachment");
        }
        if (FileTypes.HTML.equals(sniffedFamily)
                || FileTypes.HTA.equals(sniffedFamily)
                || FileTypes.HTML.equals(nameFamily)
                || FileTypes.HTA.equals(nameFamily)
                || "text/html".equals(a.declaredType()) && a.name() != null) {
            out.add("html attachment");
        }
        return out;
    }

    private static boolean in(final Set<String> set, final String value) {
        return value != null && set.contains(value);
    }

    /** An OOXML document is a zip, so a {@code .zip} holding one, or a docx sent as zip, is no mismatch. */
    private static boolean mismatch(final String sniffed, final String other) {
        if (other == null || other.equals(sniffed)) {
            return false;
        }
        final boolean zipLike = Set.of(FileTypes.ZIP, FileTypes.OOXML).containsAll(Set.of(sniffed, other));
        final boolean htmlLike = Set.of(FileTypes.HTML, FileTypes.HTA).containsAll(Set.of(sniffed, other));
        return !zipLike && !htmlLike;
    }

    static String sha256(final byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
