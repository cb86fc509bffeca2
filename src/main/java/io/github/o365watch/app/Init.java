package io.github.o365watch.app;

import io.github.o365watch.store.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A new site: the commented starter config, and a {@code .gitattributes} beside it. o365watch
 * checks the store, the releases and the lock file byte for byte against their checksums; with
 * {@code core.autocrlf=true} (Git for Windows' default) a clone would turn them into CRLF, and the
 * store would then read as edited and every output as changed by hand.
 */
public final class Init {
    /** The file's own comment, then one line per path the starter config names. */
    static final List<String> ATTRIBUTES =
            List.of("snapshots/** -text", ".generated.releases/** -text", "reports/** -text", "o365watch.lock -text");

    static final String HEADER = """
            # o365watch checks these byte for byte against checksums: git must not change their line ends
            # (core.autocrlf=true, Git for Windows' default, would). If o365watch.yaml moves the store, the
            # output, the reports or the templates, list those paths here too.
            """;

    private Init() {}

    /**
     * What init wrote.
     *
     * @param attributes   the .gitattributes file
     * @param addedLines   the lines added to it (empty: it already had them all)
     * @param existed      it was there before (the lines were added at its end)
     */
    public record Result(Path config, Path attributes, List<String> addedLines, boolean existed) {}

    /** What to do when the config file exists already. */
    public enum Existing {
        /** Refuse: a usage error that names --force. */
        REFUSE,
        /** {@code --force}: write the starter over it. */
        REPLACE
    }

    public static Result run(Path config, Existing existing) {
        if (Files.exists(config) && existing == Existing.REFUSE) {
            throw new UsageException(config + " already exists (--force replaces it)");
        }
        io.github.o365watch.store.FileKind kind = io.github.o365watch.store.FileKind.of(config);
        if (!kind.replaceable()) {
            // a rename would replace a device node or a pipe with the starter file
            throw new UsageException(
                    "--config " + config + ": " + kind.description() + "; the config is a regular file");
        }
        byte[] starter = ConfigFile.starter();
        Path attributes = config.toAbsolutePath().resolveSibling(".gitattributes");
        Optional<String> before = read(attributes);
        List<String> missing = new ArrayList<>();
        for (String line : ATTRIBUTES) {
            if (before.map(b -> b.lines().map(String::strip).noneMatch(line::equals))
                    .orElse(true)) {
                missing.add(line);
            }
        }
        AtomicFiles.write(config, starter);
        ConfigFile.read(config); // the starter must be a valid config
        if (!missing.isEmpty()) {
            // a person's own attributes stay as they were; ours go at the end, where they win for these paths
            String start = before.map(b -> b.isEmpty() || b.endsWith("\n") ? b : b + "\n")
                    .map(b -> b.isEmpty() ? b : b + "\n")
                    .orElse("");
            AtomicFiles.write(
                    attributes, (start + HEADER + String.join("\n", missing) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return new Result(config, attributes, List.copyOf(missing), before.isPresent());
    }

    private static Optional<String> read(Path file) {
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + ": " + e.getMessage());
        }
    }
}
