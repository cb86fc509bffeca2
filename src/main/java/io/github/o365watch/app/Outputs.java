package io.github.o365watch.app;

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
    record File(byte[] content, String target, Version version, List<Widening> widenings, String sha256) {}

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
        // the files under an older label, in the order rendered: decided once their hashes are made
        record Relabelled(
                String path,
                String target,
                Version label,
                byte[] content,
                List<Widening> widenings,
                BackgroundHashes.Hash sha256) {}
        List<Relabelled> relabelled = new ArrayList<>();
        try (BackgroundHashes hashes = new BackgroundHashes()) {
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
                public void rendered(
                        String target, String file, Version label, byte[] content, List<Widening> widenings) {
                    relabelled.add(new Relabelled(
                            dir + target + "/" + file, target, label, content, widenings, hashes.sha256(content)));
                }
            };
            List<Generated> generated = new ArrayList<>();
            Map<String, BackgroundHashes.Hash> made = new HashMap<>();
            // a file whose bytes under an older label are those the lock records under it keeps them (and that
            // label); decided after each target, so the bytes of those that do not are not held to the end
            Map<String, File> kept = new HashMap<>();
            generate.render(stored, snapshot, selection, jobs, engine, false, relabel, g -> {
                generated.add(g);
                for (GeneratedFile f : g.files()) {
                    made.put(path(instance, g, f), hashes.sha256(f.content()));
                }
                for (Relabelled r : relabelled) {
                    String sha256 = r.sha256().get();
                    for (LockFile.Output o : recorded.get(r.path())) {
                        if (o.version().equals(r.label().value()) && o.sha256().equals(sha256)) {
                            kept.put(r.path(), new File(r.content(), r.target(), r.label(), r.widenings(), sha256));
                        }
                    }
                }
                relabelled.clear();
            });
            rendered.accept(generated);
            Map<String, File> out = new TreeMap<>();
            for (Generated g : generated) {
                for (GeneratedFile f : g.files()) {
                    String path = path(instance, g, f);
                    out.put(
                            path,
                            new File(
                                    f.content(),
                                    g.spec().id(),
                                    version,
                                    f.widenings(),
                                    made.get(path).get()));
                }
            }
            out.putAll(kept);
            return out;
        }
    }

    private static String path(Instance instance, Generated g, GeneratedFile f) {
        return instance.dirName() + "/" + g.spec().id() + "/" + f.name();
    }
}
