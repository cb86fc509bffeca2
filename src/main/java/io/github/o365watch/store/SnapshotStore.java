package io.github.o365watch.store;

import io.github.o365watch.domain.ChangeRecord;
import io.github.o365watch.domain.Checksums;
import io.github.o365watch.domain.EndpointSet;
import io.github.o365watch.domain.Instance;
import io.github.o365watch.domain.InvalidDataException;
import io.github.o365watch.domain.RawChangeRecord;
import io.github.o365watch.domain.Snapshot;
import io.github.o365watch.domain.Version;
import io.github.o365watch.text.Printable;
import java.io.IOException;
import java.lang.ref.SoftReference;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The snapshot directory: {@code <root>/<instance>/<version>.json} holds the endpoint sets in
 * canonical JSON (the web service's shape, sets by id, lists sorted, keys sorted), beside it
 * {@code .changes.json} the change records fetched with it and {@code .meta.json} the checksums
 * (of both files and of the raw response). The meta file is written last and commits the
 * version. Nothing is ever overwritten: different content under a known version number becomes a
 * new revision ({@code <version>.r2.json}). Loading verifies the checksums. A version withdrawn
 * ({@link #withdraw}: the service publishes an older one and a person said the service is right)
 * keeps its files and gains a {@code <version>.withdrawn} note: it is no longer listed or the
 * newest, but the lock file may still name it and {@link #find(Instance, Version, int)} finds it.
 *
 * <p>Reads need no lock; writes must hold {@link WriterLock}.
 */
public final class SnapshotStore {
    private static final int FORMAT = 1;
    private static final String WITHDRAWN = ".withdrawn";
    private static final Pattern META = Pattern.compile("([0-9]{10})(?:\\.r([0-9]{1,4}))?\\.meta\\.json");

    private final Path root;

    /**
     * Data files this store wrote in this process, with their bytes and hash, until they are first read
     * back: sync loads the version fetch has just written, and bytes equal to those hashed moments ago
     * are not hashed again. Other bytes are hashed and checked against the meta file as always. Held
     * softly, and dropped once read, so they cost no memory past that load.
     */
    private final Map<Path, SoftReference<Written>> justWritten = new ConcurrentHashMap<>();

    private record Written(byte[] bytes, String sha256) {}

    public SnapshotStore(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public WriterLock lock(java.time.Duration timeout, String holder) {
        return WriterLock.acquire(root, timeout, holder);
    }

    /** Instances with at least one stored version, in the usual order. */
    public List<Instance> instances() {
        List<Instance> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path dir : ds) {
                List<StoredVersion> versions = scan(dir, false);
                if (!versions.isEmpty()) {
                    out.add(versions.get(0).instance());
                }
            }
        } catch (IOException e) {
            throw new StoreException("cannot list the store " + root + ": " + AtomicFiles.describe(e), e);
        }
        out.sort(null);
        return out;
    }

    /** Stored versions of an instance, oldest first; for a republished version, its newest revision. */
    public List<StoredVersion> versions(Instance instance) {
        Map<Version, StoredVersion> newest = new LinkedHashMap<>();
        for (StoredVersion v : scan(dir(instance), false)) {
            newest.merge(v.version(), v, (a, b) -> a.revision() >= b.revision() ? a : b);
        }
        return newest.values().stream()
                .sorted(Comparator.comparing(StoredVersion::version))
                .toList();
    }

    /** Every revision of every version not withdrawn, oldest first. */
    public List<StoredVersion> revisions(Instance instance) {
        return scan(dir(instance), false);
    }

    public Optional<StoredVersion> newest(Instance instance) {
        List<StoredVersion> all = versions(instance);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    public Optional<StoredVersion> find(Instance instance, Version version) {
        return versions(instance).stream()
                .filter(v -> v.version().equals(version))
                .findFirst();
    }

    /** One revision of a version (1: the first copy), withdrawn or not: the copy a lock file names. */
    public Optional<StoredVersion> find(Instance instance, Version version, int revision) {
        return scan(dir(instance), true).stream()
                .filter(v -> v.version().equals(version) && v.revision() == revision)
                .findFirst();
    }

    /**
     * Withdraws every copy of a version (call under the lock): a note beside its files, which stay
     * for review and for a lock file that names them. A later copy under the same number is a new
     * revision.
     *
     * @param why one line for a person who finds the note
     */
    public void withdraw(Instance instance, Version version, String why) {
        for (StoredVersion v : revisions(instance)) {
            if (v.version().equals(version)) {
                AtomicFiles.write(
                        dir(instance).resolve(v.baseName() + WITHDRAWN),
                        (Printable.line(why, 500) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
    }

    /** Loads and verifies the newest revision of a version. */
    public Snapshot load(Instance instance, Version version) {
        StoredVersion v = find(instance, version)
                .orElseThrow(() ->
                        new StoreException("version " + version + " of " + instance + " is not in the store " + root));
        return load(v);
    }

    public Snapshot load(StoredVersion v) {
        return load(v, v.baseName());
    }

    private Snapshot load(StoredVersion v, String base) {
        Path dir = dir(v.instance());
        Meta meta = meta(dir, base);
        Path data = dir.resolve(base + ".json");
        byte[] bytes = read(data);
        SoftReference<Written> ref = justWritten.remove(data);
        Written w = ref == null ? null : ref.get();
        if (w == null || !w.sha256().equals(meta.sha256()) || !Arrays.equals(w.bytes(), bytes)) {
            verify(data, bytes, meta.sha256());
        }
        try {
            return Snapshot.parse(v.instance(), v.version(), StoredJson.sets(bytes));
        } catch (IOException | InvalidDataException e) {
            throw new StoreException("snapshot " + data + " cannot be read: " + Printable.line(e.getMessage(), 300), e);
        }
    }

    /**
     * The endpoint sets the service published for a tenant ({@code TenantName}), if they were
     * fetched: kept beside the version as {@code <version>.tenant-<name>.json} with its own meta.
     */
    public Optional<Snapshot> tenantVariant(StoredVersion v, String tenant) {
        String base = variantBase(v, tenant);
        if (!Files.exists(dir(v.instance()).resolve(base + ".meta.json"))) {
            return Optional.empty();
        }
        return Optional.of(load(v, base));
    }

    /** Stores the tenant variant of a stored version (call under the lock); identical content is left alone. */
    public void putTenantVariant(StoredVersion v, String tenant, Snapshot snapshot, String rawSha256) {
        Path dir = dir(v.instance());
        String base = variantBase(v, tenant);
        byte[] data = canonical(snapshot);
        Path file = dir.resolve(base + ".json");
        if (Files.exists(dir.resolve(base + ".meta.json")) && AtomicFiles.sameContent(file, data)) {
            return;
        }
        AtomicFiles.write(file, data);
        Meta meta = new Meta(
                FORMAT,
                v.instance().name(),
                v.version().value(),
                v.revision(),
                snapshot.sets().size(),
                Checksums.sha256(data),
                null,
                rawSha256);
        AtomicFiles.write(dir.resolve(base + ".meta.json"), CanonicalJson.write(meta));
    }

    private static String variantBase(StoredVersion v, String tenant) {
        if (!io.github.o365watch.domain.TenantName.isValid(tenant)) {
            throw new IllegalArgumentException("not a tenant name: " + Printable.of(tenant));
        }
        return v.baseName() + ".tenant-" + tenant.toLowerCase(java.util.Locale.ROOT);
    }

    /** The change records stored with a version, or empty when none were fetched with it. */
    public Optional<List<ChangeRecord>> changes(StoredVersion v) {
        Path dir = dir(v.instance());
        Meta meta = meta(dir, v.baseName());
        if (meta.changesSha256() == null) {
            return Optional.empty();
        }
        Path file = dir.resolve(v.baseName() + ".changes.json");
        byte[] bytes = verified(file, meta.changesSha256());
        try {
            List<ChangeRecord> out = new ArrayList<>();
            for (RawChangeRecord r : CanonicalJson.read(bytes, RawChangeRecord[].class)) {
                out.add(ChangeRecord.parse(r));
            }
            return Optional.of(out);
        } catch (IOException | InvalidDataException e) {
            throw new StoreException(
                    "change records " + file + " cannot be read: " + Printable.line(e.getMessage(), 300), e);
        }
    }

    /** The SHA-256 of the response the version was read from. */
    public String rawSha256(StoredVersion v) {
        return meta(dir(v.instance()), v.baseName()).rawSha256();
    }

    /**
     * Stores a snapshot and the change records fetched with it (empty when none were fetched).
     * Call under {@link WriterLock}. Identical content is not written again; different content
     * under a stored version number becomes a new revision.
     */
    public PutResult put(Snapshot snapshot, Optional<List<ChangeRecord>> changes, String rawSha256) {
        Path dir = dir(snapshot.instance());
        byte[] data = canonical(snapshot);
        Optional<StoredVersion> existing = find(snapshot.instance(), snapshot.version());
        // withdrawn copies keep their names: a copy stored after them is a later revision
        int revision = 1
                + scan(dir, true).stream()
                        .filter(v -> v.version().equals(snapshot.version()))
                        .mapToInt(StoredVersion::revision)
                        .max()
                        .orElse(0);
        List<Integer> differing = List.of();
        if (existing.isPresent()) {
            StoredVersion old = existing.get();
            Snapshot before = load(old);
            if (Arrays.equals(canonical(before), data)) {
                return new PutResult(old, PutResult.Outcome.IDENTICAL, List.of());
            }
            differing = differentSets(before, snapshot);
        }
        StoredVersion stored = new StoredVersion(
                snapshot.instance(),
                snapshot.version(),
                revision,
                snapshot.sets().size(),
                changes.isPresent());
        String changesSha = null;
        List<Path> written = new ArrayList<>();
        CrashPoint.at("store.put", dir.resolve(stored.baseName()));
        try {
            if (changes.isPresent()) {
                byte[] c = CanonicalJson.write(changes.get().stream()
                        .sorted(Comparator.comparingInt(ChangeRecord::id))
                        .map(ChangeRecord::toRaw)
                        .toList());
                write(dir.resolve(stored.baseName() + ".changes.json"), c, written);
                changesSha = Checksums.sha256(c);
            }
            Path dataFile = dir.resolve(stored.baseName() + ".json");
            write(dataFile, data, written);
            String dataSha = Checksums.sha256(data);
            Meta meta = new Meta(
                    FORMAT,
                    snapshot.instance().name(),
                    snapshot.version().value(),
                    revision,
                    snapshot.sets().size(),
                    dataSha,
                    changesSha,
                    rawSha256);
            AtomicFiles.write(dir.resolve(stored.baseName() + ".meta.json"), CanonicalJson.write(meta));
            // hashed just now: a load that reads these bytes back does not hash them again
            justWritten.put(dataFile, new SoftReference<>(new Written(data, dataSha)));
            CrashPoint.at("store.committed", dir.resolve(stored.baseName()));
        } catch (RuntimeException e) {
            // not committed: take back what this call wrote, so the store is as it was
            for (Path p : written) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
        return new PutResult(
                stored, existing.isPresent() ? PutResult.Outcome.REVISION : PutResult.Outcome.NEW, differing);
    }

    /** Writes a file and remembers it once it is there (only what this call wrote is taken back). */
    private static void write(Path file, byte[] bytes, List<Path> written) {
        AtomicFiles.write(file, bytes);
        written.add(file);
    }

    /** The canonical bytes of a snapshot's endpoint sets, as the store writes them. */
    public static byte[] canonical(Snapshot snapshot) {
        return CanonicalJson.write(
                snapshot.sets().stream().map(EndpointSet::toRaw).toList());
    }

    /** Ids of the endpoint sets that differ (changed, added or gone), sorted. */
    private static List<Integer> differentSets(Snapshot a, Snapshot b) {
        Map<Integer, EndpointSet> left = new LinkedHashMap<>();
        a.sets().forEach(s -> left.put(s.id(), s));
        java.util.TreeSet<Integer> ids = new java.util.TreeSet<>();
        for (EndpointSet s : b.sets()) {
            EndpointSet o = left.remove(s.id());
            if (!s.equals(o)) {
                ids.add(s.id());
            }
        }
        ids.addAll(left.keySet());
        return List.copyOf(ids);
    }

    private Path dir(Instance instance) {
        return root.resolve(instance.dirName());
    }

    private List<StoredVersion> scan(Path dir, boolean withdrawnToo) {
        List<StoredVersion> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.meta.json")) {
            for (Path p : ds) {
                Matcher m = META.matcher(p.getFileName().toString());
                if (!m.matches()) {
                    continue;
                }
                int revision = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
                String base = m.group(2) == null ? m.group(1) : m.group(1) + ".r" + revision;
                if (!withdrawnToo && Files.exists(dir.resolve(base + WITHDRAWN))) {
                    continue;
                }
                Meta meta = meta(dir, base);
                Instance instance;
                Version version;
                try {
                    instance = Instance.parse(meta.instance());
                    version = Version.parse(meta.version());
                } catch (InvalidDataException e) {
                    throw new StoreException(p + " is not a valid meta file: " + e.getMessage(), e);
                }
                if (!version.value().equals(m.group(1))
                        || !instance.dirName().equals(dir.getFileName().toString())
                        || meta.revision() == null
                        || meta.revision() != revision) {
                    throw new StoreException(p + " does not describe the file it sits beside (edited or moved?)");
                }
                out.add(new StoredVersion(
                        instance,
                        version,
                        revision,
                        meta.endpointSets() == null ? 0 : meta.endpointSets(),
                        meta.changesSha256() != null));
            }
        } catch (IOException e) {
            throw new StoreException("cannot list " + dir + ": " + AtomicFiles.describe(e), e);
        }
        out.sort(Comparator.comparing(StoredVersion::version).thenComparingInt(StoredVersion::revision));
        return out;
    }

    private static Meta meta(Path dir, String base) {
        Path file = dir.resolve(base + ".meta.json");
        try {
            Meta m = StoredJson.meta(Files.readAllBytes(file));
            if (m.format() == null
                    || m.format() != FORMAT
                    || m.sha256() == null
                    || m.instance() == null
                    || m.version() == null) {
                throw new StoreException(file + " is not a valid meta file (missing fields or unknown format)");
            }
            return m;
        } catch (NoSuchFileException e) {
            throw new StoreException(file + " is missing", e);
        } catch (IOException e) {
            throw new StoreException(file + " is not a valid meta file: " + Printable.line(e.getMessage(), 300), e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new StoreException(file + " is missing (its meta file says it should be there)", e);
        } catch (IOException e) {
            throw new StoreException("cannot read " + file + ": " + AtomicFiles.describe(e), e);
        }
    }

    private static byte[] verified(Path file, String expected) {
        byte[] bytes = read(file);
        verify(file, bytes, expected);
        return bytes;
    }

    private static void verify(Path file, byte[] bytes, String expected) {
        if (!Checksums.sha256(bytes).equals(expected)) {
            if (Checksums.crlfOf(bytes, expected)) {
                throw new StoreException(
                        file + " does not match the SHA-256 recorded when it was stored: " + Checksums.CRLF_ADVICE);
            }
            throw new StoreException(file + " is corrupt or was edited: its SHA-256 does not match the one recorded"
                    + " when it was stored");
        }
    }
}
