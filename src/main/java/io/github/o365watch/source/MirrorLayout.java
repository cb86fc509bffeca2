package io.github.o365watch.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where a mirror directory keeps each resource (documented in the README):
 *
 * <pre>
 * version.json                      GET /version
 * version/&lt;Instance&gt;.json            GET /version/&lt;Instance&gt;?AllVersions=true
 * version/&lt;Instance&gt;.rss             the same, Format=RSS
 * endpoints/&lt;Instance&gt;.json          GET /endpoints/&lt;Instance&gt;
 * endpoints/&lt;Instance&gt;.tenant-&lt;t&gt;.json   the same with TenantName=t
 * changes/&lt;Instance&gt;.json            GET /changes/&lt;Instance&gt;/0000000000 (the whole history)
 * </pre>
 *
 * Files hold the response bodies byte for byte. Instance names match case-insensitively.
 */
public final class MirrorLayout {
    private MirrorLayout() {}

    /** The path a resource is written to. */
    public static Path path(Path root, Resource resource) {
        if (resource instanceof Resource.Versions) {
            return root.resolve("version.json");
        } else if (resource instanceof Resource.History h) {
            return root.resolve("version").resolve(h.instance().name() + ".json");
        } else if (resource instanceof Resource.Feed f) {
            return root.resolve("version").resolve(f.instance().name() + ".rss");
        } else if (resource instanceof Resource.Endpoints e) {
            return root.resolve("endpoints").resolve(e.instance().name()
                    + e.query().tenant().map(t -> ".tenant-" + t.toLowerCase(java.util.Locale.ROOT)).orElse("") + ".json");
        } else {
            Resource.Changes c = (Resource.Changes) resource;
            return root.resolve("changes").resolve(c.instance().name() + ".json");
        }
    }

    /** The existing file for a resource, its instance name matched case-insensitively. */
    static Optional<Path> find(Path root, Resource resource) {
        Path exact = path(root, resource);
        if (Files.isRegularFile(exact)) {
            return Optional.of(exact);
        }
        Path dir = exact.getParent();
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        String name = exact.getFileName().toString();
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().equalsIgnoreCase(name) && Files.isRegularFile(p)).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
