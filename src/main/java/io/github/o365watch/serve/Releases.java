package io.github.o365watch.serve;

import io.github.o365watch.domain.Checksums;
import io.github.o365watch.store.OutputTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Follows the output link sync switches. Each call resolves the link (one look at the file
 * system); when it names another release, that release is read whole into memory, checked to be
 * exactly what sync published under that name, and only then served. Anything else (no link, a
 * release edited by hand, a read error, a release past the size cap) keeps the last good release
 * and says why.
 */
public final class Releases {
    private final Path output;
    private final long maxBytes;
    private volatile Path loadedFrom;
    private volatile ReleaseState state = new ReleaseState(Optional.empty(), Optional.empty(), 0, 0);
    private Path failedAt; // the release last refused, not read again until the link moves

    public Releases(Path output, long maxBytes) {
        this.output = output.toAbsolutePath().normalize();
        this.maxBytes = maxBytes;
    }

    public Path output() {
        return output;
    }

    /** The state now, after looking at the link once. */
    public ReleaseState current() {
        Path target;
        try {
            target = output.toRealPath();
        } catch (IOException e) {
            return problem(
                    null,
                    Files.exists(output, LinkOption.NOFOLLOW_LINKS)
                            ? "the output link " + output + " points to nothing"
                            : "nothing is published at " + output + " (run sync)");
        }
        if (target.equals(loadedFrom) && state.problem().isEmpty()) {
            return state;
        }
        synchronized (this) {
            if (target.equals(loadedFrom) && state.problem().isEmpty() || target.equals(failedAt)) {
                return state;
            }
            try {
                Path release = new OutputTree(output).release().orElseThrow();
                Release r = read(release);
                loadedFrom = release;
                failedAt = null;
                state = new ReleaseState(Optional.of(r), Optional.empty(), state.loads() + 1, state.failures());
            } catch (RuntimeException | IOException e) {
                failedAt = target;
                return problem(target, e.getMessage() == null ? e.toString() : e.getMessage());
            }
            return state;
        }
    }

    private synchronized ReleaseState problem(Path target, String why) {
        boolean again = state.problem().filter(why::equals).isPresent();
        state = new ReleaseState(state.release(), Optional.of(why), state.loads(), state.failures() + (again ? 0 : 1));
        return state;
    }

    private Release read(Path dir) throws IOException {
        Map<String, byte[]> bytes = new TreeMap<>();
        Map<String, Long> times = new LinkedHashMap<>();
        long total = 0;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (p.equals(dir) || Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                String rel = dir.relativize(p).toString().replace('\\', '/');
                if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    // sync writes only regular files: a link in a release was put there by hand, and may lead anywhere
                    throw new IOException("the published release " + dir.getFileName() + " holds " + rel
                            + ", which is not a regular file; serving the last good release");
                }
                total += Files.size(p);
                if (total > maxBytes) {
                    throw new IOException("the published release " + dir.getFileName() + " holds more than " + maxBytes
                            + " bytes; serving the last good release");
                }
                bytes.put(rel, Files.readAllBytes(p));
                times.put(
                        rel,
                        Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toMillis());
            }
        }
        if (!OutputTree.namedFor(dir.getFileName().toString(), bytes)) {
            throw new IOException("the published release " + dir.getFileName()
                    + " is not what sync published there (edited by hand?);" + " serving the last good release");
        }
        Map<String, ServedFile> files = new TreeMap<>();
        bytes.forEach((rel, b) -> files.put(
                rel,
                new ServedFile(
                        rel,
                        b,
                        Checksums.sha256(b),
                        times.get(rel),
                        ServedFile.mediaType(rel.substring(rel.lastIndexOf('/') + 1)))));
        return new Release(dir.getFileName().toString(), files);
    }
}
