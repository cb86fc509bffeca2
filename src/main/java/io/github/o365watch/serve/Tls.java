package io.github.o365watch.serve;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

/**
 * The server's key and certificate chain, from PEM files (a PKCS#8 key, as {@code openssl pkcs8}
 * and most tools write it) or a PKCS#12 key store, into one in-memory key store with an empty
 * password that Jetty reads. The files' contents are never printed.
 */
public final class Tls {
    private static final long MAX_FILE = 1 << 20;

    private Tls() {}

    public static KeyStore fromPem(Path certificates, Path privateKey) {
        List<Certificate> chain;
        try (InputStream in = new ByteArrayInputStream(read(certificates, "--tls-cert"))) {
            chain = List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
        } catch (GeneralSecurityException | IOException e) {
            throw new ServeException("--tls-cert " + certificates + " holds no PEM certificate we can read", e);
        }
        if (chain.isEmpty()) {
            throw new ServeException("--tls-cert " + certificates + " holds no PEM certificate");
        }
        String pem = new String(read(privateKey, "--tls-key"), StandardCharsets.US_ASCII);
        if (pem.contains("-----BEGIN RSA PRIVATE KEY-----")
                || pem.contains("-----BEGIN EC PRIVATE KEY-----")
                || pem.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
            throw new ServeException("--tls-key " + privateKey + " is not an unencrypted PKCS#8 key; convert it with"
                    + " openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8");
        }
        int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = pem.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < begin) {
            throw new ServeException(
                    "--tls-key " + privateKey + " holds no PEM private key (-----BEGIN PRIVATE KEY-----)");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(pem.substring(begin + "-----BEGIN PRIVATE KEY-----".length(), end));
        } catch (IllegalArgumentException e) {
            throw new ServeException("--tls-key " + privateKey + " is not valid PEM", e);
        }
        PrivateKey key = null;
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448")) {
            try {
                key = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
                break;
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        if (key == null) {
            throw new ServeException(
                    "--tls-key " + privateKey + " holds a key of a kind we cannot use (RSA, EC or EdDSA)");
        }
        return store(key, chain.toArray(Certificate[]::new));
    }

    /** A PKCS#12 file with one key entry; its password (may be empty) from where the caller read it. */
    public static KeyStore fromPkcs12(Path file, char[] password) {
        try (InputStream in = new ByteArrayInputStream(read(file, "--keystore"))) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
            for (String alias : Collections.list(ks.aliases())) {
                if (ks.isKeyEntry(alias)) {
                    Key key = ks.getKey(alias, password);
                    if (key instanceof PrivateKey pk) {
                        return store(pk, ks.getCertificateChain(alias));
                    }
                }
            }
            throw new ServeException("--keystore " + file + " holds no private key with its certificate");
        } catch (GeneralSecurityException | IOException e) {
            throw new ServeException(
                    "--keystore " + file + " cannot be read as PKCS#12 with the password given"
                            + " ($O365WATCH_KEYSTORE_PASSWORD)",
                    e);
        }
    }

    private static KeyStore store(PrivateKey key, Certificate[] chain) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("o365watch", key, new char[0], chain);
            return ks;
        } catch (GeneralSecurityException | IOException e) {
            throw new ServeException("the key does not go with the certificate: " + e.getMessage(), e);
        }
    }

    private static byte[] read(Path file, String option) {
        try {
            if (!Files.isRegularFile(file)) {
                throw new ServeException(option + " " + file + " is not a file");
            }
            if (Files.size(file) > MAX_FILE) {
                throw new ServeException(option + " " + file + " is larger than " + MAX_FILE + " bytes");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ServeException("cannot read " + option + " " + file + ": " + e.getMessage(), e);
        }
    }
}
