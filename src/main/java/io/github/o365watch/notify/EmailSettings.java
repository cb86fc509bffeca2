package io.github.o365watch.notify;

import java.util.List;
import java.util.Optional;
import javax.net.ssl.X509TrustManager;

/**
 * Where and how to send mail.
 *
 * @param tls      {@code starttls}, {@code implicit} or {@code none} (none only to a loopback host)
 * @param password the secret itself, read by the caller from an environment variable or a file
 * @param trust    trust for a private CA (empty: the JDK's)
 */
public record EmailSettings(String host, int port, String tls, String from, List<String> to, Optional<String> username,
        Optional<String> password, Optional<X509TrustManager> trust) {

    @Override
    public String toString() {
        return "EmailSettings[" + host + ":" + port + ", " + tls + "]"; // never the password
    }
}
