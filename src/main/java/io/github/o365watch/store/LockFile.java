package io.github.o365watch.store;

import io.github.o365watch.domain.net.Printable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code o365watch.lock}: for every output file, the target, instance, data version, selection
 * hash and SHA-256 it was written with, and per instance the version applied. Canonical JSON,
 * meant to be committed with the outputs so history shows which data version was applied when.
 */
public record LockFile(Integer format, Map<String, Applied> instances, List<Output> outputs) {
    public static final int FORMAT = 1;

    /** What was applied for one instance. */
    public record Applied(String version, String selectionHash) {
    }

    /** One output file (path relative to the output directory). */
    public record Output(String path, String target, String instance, String version, String selectionHash, String sha256) {
    }

    public LockFile {
        instances = new TreeMap<>(instances);
        outputs = outputs.stream().sorted(Comparator.comparing(Output::path)).toList();
    }

    public static Optional<LockFile> read(Path file) {
        try {
            LockFile l = CanonicalJson.read(Files.readAllBytes(file), LockFile.class);
            if (l == null || l.format() == null || l.format() != FORMAT || l.instances() == null || l.outputs() == null) {
                throw new StoreException("lock file " + file + " is not an o365watch lock file (format " + FORMAT + ")");
            }
            return Optional.of(l);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StoreException("lock file " + file + " cannot be read: " + Printable.line(e.getMessage(), 200), e);
        }
    }

    public void write(Path file) {
        AtomicFiles.write(file, CanonicalJson.write(this));
    }

    public Optional<Output> output(String path) {
        return outputs.stream().filter(o -> o.path().equals(path)).findFirst();
    }
}
