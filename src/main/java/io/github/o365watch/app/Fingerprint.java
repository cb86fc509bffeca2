package io.github.o365watch.app;

import io.github.o365watch.domain.Checksums;
import io.github.o365watch.store.LockFile;
import io.github.o365watch.text.Printable;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The lock file's fingerprint: a SHA-256 of everything a site's outputs are rendered from. Equal
 * fingerprints and outputs that hash as the lock records mean a render would write the same bytes,
 * so sync skips it. Anything that can change an output must be in here: the versions and revisions
 * applied, the selection and target options (with the templates directory's content, {@link
 * ConfigSelection#hash}), the overrides file's bytes, and o365watch's own build (its code, its
 * built-in templates, its libraries).
 */
final class Fingerprint {
    private Fingerprint() {}

    /**
     * Of a site whose lock would record {@code applied} and {@code outputs}; {@code configHash} is
     * {@link ConfigSelection#hash} of {@code c}, which the caller has made already. The outputs' hashes
     * are in it too, so that a lock file whose recorded hashes were edited to match edited outputs
     * does not pass for one sync wrote: its fingerprint no longer matches, and sync renders.
     */
    static String of(
            Config c, String configHash, Map<String, LockFile.Applied> applied, List<LockFile.Output> outputs) {
        StringBuilder s = new StringBuilder();
        s.append("o365watch ").append(Build.IDENTITY).append('\n');
        new TreeMap<>(applied)
                .forEach((name, a) -> s.append("instance ")
                        .append(name)
                        .append(' ')
                        .append(a.version())
                        .append(' ')
                        .append(a.revisionOrFirst())
                        .append(' ')
                        .append(a.selectionHash())
                        .append('\n'));
        s.append("config ").append(configHash).append('\n');
        c.selection()
                .overridesFile()
                .ifPresent(f ->
                        s.append("overrides ").append(Checksums.sha256(read(f))).append('\n'));
        outputs.stream()
                .sorted(java.util.Comparator.comparing(LockFile.Output::path))
                .forEach(o -> s.append("output ")
                        .append(o.path())
                        .append(' ')
                        .append(o.version())
                        .append(' ')
                        .append(o.sha256())
                        .append('\n'));
        return Checksums.sha256(s.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UsageException("cannot read the overrides file " + file + ": " + Printable.reason(e));
        }
    }

    /** o365watch's build, read once per run. */
    private static final class Build {
        /** What o365watch's own part of the jar holds: its code, its built-in templates, its build's version and commit. */
        private static final List<String> OWN = List.of("io/github/o365watch/", "o365watch/", "rules-templates/");

        static final String IDENTITY = identity();

        /**
         * The name and CRC-32 of every file of o365watch's own, in name order: from the jar's
         * directory when it runs from a jar (nothing decompressed), from the files when from a
         * class directory (the tests). Both give the same text for the same build, so a lock
         * written by the one is current for the other, and any change of code or templates is a
         * new identity where a rebuild of the same sources is not.
         */
        private static String identity() {
            Path source;
            try {
                source = Path.of(Fingerprint.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI());
            } catch (URISyntaxException | RuntimeException e) {
                throw new IllegalStateException("cannot tell where o365watch's classes come from", e);
            }
            TreeMap<String, Long> crcs = new TreeMap<>();
            try {
                if (Files.isRegularFile(source)) {
                    try (ZipFile jar = new ZipFile(source.toFile())) {
                        for (var all = jar.entries(); all.hasMoreElements(); ) {
                            ZipEntry e = all.nextElement();
                            if (!e.isDirectory() && own(e.getName())) {
                                crcs.put(e.getName(), e.getCrc());
                            }
                        }
                    }
                } else {
                    try (Stream<Path> files = Files.walk(source)) {
                        for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                            String name = source.relativize(f).toString().replace('\\', '/');
                            if (own(name)) {
                                CRC32 crc = new CRC32();
                                crc.update(Files.readAllBytes(f));
                                crcs.put(name, crc.getValue());
                            }
                        }
                    }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot read o365watch's own files in " + source, e);
            }
            StringBuilder s = new StringBuilder();
            crcs.forEach((name, crc) -> s.append(name).append(' ').append(crc).append('\n'));
            return Checksums.sha256(s.toString().getBytes(StandardCharsets.UTF_8));
        }

        private static boolean own(String name) {
            return OWN.stream().anyMatch(name::startsWith);
        }
    }
}
