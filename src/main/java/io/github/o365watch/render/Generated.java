package io.github.o365watch.render;

import java.math.BigInteger;
import java.util.List;

/** What one target produced: its files, what it could not express, what summarising admitted. */
public record Generated(TargetSpec spec, List<GeneratedFile> files, List<NotExpressed> notExpressed, BigInteger extraAddresses,
        List<String> notes) {
    public Generated {
        files = List.copyOf(files);
        notExpressed = List.copyOf(notExpressed);
        notes = List.copyOf(notes);
    }
}
