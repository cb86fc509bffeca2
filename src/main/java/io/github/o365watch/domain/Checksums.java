package io.github.o365watch.domain;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 in lower-case hex: how responses, snapshots and outputs are fingerprinted. */
public final class Checksums {
    private Checksums() {}

    public static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * True when {@code data} has CRLF line ends and, with LF ones, has the checksum {@code sha256}:
     * what git's {@code core.autocrlf=true} makes of a file o365watch wrote.
     */
    public static boolean crlfOf(byte[] data, String sha256) {
        int crlf = 0;
        for (int i = 0; i + 1 < data.length; i++) {
            if (data[i] == '\r' && data[i + 1] == '\n') {
                crlf++;
            }
        }
        if (crlf == 0) {
            return false;
        }
        byte[] lf = new byte[data.length - crlf];
        int n = 0;
        for (int i = 0; i < data.length; i++) {
            if (!(data[i] == '\r' && i + 1 < data.length && data[i + 1] == '\n')) {
                lf[n++] = data[i];
            }
        }
        return sha256(lf).equals(sha256);
    }

    /** The sentence that says so, for a file o365watch checks. */
    public static final String CRLF_ADVICE = "its line ends were changed to CRLF, as git does with core.autocrlf=true:"
            + " mark the path -text in .gitattributes (o365watch init writes one) and check it out again";
}
