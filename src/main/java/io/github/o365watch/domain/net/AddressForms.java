package io.github.o365watch.domain.net;

import inet.ipaddr.IPAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The other ways devices write addresses, turned into canonical prefixes: a prefix with host bits
 * ({@code 10.1.1.5/24}), an address with a dotted netmask ({@code 52.112.0.0 255.252.0.0}), and a
 * range of addresses ({@code 10.0.0.1-10.0.0.9}). Each address is parsed as strictly as
 * {@link IpPrefix#parse}; what does not parse gives an empty result, never an exception.
 */
public final class AddressForms {
    private AddressForms() {}

    /**
     * The network a prefix names, host bits allowed: {@code 10.1.1.5/24} gives {@code 10.1.1.0/24},
     * a bare address its host prefix. Empty when the address or length is not valid.
     */
    public static Optional<IpPrefix> network(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int slash = text.indexOf('/');
        Optional<IpPrefix> address = address(slash < 0 ? text : text.substring(0, slash));
        if (address.isEmpty() || slash < 0) {
            return address;
        }
        OptionalInt length =
                length(text.substring(slash + 1), address.get().family().bits());
        if (length.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Blocks.prefix(Blocks.block(address.get()).toPrefixBlock(length.getAsInt())));
    }

    /**
     * An IPv4 address with a dotted netmask, host bits allowed ({@code 10.1.1.5 255.255.255.0}
     * gives {@code 10.1.1.0/24}). Empty when either is not valid or the mask is not contiguous.
     */
    public static Optional<IpPrefix> withNetmask(String address, String netmask) {
        Optional<IpPrefix> a = address(address);
        OptionalInt length = netmaskLength(netmask);
        if (a.isEmpty() || a.get().family() != Family.IPV4 || length.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Blocks.prefix(Blocks.block(a.get()).toPrefixBlock(length.getAsInt())));
    }

    /** The prefix length of a contiguous dotted IPv4 netmask ({@code 255.252.0.0} is 14); empty otherwise. */
    public static OptionalInt netmaskLength(String netmask) {
        Optional<IpPrefix> mask = address(netmask);
        if (mask.isEmpty() || mask.get().family() != Family.IPV4) {
            return OptionalInt.empty();
        }
        Integer length = Blocks.block(mask.get()).withoutPrefixLength().getBlockMaskPrefixLength(true);
        return length == null ? OptionalInt.empty() : OptionalInt.of(length);
    }

    /**
     * The fewest prefixes that cover exactly the addresses from {@code first} to {@code last}
     * (both included), in order. Empty when an address is not valid, the families differ, or the
     * range ends before it starts.
     */
    public static List<IpPrefix> range(String first, String last) {
        Optional<IpPrefix> a = address(first);
        Optional<IpPrefix> b = address(last);
        if (a.isEmpty() || b.isEmpty() || a.get().family() != b.get().family()) {
            return List.of();
        }
        IPAddress lower = Blocks.block(a.get()).withoutPrefixLength();
        IPAddress upper = Blocks.block(b.get()).withoutPrefixLength();
        if (lower.compareTo(upper) > 0) {
            return List.of();
        }
        List<IpPrefix> out = new ArrayList<>();
        for (IPAddress block : lower.spanWithPrefixBlocks(upper)) {
            out.add(Blocks.prefix(block.isPrefixed() ? block : block.setPrefixLength(block.getBitCount(), false)));
        }
        return List.copyOf(out);
    }

    /** One address (no length), as strictly as IpPrefix parses it, as its host prefix. */
    private static Optional<IpPrefix> address(String text) {
        if (text == null || text.isEmpty() || text.indexOf('/') >= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(IpPrefix.parse(text));
        } catch (PrefixFormatException e) {
            return Optional.empty();
        }
    }

    /** A decimal length without a sign or leading zeros, at most {@code bits}. */
    private static OptionalInt length(String text, int bits) {
        if (text.isEmpty() || text.length() > 3 || text.length() > 1 && text.charAt(0) == '0') {
            return OptionalInt.empty();
        }
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return OptionalInt.empty();
            }
            n = n * 10 + (c - '0');
        }
        return n <= bits ? OptionalInt.of(n) : OptionalInt.empty();
    }
}
