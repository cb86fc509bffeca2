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

    /**
     * What was applied for one instance. {@code revision} is absent for a version's first copy, so
     * lock files written before revisions were recorded read the same and are written the same.
     */
    public record Applied(String version, Integer revision, String selectionHash) {
        public Applied {
            revision = revision != null && revision == 1 ? null : revision;
        }

        /** The revision applied: 1 for the first copy of the version. */
        public int revisionOrFirst() {
            return revision == null ? 1 : revision;
        }
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
            LockFile l;
            try {
                l = CanonicalJson.read(Files.readAllBytes(file), LockFile.class);
            } catch (RuntimeException e) {
                // a record's constructor meets nulls before the checks below can name them
                throw new StoreException("lock file " + file + " is not an o365watch lock file: " + Printable.line(String.valueOf(e.getMessage()), 200), e);
            }
            if (l == null || l.format() == null || l.format() != FORMAT || l.instances() == null || l.outputs() == null) {
                throw new StoreException("lock file " + file + " is not an o365watch lock file (format " + FORMAT + ")");
            }
            l.check(file);
            return Optional.of(l);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new StoreException("lock file " + file + " is not an o365watch lock file: " + Printable.line(e.getOriginalMessage(), 200), e);
        } catch (IOException e) {
            throw new StoreException("lock file " + file + " cannot be read: " + Printable.line(e.getMessage(), 200), e);
        }
    }

    private static final java.util.regex.Pattern VERSION = java.util.regex.Pattern.compile("[0-9]{10}");
    private static final java.util.regex.Pattern HASH = java.util.regex.Pattern.compile("[0-9a-f]{16}");
    private static final java.util.regex.Pattern SHA256 = java.util.regex.Pattern.compile("[0-9a-f]{64}");
    private static final java.util.regex.Pattern INSTANCE = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9]{0,39}");
    private static final java.util.regex.Pattern TARGET = java.util.regex.Pattern.compile("[a-z][a-z0-9-]{0,39}");
    private static final java.util.regex.Pattern FILE = java.util.regex.Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,99}");

    /** Every value has the shape sync writes; a path is {@code instance/target/file} and stays inside the output directory. */
    private void check(Path file) {
        String bad = "lock file " + file + ": ";
        instances.forEach((name, a) -> {
            if (name == null || !INSTANCE.matcher(name).matches() || a == null || a.version() == null
                    || !VERSION.matcher(a.version()).matches() || a.selectionHash() == null || !HASH.matcher(a.selectionHash()).matches()
                    || a.revision() != null && (a.revision() < 1 || a.revision() > 9999)) {
                throw new StoreException(bad + "instances." + Printable.of(name)
                        + " is not an instance with a version, a selection hash and, after the first copy, a revision");
            }
        });
        for (int i = 0; i < outputs.size(); i++) {
            Output o = outputs.get(i);
            String at = bad + "outputs[" + (i + 1) + "] ";
            if (o == null || o.path() == null || o.target() == null || o.instance() == null || o.version() == null || o.sha256() == null
                    || o.selectionHash() == null) {
                throw new StoreException(at + "lacks a path, target, instance, version, selection hash or sha256");
            }
            String[] parts = o.path().split("/", -1);
            if (parts.length != 3 || !INSTANCE.matcher(parts[0]).matches() || !parts[0].equalsIgnoreCase(o.instance())
                    || !parts[1].equals(o.target()) || !TARGET.matcher(parts[1]).matches() || !FILE.matcher(parts[2]).matches()) {
                throw new StoreException(at + "path " + Printable.of(o.path()) + " is not instance/target/file");
            }
            if (!VERSION.matcher(o.version()).matches() || !SHA256.matcher(o.sha256()).matches() || !HASH.matcher(o.selectionHash()).matches()) {
                throw new StoreException(at + "(" + Printable.of(o.path()) + ") has a malformed version, selection hash or sha256");
            }
        }
    }

    public void write(Path file) {
        AtomicFiles.write(file, CanonicalJson.write(this));
    }

    public Optional<Output> output(String path) {
        return outputs.stream().filter(o -> o.path().equals(path)).findFirst();
    }
}
