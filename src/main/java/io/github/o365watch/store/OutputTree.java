package io.github.o365watch.store;

import io.github.o365watch.domain.Checksums;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The output directory of {@code sync}: a symbolic link to the current release, a complete
 * directory in {@code .<name>.releases/} beside it. Publishing builds the next release (files
 * that did not change are hard links to the current ones, so they keep their inode and time),
 * then replaces the link in one rename: a device that polls a file sees the old set or the new,
 * never a mix, and a crash leaves the old set in place.
 */
public final class OutputTree {
    private final Path link;
    private final Path releases;

    public OutputTree(Path output) {
        this.link = output.toAbsolutePath().normalize();
        this.releases = link.resolveSibling("." + link.getFileName() + ".releases");
    }

    public Path path() {
        return link;
    }

    /** The directory of the releases behind an output link: {@code .<name>.releases} beside it. */
    public static Path releasesOf(Path output) {
        return new OutputTree(output).releases;
    }

    /** The files now published, by path relative to the output directory (empty before the first sync). */
    public Map<String, byte[]> current() {
        Map<String, byte[]> out = new TreeMap<>();
        if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
            return out;
        }
        checkManaged();
        try (Stream<Path> files = Files.walk(link.toRealPath())) {
            Path root = link.toRealPath();
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                out.put(root.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
            }
        } catch (IOException e) {
            throw new StoreException("cannot read the outputs in " + link + ": " + AtomicFiles.describe(e), e);
        }
        return out;
    }

    /**
     * The output link of a site sync manages that writing under {@code dir} would write into: {@code dir}
     * is the link, lies under it, or lies in one of its releases (also when reached through other
     * links). Empty when {@code dir} is nowhere near one.
     */
    public static Optional<Path> managing(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        Optional<Path> direct = managingAlong(abs);
        if (direct.isPresent()) {
            return direct;
        }
        // the nearest part that exists, with every link resolved: a path through another link to a release
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        try {
            return existing == null ? Optional.empty() : managingAlong(existing.toRealPath());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<Path> managingAlong(Path abs) {
        for (Path p = abs; p != null && p.getFileName() != null; p = p.getParent()) {
            if (Files.isSymbolicLink(p) && new OutputTree(p).managed()) {
                return Optional.of(p);
            }
            String name = p.getFileName().toString();
            if (name.startsWith(".") && name.endsWith(".releases") && name.length() > ".releases".length() + 1) {
                Path link = p.resolveSibling(name.substring(1, name.length() - ".releases".length()));
                if (Files.isSymbolicLink(link) && new OutputTree(link).managed()) {
                    return Optional.of(link);
                }
            }
        }
        return Optional.empty();
    }

    /** True when the output is a link into its own releases, as sync leaves it. */
    private boolean managed() {
        try {
            checkManaged();
            return true;
        } catch (StoreException e) {
            return false;
        }
    }

    /** Only a link into our own releases is ours to replace: anything else is a person's, and stays. */
    private void checkManaged() {
        String ours = "sync keeps it as a link to a directory in " + releases.getFileName() + "/";
        if (!Files.isSymbolicLink(link)) {
            throw new StoreException("the output directory " + link + " exists and is not managed by o365watch (" + ours
                    + "); move it away or choose another output");
        }
        if (!Files.exists(link)) {
            throw new StoreException(
                    "the output link " + link + " points to nothing (its release in " + releases.getFileName()
                            + "/ is gone, e.g. a partial checkout); delete the link and run sync again");
        }
        try {
            Path target = link.toRealPath();
            if (!Files.isDirectory(releases) || !releases.toRealPath().equals(target.getParent())) {
                throw new StoreException(
                        "the output link " + link + " points to " + target + ", which o365watch did not write (" + ours
                                + "); move the link away or choose another output");
            }
        } catch (IOException e) {
            throw new StoreException("cannot read the output link " + link + ": " + AtomicFiles.describe(e), e);
        }
    }

    /** The release now published, if any. */
    public Optional<Path> release() {
        if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        checkManaged();
        try {
            return Optional.of(link.toRealPath());
        } catch (IOException e) {
            throw new StoreException("cannot read the output link " + link + ": " + AtomicFiles.describe(e), e);
        }
    }

    /**
     * Points the link back at a release {@link #release()} returned before a publish (none: removes
     * the link), and removes the release it named instead: nobody is meant to read it, and after a
     * failure for want of space the disk needs the room.
     */
    public void restore(Optional<Path> release) {
        try {
            Path failed = Files.exists(link) ? link.toRealPath() : null;
            if (release.isEmpty()) {
                Files.deleteIfExists(link);
            } else {
                Path tmpLink = link.resolveSibling(AtomicFiles.TEMP_PREFIX + link.getFileName() + "-restore");
                Files.deleteIfExists(tmpLink);
                Files.createSymbolicLink(tmpLink, link.getParent().relativize(release.get()));
                Files.move(tmpLink, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                AtomicFiles.syncDirectory(link.getParent());
            }
            if (failed != null
                    && !release.map(failed::equals).orElse(false)
                    && failed.getParent().equals(releases.toRealPath())) {
                deleteTree(failed);
            }
        } catch (IOException e) {
            throw new StoreException(
                    "cannot put the output link " + link + " back to "
                            + release.map(Path::toString).orElse("nothing") + ": " + AtomicFiles.describe(e),
                    e);
        }
    }

    /**
     * Publishes exactly these files (path relative to the output, bytes). Identical content is
     * not published again. Call under the store lock.
     *
     * @return true when the outputs changed
     */
    public boolean publish(Map<String, byte[]> files) {
        return publish(files, Map.of());
    }

    /**
     * As above, with the SHA-256 of some of the files already made from their bytes (sync hashed
     * each file it rendered, for the lock file): the release's name is made without hashing them again.
     */
    public boolean publish(Map<String, byte[]> files, Map<String, String> sha256) {
        Map<String, byte[]> now = current();
        if (now.keySet().equals(files.keySet())
                && files.entrySet().stream().allMatch(e -> Arrays.equals(now.get(e.getKey()), e.getValue()))) {
            return false;
        }
        String id = id(files, sha256);
        // a release named for this content whose files were edited since is not that content: take the next name
        Path release;
        try {
            release = releases.resolve(id);
            for (int n = 2; Files.exists(release, LinkOption.NOFOLLOW_LINKS) && !holdsExactly(release, files); n++) {
                release = releases.resolve(id + "-" + n);
            }
        } catch (IOException e) {
            throw new StoreException("cannot publish the outputs in " + link + ": " + AtomicFiles.describe(e), e);
        }
        Path staging = releases.resolve(".staging-" + release.getFileName());
        Path tmpLink = link.resolveSibling(AtomicFiles.TEMP_PREFIX + link.getFileName() + "-" + id);
        Path built = null; // the release this call moved into place, until the link names it
        Path current;
        try {
            Files.createDirectories(releases);
            deleteTree(staging);
            Files.createDirectories(staging); // also when there is no file to publish
            CrashPoint.at("publish.staging-created", staging);
            current = Files.exists(link, LinkOption.NOFOLLOW_LINKS) ? link.toRealPath() : null;
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                Path target = staging.resolve(e.getKey()).normalize();
                if (!target.startsWith(staging)) {
                    throw new StoreException("output path " + e.getKey() + " leaves the output directory");
                }
                Files.createDirectories(target.getParent());
                Path old = current == null ? null : current.resolve(e.getKey());
                if (old != null && Arrays.equals(now.get(e.getKey()), e.getValue())) {
                    try {
                        Files.createLink(target, old); // unchanged: same inode, same time
                        CrashPoint.at("publish.hard-linked", target);
                        continue;
                    } catch (UnsupportedOperationException | IOException linkFailed) {
                        Files.copy(old, target, StandardCopyOption.COPY_ATTRIBUTES);
                        continue;
                    }
                }
                AtomicFiles.write(target, e.getValue());
            }
            AtomicFiles.syncDirectory(staging);
            CrashPoint.at("publish.staged", staging);
            if (!Files.exists(release)) {
                Files.move(staging, release, StandardCopyOption.ATOMIC_MOVE);
                built = release;
            } else {
                deleteTree(staging);
            }
            CrashPoint.at("publish.release-ready", release);
            Files.deleteIfExists(tmpLink);
            Files.createSymbolicLink(tmpLink, link.getParent().relativize(release));
            CrashPoint.at("publish.link-created", tmpLink);
            try {
                Files.move(tmpLink, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new StoreException("cannot replace " + link + " in one step on this file system", e);
            }
        } catch (IOException | RuntimeException e) {
            // not published: the link still names the old release; remove what this call built (a full disk needs the
            // room)
            try {
                Files.deleteIfExists(tmpLink);
                deleteTree(staging);
                if (built != null) {
                    deleteTree(built);
                }
            } catch (IOException | RuntimeException x) {
                e.addSuppressed(x);
            }
            if (e instanceof IOException io) {
                throw new StoreException("cannot publish the outputs in " + link + ": " + AtomicFiles.describe(io), io);
            }
            throw (RuntimeException) e;
        }
        CrashPoint.at("publish.link-swapped", link);
        AtomicFiles.syncDirectory(link.getParent());
        try {
            prune(release, current);
        } catch (IOException | java.io.UncheckedIOException e) {
            // published all the same: a release that cannot be removed now goes with a later publish
        }
        CrashPoint.at("publish.pruned", releases);
        return true;
    }

    /**
     * True when a release directory's name is the one sync gives these files (its content name,
     * or that name with {@code -N}): the files are exactly what sync published there, none edited,
     * added or removed since. The feed server checks what it read before it serves it.
     */
    public static boolean namedFor(String releaseName, Map<String, byte[]> files) {
        String id = id(files);
        return releaseName.equals(id)
                || releaseName.startsWith(id + "-")
                        && releaseName.substring(id.length() + 1).matches("[0-9]+");
    }

    /** A release's name: the start of the hash of its files' paths and checksums. */
    private static String id(Map<String, byte[]> files) {
        return id(files, Map.of());
    }

    private static String id(Map<String, byte[]> files, Map<String, String> sha256) {
        StringBuilder manifest = new StringBuilder();
        new TreeMap<>(files)
                .forEach((p, b) -> manifest.append(p)
                        .append(' ')
                        .append(sha256.containsKey(p) ? sha256.get(p) : Checksums.sha256(b))
                        .append('\n'));
        return Checksums.sha256(manifest.toString().getBytes(StandardCharsets.UTF_8))
                .substring(0, 16);
    }

    /**
     * True when the published release holds exactly the files sync published under its name (a
     * release is named for its content, {@code id} or {@code id-N}): no file in it was edited,
     * added or removed since. When such outputs differ from what the lock file records, a sync
     * published them and stopped before it wrote the lock file.
     */
    public boolean intact() {
        Optional<Path> release = release();
        if (release.isEmpty()) {
            return false;
        }
        return namedFor(release.get().getFileName().toString(), current());
    }

    private static boolean holdsExactly(Path dir, Map<String, byte[]> files) throws IOException {
        Map<String, byte[]> there = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
                there.put(dir.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
            }
        }
        return there.keySet().equals(files.keySet())
                && files.entrySet().stream().allMatch(e -> Arrays.equals(there.get(e.getKey()), e.getValue()));
    }

    /** Keeps the new release and the one before it (a poller may still read it); removes the rest. */
    private void prune(Path keep, Path previous) throws IOException {
        try (Stream<Path> dirs = Files.list(releases)) {
            for (Path d : dirs.toList()) {
                if (!d.equals(keep) && (previous == null || !d.equals(previous))) {
                    deleteTree(d);
                }
            }
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            List<Path> all = walk.sorted(Comparator.reverseOrder()).toList();
            for (Path x : all) {
                Files.deleteIfExists(x);
            }
        }
    }
}
