package io.github.o365watch.inspect;

import io.github.o365watch.domain.net.IpAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * One flow from a log: where it went (an IP address or, from a proxy log, a hostname), protocol,
 * port, what the device did, and the time as the log wrote it.
 *
 * <p>A value: equal when every part is, as a record would be. A log read as bytes gives the
 * addresses as numbers, and their text is made only when asked ({@link #destination()},
 * {@link #source()}): a million lines need no million address strings.
 */
public final class Flow {
    private String destination;
    private IpAddress address;
    private final boolean hostname;
    private final Protocol protocol;
    private final Optional<Integer> port;
    private final Action action;
    private final String time;
    private final long line;
    private String source;
    private IpAddress client;

    /**
     * @param destination an IPv4/IPv6 address in canonical form, or a hostname in lower case
     * @param hostname    true when {@code destination} is a hostname
     * @param port        destination port, when the log has one
     * @param time        the log's own time text (empty when it has none); never parsed against the clock
     * @param line        the line number in its file
     * @param source      the client's address in canonical form, when the log names it (firewall logs); else empty
     */
    public Flow(
            String destination,
            boolean hostname,
            Protocol protocol,
            Optional<Integer> port,
            Action action,
            String time,
            long line,
            String source) {
        this.destination = destination;
        this.hostname = hostname;
        this.protocol = protocol;
        this.port = port;
        this.action = action;
        this.time = time;
        this.line = line;
        this.source = source;
    }

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

    /** A flow to an address read as a number; {@code client} null when the log names none. */
    Flow(
            IpAddress address,
            Protocol protocol,
            Optional<Integer> port,
            Action action,
            String time,
            long line,
            IpAddress client) {
        this.address = Objects.requireNonNull(address, "address");
        this.hostname = false;
        this.protocol = protocol;
        this.port = port;
        this.action = action;
        this.time = time;
        this.line = line;
        this.client = client;
        if (client == null) {
            this.source = "";
        }
    }

    /** An IPv4/IPv6 address in canonical form, or a hostname in lower case. */
    public String destination() {
        if (destination == null && address != null) {
            destination = address.toString();
        }
        return destination;
    }

    /** The destination as a number; empty for a hostname (or an address text that is none). */
    public Optional<IpAddress> address() {
        if (address == null && !hostname && destination != null) {
            address = IpAddress.parse(destination).orElse(null);
        }
        return Optional.ofNullable(address);
    }

    public boolean hostname() {
        return hostname;
    }

    public Protocol protocol() {
        return protocol;
    }

    public Optional<Integer> port() {
        return port;
    }

    public Action action() {
        return action;
    }

    public String time() {
        return time;
    }

    public long line() {
        return line;
    }

    /** The client's address in canonical form, when the log names it (firewall logs); else empty. */
    public String source() {
        if (source == null && client != null) {
            source = client.toString();
        }
        return source;
    }

    /** The client as a number; empty when the log names none. */
    public Optional<IpAddress> client() {
        if (client == null && source != null && !source.isEmpty()) {
            client = IpAddress.parse(source).orElse(null);
        }
        return Optional.ofNullable(client);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Flow f
                && hostname == f.hostname
                && line == f.line
                && Objects.equals(destination(), f.destination())
                && protocol == f.protocol
                && Objects.equals(port, f.port)
                && action == f.action
                && Objects.equals(time, f.time)
                && Objects.equals(source(), f.source());
    }

    @Override
    public int hashCode() {
        return Objects.hash(destination(), hostname, protocol, port, action, time, line, source());
    }

    @Override
    public String toString() {
        return "Flow[destination=" + destination() + ", hostname=" + hostname + ", protocol=" + protocol + ", port="
                + port + ", action=" + action + ", time=" + time + ", line=" + line + ", source=" + source() + "]";
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
