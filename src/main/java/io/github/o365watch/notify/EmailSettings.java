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
public record EmailSettings(
        String host,
        int port,
        String tls,
        String from,
        List<String> to,
        Optional<String> username,
        Optional<String> password,
        Optional<X509TrustManager> trust) {

    /** An address as SMTP and a header take it: no spaces, brackets or line breaks that could add a command or a header. */
    private static final java.util.regex.Pattern ADDRESS =
            java.util.regex.Pattern.compile("[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+");

    public EmailSettings {
        to = List.copyOf(to);
        for (String a : to) {
            check(a);
        }
        check(from);
        if (host == null || !host.matches("[A-Za-z0-9.:-]+")) {
            throw new NotifyException("e-mail: not a host name: " + io.github.o365watch.text.Printable.of(host));
        }
        if (username.isPresent() && username.get().chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new NotifyException("e-mail: the user name holds a control character");
        }
    }

    private static void check(String address) {
        if (address == null || !ADDRESS.matcher(address).matches()) {
            throw new NotifyException(
                    "e-mail: not a plain address (name@domain): " + io.github.o365watch.text.Printable.of(address));
        }
    }

    @Override
    public String toString() {
        return "EmailSettings[" + host + ":" + port + ", " + tls + "]"; // never the password
    }
}
