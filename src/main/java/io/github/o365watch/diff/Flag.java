package io.github.o365watch.diff;

import io.github.o365watch.domain.HostPattern;
import io.github.o365watch.domain.net.PrefixSet;
import java.util.List;
import java.util.Optional;

/**
 * Something a security reviewer should look at, with a one-line reason and the claim behind it.
 */
public record Flag(Kind kind, int setId, String subject, String reason, Claim claim) {

    public Flag(Kind kind, int setId, String subject, String reason) {
        this(kind, setId, subject, reason, Claim.NONE);
    }

    /** The kinds, in the order a report lists them. */
    public enum Kind {
        CATEGORY_PROMOTED("more trusted category"),
        MOVED_TO_TRUSTED("moved to a more trusted set"),
        UNANNOUNCED("unannounced change"),
        BROAD_PREFIX("broad new prefix"),
        NEW_WILDCARD("new wildcard"),
        WILDCARD_REPLACES_NAMES("wildcard replaces names"),
        TENANT_SHARED_WILDCARD("tenant-shared wildcard in a direct category"),
        NEW_PORTS("newly opened ports"),
        NEW_PORT_RANGE("new port range"),
        REQUIRED_CHANGED("required changed"),
        EXPRESSROUTE_CHANGED("ExpressRoute changed"),
        OPTIMIZE_REMOVAL("removed from Optimize");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * What a flag asserts about the two versions, in values a reader (or a test) can check with
     * prefix arithmetic: the entry it is about (an added prefix, wildcard or port range), and the
     * addresses and hostnames concerned (see {@code docs/report-schema.md} for each kind).
     */
    public record Claim(Optional<Element> entry, PrefixSet addresses, List<HostPattern> hostnames) {
        public static final Claim NONE = new Claim(Optional.empty(), PrefixSet.EMPTY, List.of());

        public Claim {
            hostnames = hostnames.stream().sorted().distinct().toList();
        }
    }
}
