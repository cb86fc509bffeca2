package io.github.o365watch.diff;

/** Something a security reviewer should look at, with a one-line reason. */
public record Flag(Kind kind, int setId, String subject, String reason) {

    /** The kinds, in the order a report lists them. */
    public enum Kind {
        CATEGORY_PROMOTED("more trusted category"),
        MOVED_TO_TRUSTED("moved to a more trusted set"),
        UNANNOUNCED("unannounced change"),
        BROAD_PREFIX("broad new prefix"),
        NEW_WILDCARD("new wildcard"),
        WILDCARD_REPLACES_NAMES("wildcard replaces names"),
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
}
