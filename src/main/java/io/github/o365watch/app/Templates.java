package io.github.o365watch.app;

import io.github.o365watch.domain.Checksums;
import io.github.o365watch.render.TemplateException;
import io.github.o365watch.text.Printable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** A digest of a templates directory, so that editing a template counts as a change of configuration. */
final class Templates {
    private Templates() {}

    /**
     * Reads every file in the directory, under the rule the template engine applies to the files it
     * renders: a link that leads outside the directory is refused, so a digest never reads, say,
     * a key file that a link in a shared templates directory points at.
     */
    static String digest(Path dir) {
        StringBuilder s = new StringBuilder();
        try (Stream<Path> all = Files.walk(dir)) {
            Path root = dir.toRealPath();
            List<Path> paths = all.sorted().toList();
            for (Path p : paths) {
                if (Files.isSymbolicLink(p)
                        && (!Files.exists(p) || !p.toRealPath().startsWith(root))) {
                    throw new TemplateException("template file " + p + " leads outside " + dir + "; refused");
                }
                if (Files.isRegularFile(p)) {
                    s.append(dir.relativize(p).toString().replace('\\', '/'))
                            .append(' ')
                            .append(Checksums.sha256(Files.readAllBytes(p)))
                            .append('\n');
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new TemplateException("cannot read the templates in " + dir + ": " + Printable.reason(e), e);
        }
        return Checksums.sha256(s.toString().getBytes(StandardCharsets.UTF_8));
    }
}
