package io.github.o365watch.render;

import io.github.o365watch.domain.net.Widening;
import java.util.List;

/**
 * One generated file: its name (relative to the output directory), its bytes (UTF-8, LF), and
 * per family what summarising did to the lists it holds (empty when they are exact), as its
 * header states it.
 */
public record GeneratedFile(String name, byte[] content, List<Widening> widenings) {
    public GeneratedFile {
        widenings = List.copyOf(widenings);
    }
}
