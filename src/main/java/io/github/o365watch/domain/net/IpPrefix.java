package io.github.o365watch.domain.net;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.AddressStringParameters.RangeParameters;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import io.github.o365watch.text.Printable;
import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * One IPv4 or IPv6 prefix (network address and length), parsed strictly and held in canonical
 * form: no host bits, no leading zeros, lower-case compressed IPv6. Ordered IPv4 before IPv6,
 * then by network address, then shorter (larger) prefixes first.
 */
public sealed interface IpPrefix extends Comparable<IpPrefix> permits Ipv4Prefix, Ipv6Prefix {

    /**
     * Parses {@code a.b.c.d/len}, {@code x:y::z/len}, or a bare address (a host prefix). Rejects
     * host bits, lengths out of range, zones, ranges, wildcards, inet_aton forms and leading
     * zeros.
     *
     * @throws PrefixFormatException with a message naming the problem
     */
    static IpPrefix parse(String text) {
        return Parsing.parse(text);
    }

    Family family();

    /** Prefix length in bits. */
    int length();

    /** The network address, canonical ({@code 10.0.0.0}, {@code 2603:1006::}). */
    String network();

    /** The last address of the prefix. */
    String lastAddress();

    /** Number of addresses the prefix covers. */
    BigInteger size();

    /** True when every address of {@code other} is in this prefix. */
    boolean contains(IpPrefix other);

    /**
     * The prefix of {@code length} bits that holds this one ({@code 52.112.10.20/32} at 16 is
     * {@code 52.112.0.0/16}); this prefix itself when it is already that short or shorter.
     */
    default IpPrefix supernet(int length) {
        if (length >= length()) {
            return this;
        }
        return Blocks.prefix(new IPAddressString(toString())
                .getAddress()
                .setPrefixLength(Math.max(0, length), false)
                .toPrefixBlock());
    }

    /** How many leading bits the two prefixes' networks share, at most the shorter one's length; 0 across families. */
    default int commonBits(IpPrefix other) {
        if (family() != other.family()) {
            return 0;
        }
        int l = Math.min(length(), other.length());
        while (l > 0 && !supernet(l).equals(other.supernet(l))) {
            l--;
        }
        return l;
    }

    /** True when the two prefixes share at least one address. */
    default boolean overlaps(IpPrefix other) {
        return contains(other) || other.contains(this);
    }

    /** Canonical text, always with the length: {@code 10.0.0.0/8}, {@code 2603:1006::/40}. */
    @Override
    String toString();

    /** Strict parsing rules, shared by both families. */
    final class Parsing {
        private static final Pattern SHAPE = Pattern.compile("[0-9A-Fa-f:.]+(/(0|[1-9][0-9]{0,2}))?");
        private static final IPAddressStringParameters STRICT = new IPAddressStringParameters.Builder()
                .allowEmpty(false)
                .allowAll(false)
                .allowSingleSegment(false)
                .allowMask(false)
                .allowPrefixOnly(false)
                .allowWildcardedSeparator(false)
                .setRangeOptions(RangeParameters.NO_RANGE)
                .getIPv4AddressParametersBuilder()
                .allow_inet_aton(false)
                .allowLeadingZeros(false)
                .allowPrefixesBeyondAddressSize(false)
                .getParentBuilder()
                .getIPv6AddressParametersBuilder()
                .allowZone(false)
                .allowPrefixesBeyondAddressSize(false)
                .getParentBuilder()
                .toParams();

        private Parsing() {}

        static IpPrefix parse(String text) {
            if (text == null || text.isEmpty()) {
                throw new PrefixFormatException("empty prefix");
            }
            IpPrefix plain = PlainAddressReader.parse(text);
            return plain != null ? plain : strict(text);
        }

        /** The IPAddress library's strict parser: every form, and the words of every error. */
        static IpPrefix strict(String text) {
            if (text.length() > 64 || !SHAPE.matcher(text).matches()) {
                throw new PrefixFormatException("not an IP prefix: '" + Printable.of(text) + "'");
            }
            IPAddress address;
            try {
                address = new IPAddressString(text, STRICT).toAddress();
            } catch (AddressStringException e) {
                throw new PrefixFormatException("not an IP prefix: '" + Printable.of(text) + "'");
            }
            if (address.getPrefixLength() == null) {
                address = address.setPrefixLength(address.getBitCount(), false);
            }
            if (!address.isPrefixBlock()) {
                throw new PrefixFormatException("prefix has host bits set: '" + text + "' (the network is "
                        + Blocks.prefix(address.toPrefixBlock()) + ")");
            }
            return Blocks.prefix(address);
        }
    }
}
