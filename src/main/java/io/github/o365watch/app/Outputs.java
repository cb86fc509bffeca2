package io.github.o365watch.app;

import io.github.o365watch.domain.Checksums;
import io.github.o365watch.domain.Instance;
import io.github.o365watch.domain.Snapshot;
import io.github.o365watch.domain.Version;
import io.github.o365watch.domain.net.Widening;
import io.github.o365watch.render.Generated;
import io.github.o365watch.render.GeneratedFile;
import io.github.o365watch.render.Relabel;
import io.github.o365watch.render.Selection;
import io.github.o365watch.render.TemplateEngine;
import io.github.o365watch.store.LockFile;
import io.github.o365watch.store.StoredVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The files sync would publish for one instance's version. A file's header names the data version
 * it was rendered from; when a newer version leaves a file's entries exactly as they were, the
 * file keeps its bytes and its older version (so it is not rewritten and a device polling it sees
 * no change), and the lock file says so.
 */
final class Outputs {
    private Outputs() {}

    /** One file: its bytes, its target, the data version its header names, what summarising did to its lists, and its hash (made once). */
    record File(byte[] content, String target, Version version, List<Widening> widenings, String sha256) {
        File(byte[] content, String target, Version version, List<Widening> widenings) {
            this(content, target, version, widenings, Checksums.sha256(content));
        }
    }

    /** By path relative to the output directory ({@code worldwide/edl/...}). */
    static Map<String, File> render(
            Generate generate,
            StoredVersion stored,
            Snapshot snapshot,
            Selection selection,
            List<Generate.Job> jobs,
            TemplateEngine engine,
            LockFile lock) {
        return render(generate, stored, snapshot, selection, jobs, engine, lock, g -> {});
    }

    /** As above; {@code rendered} sees what each target produced under the version's own name. */
    static Map<String, File> render(
            Generate generate,
            StoredVersion stored,
            Snapshot snapshot,
            Selection selection,
            List<Generate.Job> jobs,
            TemplateEngine engine,
            LockFile lock,
            java.util.function.Consumer<List<Generated>> rendered) {
        Instance instance = snapshot.instance();
        Version version = snapshot.version();
        // what the lock records for each file: does rendering this data under an older version the lock names for
        // it give the bytes recorded under that version? Then the file keeps them (and that version)
        Map<String, List<LockFile.Output>> recorded = new HashMap<>();
        for (LockFile.Output o : lock.outputs()) {
            if (o.instance().equalsIgnoreCase(instance.name())) {
                recorded.computeIfAbsent(o.path(), p -> new ArrayList<>()).add(o);
            }
        }
        String dir = instance.dirName() + "/";
        Map<String, File> kept = new HashMap<>();
        Relabel relabel = new Relabel() {
            @Override
            public List<Version> labels(String target, String file) {
                TreeSet<Version> older = new TreeSet<>();
                for (LockFile.Output o : recorded.getOrDefault(dir + target + "/" + file, List.of())) {
                    Version v = Version.parse(o.version());
                    if (version.isNewerThan(v)) {
                        older.add(v);
                    }
                }
                return List.copyOf(older);
            }

            @Override
            public void rendered(String target, String file, Version label, byte[] content, List<Widening> widenings) {
                String path = dir + target + "/" + file;
                File f = new File(content, target, label, widenings);
                for (LockFile.Output o : recorded.get(path)) {
                    if (o.version().equals(label.value()) && o.sha256().equals(f.sha256())) {
                        kept.put(path, f);
                    }
                }
            }
        };
        Map<String, File> out = new TreeMap<>();
        List<Generated> generated = new ArrayList<>();
        generate.render(stored, snapshot, selection, jobs, engine, false, relabel, generated::add);
        rendered.accept(generated);
        put(out, instance, version, generated);
        out.putAll(kept);
        return out;
    }

    private static void put(Map<String, File> out, Instance instance, Version v, List<Generated> generated) {
        for (Generated g : generated) {
            for (GeneratedFile f : g.files()) {
                out.put(
                        instance.dirName() + "/" + g.spec().id() + "/" + f.name(),
                        new File(f.content(), g.spec().id(), v, f.widenings()));
            }
        }
    }
}
