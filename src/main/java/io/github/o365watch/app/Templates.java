package io.github.o365watch.app;

import io.github.o365watch.domain.Checksums;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** A digest of a templates directory, so that editing a template counts as a change of configuration. */
final class Templates {
    private Templates() {}

    static String digest(Path dir) {
        StringBuilder s = new StringBuilder();
        try (Stream<Path> all = Files.walk(dir)) {
            List<Path> files = all.filter(Files::isRegularFile).sorted().toList();
            for (Path f : files) {
                s.append(dir.relativize(f).toString().replace('\\', '/')).append(' ').append(Checksums.sha256(Files.readAllBytes(f))).append('\n');
            }
        } catch (IOException e) {
            throw new UsageException("cannot read the templates in " + dir + ": " + e.getMessage());
        }
        return Checksums.sha256(s.toString().getBytes(StandardCharsets.UTF_8));
    }
}
