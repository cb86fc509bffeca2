package io.github.o365watch.source;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** Trust for a TLS-inspecting proxy or a private mail server: the JDK's CAs plus a PEM bundle. */
public final class TrustBundle {
    /** Far above any real bundle (every public CA is a few hundred kilobytes). */
    static final int MAX_BYTES = 16 << 20;

    private TrustBundle() {}

    /** The JDK's trusted CAs plus those in the PEM bundle. */
    public static X509TrustManager load(Path bundle) {
        try {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            TrustManagerFactory system = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            system.init((KeyStore) null);
            int i = 0;
            for (TrustManager t : system.getTrustManagers()) {
                if (t instanceof X509TrustManager x) {
                    for (X509Certificate c : x.getAcceptedIssuers()) {
                        ks.setCertificateEntry("system-" + i++, c);
                    }
                }
            }
            byte[] pem;
            // bounded: a device (/dev/zero) has no size to check first, and a parser would read it for ever
            try (InputStream in = Files.newInputStream(bundle)) {
                pem = in.readNBytes(MAX_BYTES + 1);
            }
            if (pem.length > MAX_BYTES) {
                throw new SourceConfigException("CA bundle " + bundle + " is larger than " + (MAX_BYTES >> 20)
                        + " MiB, far more than any CA bundle holds; is it the right file?");
            }
            Collection<? extends Certificate> extra =
                    CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem));
            if (extra.isEmpty()) {
                throw new SourceConfigException("CA bundle " + bundle + " holds no certificate");
            }
            for (Certificate c : extra) {
                ks.setCertificateEntry("bundle-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            for (TrustManager t : tmf.getTrustManagers()) {
                if (t instanceof X509TrustManager x) {
                    return x;
                }
            }
            throw new SourceConfigException("no X.509 trust manager available");
        } catch (IOException | GeneralSecurityException e) {
            throw new SourceConfigException(
                    "cannot read CA bundle " + bundle + ": " + io.github.o365watch.text.Printable.reason(e), e);
        }
    }
}
