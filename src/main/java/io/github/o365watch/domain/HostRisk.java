package io.github.o365watch.domain;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a hostname pattern admits when a proxy lets it bypass inspection or a firewall lets it
 * through: an exact name; a wildcard scoped under one organisation's name; a broad wildcard over
 * a whole registrable domain ({@code *.microsoft.com}: far more than Microsoft 365); or a
 * tenant-shared one ({@code *.blob.core.windows.net}, {@code *.sharepoint.com}), whose {@code *}
 * stands where every customer's own name goes, so it admits anyone's content: a known path for
 * data to leave. The tenant-shared namespaces are data ({@code tenant-shared.tsv}), each with
 * the reference that documents its naming.
 *
 * @param namespace for {@link Kind#TENANT_SHARED}: the namespace and whose names live under it
 */
public record HostRisk(HostPattern pattern, Kind kind, Optional<Namespace> namespace) {

    /** From the narrowest to the most admitting. */
    public enum Kind {
        EXACT("exact name"),
        SCOPED("scoped wildcard"),
        BROAD("broad wildcard"),
        TENANT_SHARED("tenant-shared wildcard");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** In words: "tenant-shared wildcard". */
        public String label() {
            return label;
        }
    }

    /** A namespace under which each customer gets a name, what those names are, and where that is documented. */
    public record Namespace(String name, String whose, String reference) {}

    private static final Map<String, Namespace> SHARED = load();

    /** The tenant-shared namespaces, by name. */
    public static Map<String, Namespace> sharedNamespaces() {
        return SHARED;
    }

    /**
     * Classifies a pattern. {@code suffixes} tells registrable domains from public suffixes: a
     * wildcard right under a registrable domain ({@code *.office.net}) is broad.
     */
    public static HostRisk of(HostPattern h, PublicSuffixes suffixes) {
        Optional<String> under = h.fixedSuffix();
        if (under.isEmpty()) {
            return new HostRisk(h, Kind.EXACT, Optional.empty());
        }
        Optional<Namespace> ns = tenantShared(h);
        if (ns.isPresent()) {
            return new HostRisk(h, Kind.TENANT_SHARED, ns);
        }
        String p = h.pattern();
        int star = p.lastIndexOf('*');
        String fixed = under.get();
        int dot = fixed.indexOf('.');
        // a whole label of '*' right under a registrable domain: anything that domain's owner names
        boolean wholeLabel = p.lastIndexOf('.', star) + 1 == star && p.charAt(star + 1) == '.';
        boolean registrable = wholeLabel
                && dot > 0
                && !suffixes.isPublicSuffix(fixed)
                && suffixes.isPublicSuffix(fixed.substring(dot + 1));
        // over a public suffix is broader still (the feed's border refuses it; an override may hold one)
        return new HostRisk(
                h, registrable || suffixes.isPublicSuffix(fixed) ? Kind.BROAD : Kind.SCOPED, Optional.empty());
    }

    /** The tenant-shared namespace the pattern's wildcard stands in, if any ({@code *-my.sharepoint.com}: sharepoint.com). */
    public static Optional<Namespace> tenantShared(HostPattern h) {
        return h.fixedSuffix().map(SHARED::get);
    }

    private static Map<String, Namespace> load() {
        Map<String, Namespace> out = new TreeMap<>();
        try (InputStream in = HostRisk.class.getResourceAsStream("tenant-shared.tsv")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (String line : text.lines().toList()) {
                if (line.isBlank() || line.startsWith("#") || line.startsWith("namespace\t")) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length != 3 || !f[2].startsWith("https://")) {
                    throw new IllegalStateException(
                            "tenant-shared.tsv: not 'namespace, whose names, reference': " + line);
                }
                out.put(f[0], new Namespace(f[0], f[1], f[2]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return java.util.Collections.unmodifiableMap(out);
    }
}
