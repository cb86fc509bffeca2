package io.github.o365watch.store;

import io.github.o365watch.text.Printable;
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
 *
 * <p>{@code fingerprint} is a SHA-256 of everything the outputs were rendered from (the versions
 * applied, the selection, the targets and their options, the templates, the overrides file,
 * o365watch's own build): when a sync finds it unchanged and every file as recorded, it renders
 * nothing. Lock files written before it was recorded have none, and the next sync adds it.
 */
public record LockFile(
        Integer format, Map<String, Applied> instances, List<Output> outputs, List<Held> held, String fingerprint) {
    public static final int FORMAT = 1;

    /** Without held removals: {@code held} is left out of the file, so lock files of sites that hold none stay as they were. */
    public LockFile(Integer format, Map<String, Applied> instances, List<Output> outputs) {
        this(format, instances, outputs, null, null);
    }

    /** Without a fingerprint: a lock file of an older o365watch, or one no sync wrote. */
    public LockFile(Integer format, Map<String, Applied> instances, List<Output> outputs, List<Held> held) {
        this(format, instances, outputs, held, null);
    }

    /**
     * An entry Microsoft no longer lists that the site keeps in its outputs until {@code until}
     * ({@code selection.holdRemovalsDays}): its category, set and ports as last listed, the
     * version that no longer listed it and the day sync applied that version.
     */
    public record Held(
            String instance,
            String entry,
            String category,
            Integer setId,
            String tcpPorts,
            String udpPorts,
            String removedIn,
            String removedOn,
            String until) {
        /** Sorted by instance, entry and category: the file is canonical. */
        static final Comparator<Held> ORDER =
                Comparator.comparing(Held::instance).thenComparing(Held::entry).thenComparing(Held::category);
    }

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
    public record Output(
            String path, String target, String instance, String version, String selectionHash, String sha256) {}

    public LockFile {
        instances = new TreeMap<>(instances);
        outputs = outputs.stream().sorted(Comparator.comparing(Output::path)).toList();
        held = held == null || held.isEmpty()
                ? null
                : held.stream().sorted(Held.ORDER).toList();
    }

    /** The held removals, none when the file names none. */
    public List<Held> heldOrNone() {
        return held == null ? List.of() : held;
    }

    public static Optional<LockFile> read(Path file) {
        try {
            LockFile l;
            try {
                l = CanonicalJson.read(Files.readAllBytes(file), LockFile.class);
            } catch (RuntimeException e) {
                // a record's constructor meets nulls before the checks below can name them
                throw new StoreException(
                        "lock file " + file + " is not an o365watch lock file: "
                                + Printable.line(String.valueOf(e.getMessage()), 200),
                        e);
            }
            if (l == null
                    || l.format() == null
                    || l.format() != FORMAT
                    || l.instances() == null
                    || l.outputs() == null) {
                throw new StoreException(
                        "lock file " + file + " is not an o365watch lock file (format " + FORMAT + ")");
            }
            l.check(file);
            return Optional.of(l);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new StoreException(
                    "lock file " + file + " is not an o365watch lock file: "
                            + Printable.line(e.getOriginalMessage(), 200),
                    e);
        } catch (IOException e) {
            throw new StoreException(
                    "lock file " + file + " cannot be read: " + Printable.line(e.getMessage(), 200), e);
        }
    }

    private static final java.util.regex.Pattern VERSION = java.util.regex.Pattern.compile("[0-9]{10}");
    private static final java.util.regex.Pattern HASH = java.util.regex.Pattern.compile("[0-9a-f]{16}");
    private static final java.util.regex.Pattern SHA256 = java.util.regex.Pattern.compile("[0-9a-f]{64}");
    private static final java.util.regex.Pattern FILE =
            java.util.regex.Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,99}");

    /** Every value has the shape sync writes; a path is {@code instance/target/file} and stays inside the output directory. */
    private void check(Path file) {
        String bad = "lock file " + file + ": ";
        if (fingerprint != null && !SHA256.matcher(fingerprint).matches()) {
            throw new StoreException(bad + "fingerprint is not a SHA-256 (64 hexadecimal digits)");
        }
        checkHeld(bad);
        instances.forEach((name, a) -> {
            if (name == null
                    || !io.github.o365watch.domain.Instance.isValidName(name)
                    || a == null
                    || a.version() == null
                    || !VERSION.matcher(a.version()).matches()
                    || a.selectionHash() == null
                    || !HASH.matcher(a.selectionHash()).matches()
                    || a.revision() != null && (a.revision() < 1 || a.revision() > 9999)) {
                throw new StoreException(bad + "instances." + Printable.of(name)
                        + " is not an instance with a version, a selection hash and, after the first copy, a revision");
            }
        });
        for (int i = 0; i < outputs.size(); i++) {
            Output o = outputs.get(i);
            String at = bad + "outputs[" + (i + 1) + "] ";
            if (o == null
                    || o.path() == null
                    || o.target() == null
                    || o.instance() == null
                    || o.version() == null
                    || o.sha256() == null
                    || o.selectionHash() == null) {
                throw new StoreException(at + "lacks a path, target, instance, version, selection hash or sha256");
            }
            String[] parts = o.path().split("/", -1);
            if (parts.length != 3
                    || !io.github.o365watch.domain.Instance.isValidName(parts[0])
                    || !parts[0].equalsIgnoreCase(o.instance())
                    || !parts[1].equals(o.target())
                    || !io.github.o365watch.domain.TargetId.isValid(parts[1])
                    || !FILE.matcher(parts[2]).matches()) {
                throw new StoreException(at + "path " + Printable.of(o.path()) + " is not instance/target/file");
            }
            if (!VERSION.matcher(o.version()).matches()
                    || !SHA256.matcher(o.sha256()).matches()
                    || !HASH.matcher(o.selectionHash()).matches()) {
                throw new StoreException(
                        at + "(" + Printable.of(o.path()) + ") has a malformed version, selection hash or sha256");
            }
        }
    }

    private static final java.util.regex.Pattern DATE = java.util.regex.Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final java.util.regex.Pattern PORTS = java.util.regex.Pattern.compile("[0-9,-]{0,200}");
    private static final java.util.regex.Pattern ENTRY = java.util.regex.Pattern.compile("[0-9A-Za-z.:/*_-]{1,255}");
    private static final java.util.regex.Pattern CATEGORY =
            java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,39}");

    private void checkHeld(String bad) {
        for (int i = 0; i < heldOrNone().size(); i++) {
            Held h = heldOrNone().get(i);
            if (h == null
                    || h.instance() == null
                    || !io.github.o365watch.domain.Instance.isValidName(h.instance())
                    || h.entry() == null
                    || !ENTRY.matcher(h.entry()).matches()
                    || h.category() == null
                    || !CATEGORY.matcher(h.category()).matches()
                    || h.setId() == null
                    || h.tcpPorts() == null
                    || !PORTS.matcher(h.tcpPorts()).matches()
                    || h.udpPorts() == null
                    || !PORTS.matcher(h.udpPorts()).matches()
                    || h.removedIn() == null
                    || !VERSION.matcher(h.removedIn()).matches()
                    || h.removedOn() == null
                    || !DATE.matcher(h.removedOn()).matches()
                    || h.until() == null
                    || !DATE.matcher(h.until()).matches()) {
                throw new StoreException(bad + "held[" + (i + 1)
                        + "] is not a held entry (instance, entry, category, set, ports, the version"
                        + " that removed it, the day it was applied and the day the hold ends)");
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
