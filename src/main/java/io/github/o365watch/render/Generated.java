package io.github.o365watch.render;

import java.util.List;

/** What one target produced: its files, what it could not express, the limits its lists were written within. */
public record Generated(TargetSpec spec, List<GeneratedFile> files, List<NotExpressed> notExpressed, Limits limits,
        List<String> notes) {
    public Generated {
        files = List.copyOf(files);
        notExpressed = List.copyOf(notExpressed);
        notes = List.copyOf(notes);
    }

    /** True when some file admits addresses beyond the selection. */
    public boolean summarised() {
        return files.stream().anyMatch(f -> !f.widenings().isEmpty());
    }
}
