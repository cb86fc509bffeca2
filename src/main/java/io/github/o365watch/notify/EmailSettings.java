package io.github.o365watch.notify;

import java.util.List;
import java.util.Optional;
import javax.net.ssl.X509TrustManager;

/**
 * Where and how to send mail.
 *
 * @param tls      how the connection is protected (none only to a loopback host)
 * @param password the secret itself, read by the caller from an environment variable or a file
 * @param trust    trust for a private CA (empty: the JDK's)
 */
public record EmailSettings(
        String host,
        int port,
        Tls tls,
        String from,
        List<String> to,
        Optional<String> username,
        Optional<String> password,
        Optional<X509TrustManager> trust) {

    /** How the SMTP connection is protected; the config file's {@code notify.email.tls} takes the ids. */
    public enum Tls {
        /** A plain connection upgraded by STARTTLS before anything is sent (port 587). */
        STARTTLS,
        /** TLS from the first byte (port 465). */
        IMPLICIT,
        /** No TLS: only to a relay on the loopback interface. */
        NONE;

        /** {@code starttls}, {@code implicit} or {@code none}. */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        @Override
        public String toString() {
            return id();
        }

        /** Every id, in order. */
        public static List<String> ids() {
            return java.util.Arrays.stream(values()).map(Tls::id).toList();
        }

        /** By {@link #id()}, ignoring case; empty when it is none of them. */
        public static Optional<Tls> parse(String id) {
            return java.util.Arrays.stream(values())
                    .filter(t -> t.id().equalsIgnoreCase(id))
                    .findFirst();
        }

        /** The port when none is given: 465 for implicit TLS, else 587. */
        public int defaultPort() {
            return this == IMPLICIT ? 465 : 587;
        }
    }

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
        return "EmailSettings[" + host + ":" + port + ", " + tls.id() + "]"; // never the password
    }
}
