package io.github.o365watch.render;

import java.util.List;

/**
 * What one target produced: its files, what it could not express, the limits its lists were
 * written within, and the hostname patterns its files hold (with their categories), so what they
 * admit can be said per target.
 */
public record Generated(
        TargetSpec spec,
        List<GeneratedFile> files,
        List<NotExpressed> notExpressed,
        Limits limits,
        List<String> notes,
        List<Item> hostnames) {
    public Generated {
        files = List.copyOf(files);
        notExpressed = List.copyOf(notExpressed);
        notes = List.copyOf(notes);
        hostnames = List.copyOf(hostnames);
    }

    /** As above, without the hostname items (a target that takes none, tests). */
    public Generated(
            TargetSpec spec,
            List<GeneratedFile> files,
            List<NotExpressed> notExpressed,
            Limits limits,
            List<String> notes) {
        this(spec, files, notExpressed, limits, notes, List.of());
    }

    /** True when some file admits addresses beyond the selection. */
    public boolean summarised() {
        return files.stream().anyMatch(f -> !f.widenings().isEmpty());
    }
}
