package io.github.o365watch.domain.net;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Address space no Microsoft 365 endpoint can be in: the IANA special-purpose registries for IPv4
 * and IPv6 (RFC 6890 and updates), multicast, and IPv6 outside global unicast. The table is data,
 * {@code special-purpose.tsv} beside this class, one registry row per line with its reference.
 */
public final class SpecialPurpose {

    /** One row of the table: a block, its name in the registry, the RFC and the registry it is from. */
    public record Block(IpPrefix prefix, String name, String reference, String registry) {
        /** {@code 10.0.0.0/8 (Private-Use, RFC 1918)}. */
        public String describe() {
            return prefix + " (" + name + ", " + reference + ")";
        }
    }

    private static final List<Block> BLOCKS = load();
    private static final PrefixSet ALL =
            PrefixSet.of(BLOCKS.stream().map(Block::prefix).toList());

    private SpecialPurpose() {}

    /** Every row, in the order of the table. */
    public static List<Block> blocks() {
        return BLOCKS;
    }

    /**
     * The row a prefix shares addresses with, if any: the most specific row that contains it, else
     * the first row inside it ({@code 0.0.0.0/0} overlaps "This network" first).
     */
    public static Optional<Block> overlapping(IpPrefix prefix) {
        if (!ALL.overlaps(prefix)) {
            return Optional.empty();
        }
        Optional<Block> around = BLOCKS.stream()
                .filter(b -> b.prefix().contains(prefix))
                .max(Comparator.comparingInt(b -> b.prefix().length()));
        return around.isPresent()
                ? around
                : BLOCKS.stream().filter(b -> prefix.contains(b.prefix())).findFirst();
    }

    private static List<Block> load() {
        try (InputStream in = SpecialPurpose.class.getResourceAsStream("special-purpose.tsv")) {
            if (in == null) {
                throw new IllegalStateException("special-purpose.tsv is missing from the jar");
            }
            List<Block> out = new ArrayList<>();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length != 4) {
                    throw new IllegalStateException("special-purpose.tsv: not four fields: " + line);
                }
                out.add(new Block(IpPrefix.parse(f[0]), f[2], f[3], f[1]));
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
