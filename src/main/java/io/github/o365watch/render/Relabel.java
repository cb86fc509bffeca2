package io.github.o365watch.render;

import io.github.o365watch.domain.Version;
import io.github.o365watch.domain.net.Widening;
import java.util.List;

/**
 * Older data versions a file is also wanted under: the same data, the headers and descriptions
 * naming the older version, as a fresh rendering of the data relabelled that version would write
 * it. Sync keeps a file's older bytes when its entries did not change; rendering the view once and
 * each wanted file again under the older label costs one more template pass per such file, not a
 * second plan and view.
 */
public interface Relabel {
    /** Nothing wanted under another label. */
    Relabel NONE = new Relabel() {
        @Override
        public List<Version> labels(String target, String file) {
            return List.of();
        }

        @Override
        public void rendered(String target, String file, Version label, byte[] content, List<Widening> widenings) {}
    };

    /** The older versions, oldest first, that {@code file} of {@code target} is also wanted under. */
    List<Version> labels(String target, String file);

    /** The file's bytes under {@code label}, each as soon as it is rendered (nothing holds them after). */
    void rendered(String target, String file, Version label, byte[] content, List<Widening> widenings);
}
