package io.github.o365watch.serve;

import java.util.Map;
import java.util.TreeMap;

/**
 * One published release, read whole: its directory name and its files by path relative to the
 * output ({@code <instance>/<target>/<file>}). Immutable: requests answered from one release never
 * see a file of another.
 */
public record Release(String name, Map<String, ServedFile> files) {
    public Release {
        files = java.util.Collections.unmodifiableMap(new TreeMap<>(files));
    }

    public long bytes() {
        return files.values().stream().mapToLong(f -> f.bytes().length).sum();
    }
}
