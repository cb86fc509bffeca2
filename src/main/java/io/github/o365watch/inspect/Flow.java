package io.github.o365watch.inspect;

import java.util.Optional;

/**
 * One flow from a log: where it went (an IP address or, from a proxy log, a hostname), protocol,
 * port, what the device did, and the time as the log wrote it.
 *
 * @param destination an IPv4/IPv6 address in canonical form, or a hostname in lower case
 * @param hostname    true when {@code destination} is a hostname
 * @param port        destination port, when the log has one
 * @param time        the log's own time text (empty when it has none); never parsed against the clock
 * @param line        the line number in its file
 * @param source      the client's address in canonical form, when the log names it (firewall logs); else empty
 */
public record Flow(
        String destination,
        boolean hostname,
        Protocol protocol,
        Optional<Integer> port,
        Action action,
        String time,
        long line,
        String source) {

    /** A flow whose log does not name the client. */
    public Flow(
            String destination,
            boolean hostname,
            Protocol protocol,
            Optional<Integer> port,
            Action action,
            String time,
            long line) {
        this(destination, hostname, protocol, port, action, time, line, "");
    }

    public enum Protocol {
        TCP,
        UDP,
        ICMP,
        OTHER,
        UNKNOWN
    }

    /** DENIED: blocked by policy; FAILED: attempted and broke (proxy 5xx, timeouts); ALLOWED; UNKNOWN: the log does not say. */
    public enum Action {
        DENIED,
        FAILED,
        ALLOWED,
        UNKNOWN
    }
}
