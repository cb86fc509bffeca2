package io.github.o365watch.source;

import io.github.o365watch.domain.Instance;
import io.github.o365watch.domain.Version;
import io.github.o365watch.text.Printable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
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
        return root.resolve(resource.mirrorFile());
    }

    /**
     * One instance in a mirror's {@code version.json}, and the SHA-256 of each of its files (by
     * path relative to the mirror) when o365watch wrote the mirror.
     */
    public record Entry(Instance instance, Version latest, Map<String, String> files) {
        public Entry {
            files = Map.copyOf(files);
        }
    }

    /** The mirror's index ({@code version.json}), empty when there is none yet. */
    public static Map<Instance, Entry> index(Path root) {
        Path file = path(root, new Resource.Versions());
        Map<Instance, Entry> out = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        byte[] body;
        try {
            body = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UpstreamException("cannot read the mirror index " + file + ": " + Printable.reason(e), e);
        }
        for (Entry e : WireFormat.mirrorIndex(body, "mirror " + file)) {
            out.put(e.instance(), e);
        }
        return out;
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
            return files.filter(p -> p.getFileName().toString().equalsIgnoreCase(name) && Files.isRegularFile(p))
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
