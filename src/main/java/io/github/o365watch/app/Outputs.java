package io.github.o365watch.app;

import io.github.o365watch.domain.Checksums;
import io.github.o365watch.domain.Instance;
import io.github.o365watch.domain.Snapshot;
import io.github.o365watch.domain.Version;
import io.github.o365watch.domain.net.Widening;
import io.github.o365watch.render.Generated;
import io.github.o365watch.render.GeneratedFile;
import io.github.o365watch.render.Selection;
import io.github.o365watch.render.TemplateEngine;
import io.github.o365watch.store.LockFile;
import io.github.o365watch.store.StoredVersion;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
        Map<String, File> out = new TreeMap<>();
        List<Generated> generated = generate.render(stored, snapshot, selection, jobs, engine, false);
        rendered.accept(generated);
        put(out, instance, version, generated);
        // older versions the lock names for these files: does rendering this data under that name give the same bytes?
        TreeSet<Version> older = new TreeSet<>();
        for (LockFile.Output o : lock.outputs()) {
            if (o.instance().equalsIgnoreCase(instance.name()) && out.containsKey(o.path())) {
                Version v = Version.parse(o.version());
                if (version.isNewerThan(v)) {
                    older.add(v);
                }
            }
        }
        for (Version v : older) {
            // only the targets with a file the lock names under v; one target's files held at a time
            Set<String> targets = new HashSet<>();
            for (LockFile.Output o : lock.outputs()) {
                if (o.version().equals(v.value()) && out.containsKey(o.path())) {
                    targets.add(o.target());
                }
            }
            List<Generate.Job> again =
                    jobs.stream().filter(j -> targets.contains(j.target())).toList();
            generate.render(stored, snapshot, selection, again, engine, false, Optional.of(v), g -> {
                Map<String, File> relabelled = new TreeMap<>();
                put(relabelled, instance, v, List.of(g));
                for (LockFile.Output o : lock.outputs()) {
                    File f = relabelled.get(o.path());
                    if (o.version().equals(v.value()) && f != null && f.sha256().equals(o.sha256())) {
                        out.put(o.path(), f);
                    }
                }
            });
        }
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
