package io.vigie.core.model;

import java.time.Instant;

/**
 * One antivirus detection (or the action taken on one), normalised from ClamAV, Microsoft Defender, an AV
 * console's CEF or JSON export. Fields a product does not give are null.
 *
 * @param time       when the product detected it
 * @param product    the parser that read it: {@code clamav}, {@code defender}, {@code cef}, {@code json}, ...
 * @param host       the machine name, as the product names it (lower case)
 * @param hostIp     the machine's address, when given
 * @param user       the user the detection is attributed to, when given
 * @param threat     the threat (signature) name, e.g. {@code Win.Test.EICAR_HDB-1}
 * @param path       the detected file's path as logged (Windows or Unix); for a file inside an archive, the
 *                   archive's path
 * @param sha256     the file's SHA-256 in lower-case hex, when given (another hash goes in {@code hash})
 * @param hash       another hash given by the product (MD5, SHA-1), lower-case hex, when no SHA-256 is given
 * @param action     what the product did, lower case: {@code quarantined}, {@code removed}, {@code cleaned},
 *                   {@code blocked}, {@code allowed}, {@code none} (only detected), or the product's word
 * @param origin     where the file came from, when the product says: a Mark-of-the-Web zone or referrer URL,
 *                   Defender's origin (internet, network share...), a download URL
 * @param severity   the product's severity word, lower case, when given
 */
public record AvEvent(
        Instant time,
        String product,
        String host,
        String hostIp,
        String user,
        String threat,
        String path,
        String sha256,
        String hash,
        String action,
        String origin,
        String severity) {}
