package io.github.o365watch.inspect;

import io.github.o365watch.domain.HostPattern;
import io.github.o365watch.domain.net.IpPrefix;
import java.util.List;

/**
 * What a deployed configuration lists, as read: its address entries and host patterns (each
 * with the text and line it came from), what could not be read, and the lists it only refers to
 * (held in other files or loaded by name: squid's {@code acl ... "file"}, iptables'
 * {@code --match-set NAME}).
 */
public record Listed(
        ConfigFormat format,
        List<AddressEntry> addresses,
        List<HostEntry> hosts,
        List<Problem> problems,
        List<Reference> references) {

    /** An address entry as written (a prefix, an address, a range, an address with a netmask) and the prefixes it covers. */
    public record AddressEntry(String text, List<IpPrefix> prefixes, int line) {
        public AddressEntry {
            prefixes = List.copyOf(prefixes);
        }
    }

    /** A host pattern as the file means it (a squid {@code .example.com} gives {@code example.com} and {@code *.example.com}). */
    public record HostEntry(HostPattern pattern, String text, int line) {}

    /** Something the reader skipped: its line, the text (made printable) and why. */
    public record Problem(int line, String text, String reason) {}

    /** A list the file uses without holding it: its name or path as written, and its line. */
    public record Reference(String text, int line) {}

    public Listed {
        addresses = List.copyOf(addresses);
        hosts = List.copyOf(hosts);
        problems = List.copyOf(problems);
        references = List.copyOf(references);
    }
}
