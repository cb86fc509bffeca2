package io.github.o365watch.app;

import io.github.o365watch.store.OutputTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where sync writes: the store, the output link and its releases directory, the reports directory
 * and the feed. None may lie in another, in any direction, compared on real paths (links
 * resolved, as far as the path exists): sync deletes all but the newest two releases, so a store
 * or reports directory among them would be deleted with the next publish, and each directory is
 * listed and cleaned of temporary files as o365watch's own.
 */
final class SiteLayout {
    private SiteLayout() {}

    /** A place sync writes: its key (for the message), the real path, and what it is. */
    record Place(String key, String label, Path real, boolean file, boolean output) {}

    /** {@code inner} lies in {@code outer} (or is it). */
    record Overlap(Place inner, Place outer) {
        /** The sentence after "key: ", {@code where} naming a key's line ("output, line 5"). */
        String message(java.util.function.Function<String, String> where) {
            String in = inner.real().equals(outer.real()) ? " is " : " lies in ";
            String why = outer.output()
                    ? "sync replaces the output as a whole and deletes all but the newest two releases, so it would delete "
                            + (inner.file() ? "the " : "the files of the ") + inner.label()
                    : "the store, the output with its releases and the reports each need a directory of their own: o365watch lists and"
                            + " cleans each as its own";
            return inner.real() + in + outer.real() + ", the " + outer.label() + " (" + where.apply(outer.key()) + "); "
                    + why;
        }
    }

    /** The places of a site; {@code storeKey} is "store", or "--store" when the command line names another. */
    static List<Place> places(String storeKey, Path store, Path output, Path reports, Optional<Path> feed) {
        List<Place> out = new ArrayList<>();
        Path link = real(output.toAbsolutePath().normalize().getParent())
                .resolve(output.toAbsolutePath().normalize().getFileName());
        out.add(new Place("output", "output directory", link, false, true));
        out.add(new Place("output", "output's releases directory", real(OutputTree.releasesOf(link)), false, true));
        out.add(new Place(storeKey, "store", real(store), false, false));
        out.add(new Place("reports.directory", "reports directory", real(reports), false, false));
        feed.ifPresent(f -> out.add(new Place("reports.feed", "feed", real(f), true, false)));
        return out;
    }

    /**
     * The first place that lies in another (the output and its releases are siblings by
     * construction; the feed may lie in the reports directory, and nothing lies in a file).
     */
    static Optional<Overlap> overlap(List<Place> places) {
        for (Place a : places) {
            for (Place b : places) {
                if (a == b
                        || b.file()
                        || a.output() && b.output()
                        || a.file() && b.key().equals("reports.directory")) {
                    continue;
                }
                if (a.real().startsWith(b.real())) {
                    return Optional.of(new Overlap(a, b));
                }
            }
        }
        return Optional.empty();
    }

    /** The path with every link resolved in the part that exists; the rest as written. */
    static Path real(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return abs;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(abs));
        } catch (IOException e) {
            return abs;
        }
    }
}
